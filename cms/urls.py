from django.urls import path
from wagtail.contrib.sitemaps.views import sitemap

from cms.views import alerts, feedback, meta, search

app_name = "cms"

urlpatterns = [
    path("zoeken/", search.search, name="search"),
    path("reactie/", feedback.submit_feedback, name="feedback"),
    path("meldingen/<int:alert_id>/verbergen/", alerts.dismiss_alert, name="dismiss-alert"),
    path("meldingen/actueel/", alerts.alerts_fragment, name="alerts-fragment"),
    path("robots.txt", meta.robots_txt, name="robots"),
    path(".well-known/security.txt", meta.security_txt, name="security-txt"),
    path("sitemap.xml", sitemap, name="sitemap"),
]
