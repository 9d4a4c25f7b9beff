from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms.views.health import health
from portal.views.follow import follow
from portal.views.satisfaction import satisfaction

urlpatterns = [
    path("health/", health, name="health"),
    path("admin/", include(wagtailadmin_urls)),
    path("documenten/", include(wagtaildocs_urls)),
    path("mijn/", include("portal.urls")),
    path("formulieren/", include("forms_app.urls")),
    path("tevredenheid/<str:token>/", satisfaction, name="satisfaction"),
    path("volgen/<str:token>/", follow, name="follow"),
    path("api/webcare/", include("contacts.api.urls")),
    path("", include("cms.urls")),
]

if settings.DIGID_MOCK_ENABLED:
    urlpatterns += [path("digid-mock/", include("digid_mock.urls"))]

urlpatterns += [path("", include(wagtail_urls))]
