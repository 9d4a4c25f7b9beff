from django.urls import path
from oauth2_provider import urls as oauth2_urls
from oauth2_provider import views as oauth2_views

from digid_mock.views import AuthorizeView
from ops.ratelimits import rate_limit

app_name = "oauth2_provider"

urlpatterns = [
    path(
        "authorize/",
        rate_limit("mock_login", methods=("POST",))(AuthorizeView.as_view()),
        name="authorize",
    ),
    path("token/", oauth2_views.TokenView.as_view(), name="token"),
    path("revoke_token/", oauth2_views.RevokeTokenView.as_view(), name="revoke-token"),
    path("introspect/", oauth2_views.IntrospectTokenView.as_view(), name="introspect"),
    *oauth2_urls.oidc_urlpatterns,
    *oauth2_urls.metadata_urlpatterns,
]
