from django.urls import path

from ops.csp_report import csp_report

app_name = "ops"

urlpatterns = [
    path("csp-rapport/", csp_report, name="csp-report"),
]
