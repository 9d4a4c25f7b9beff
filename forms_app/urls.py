from django.urls import path

from forms_app.views.uploads import download

urlpatterns = [
    path("bijlagen/<uuid:uuid>/", download, name="forms-upload-download"),
]
