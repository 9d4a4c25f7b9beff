"""The site's URLs plus the upload download, until config/urls.py wires it."""

from django.urls import include, path

from forms_app.views_uploads import download

urlpatterns = [
    path("formulieren/bijlagen/<uuid:uuid>/", download, name="upload-download"),
    path("", include("config.urls")),
]
