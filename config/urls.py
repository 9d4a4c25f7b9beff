from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms.views.health import health, live
from portal.views.follow import follow
from portal.views.satisfaction import satisfaction
from staffauth.views import password_login_not_here

urlpatterns = [
    path("health/", health, name="health"),
    path("health/live/", live, name="health-live"),
    path("admin/tweestaps/", include("staffauth.urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documenten/", include(wagtaildocs_urls)),
    path("mijn/", include("portal.urls")),
    path("formulieren/", include("forms_app.urls")),
    path("tevredenheid/<str:token>/", satisfaction, name="satisfaction"),
    path("volgen/<str:token>/", follow, name="follow"),
    path("api/webcare/", include("contacts.api.urls")),
    path("", include("ops.urls")),
    path("", include("cms.urls")),
]

if settings.DIGID_MOCK_ENABLED:
    urlpatterns += [path("digid-mock/", include("digid_mock.urls"))]

urlpatterns += [
    path("_util/login/", password_login_not_here),
    path("", include(wagtail_urls)),
]

# The site's own pages for a bad request and a refusal (Django's 400 renders without the
# request, so without the site's layout).
handler400 = "ops.views.bad_request"
handler403 = "ops.views.permission_denied"
