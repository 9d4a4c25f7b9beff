from django.urls import path

from staffauth import views

app_name = "staffauth"

urlpatterns = [
    path("", views.VerifyView.as_view(), name="verify"),
    path("instellen/", views.EnrolView.as_view(), name="enrol"),
    path("koppelen/<str:token>/", views.EnrolmentLinkView.as_view(), name="link"),
]
