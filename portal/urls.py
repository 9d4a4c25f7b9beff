from django.urls import path
from mozilla_django_oidc.views import OIDCAuthenticationRequestView

from ops.ratelimits import rate_limit
from portal.views import auth, cases, contact, drafts, messages, profile

app_name = "portal"

urlpatterns = [
    path("", cases.overview, name="overview"),
    path("aanvragen/", cases.request_list, name="requests"),
    path("aanvragen/<str:reference>/", cases.case_detail, name="case-detail"),
    path("berichten/", messages.inbox, name="inbox"),
    path("berichten/<int:pk>/", messages.message_detail, name="message-detail"),
    path("berichten/bijlagen/<uuid:uuid>/", messages.attachment, name="message-attachment"),
    path("contact/", contact.history, name="contact-history"),
    path("gegevens/", profile.my_data, name="my-data"),
    path("gegevens/bevestigen/<str:token>/", profile.confirm_email, name="confirm-email"),
    path("gegevens/download.<str:fmt>", profile.download, name="my-data-download"),
    path("gegevens/avg-verzoek/", profile.erasure_request, name="erasure-request"),
    path("concepten/<uuid:uuid>/verwijderen/", drafts.delete, name="draft-delete"),
    path(
        "inloggen/",
        rate_limit("login")(OIDCAuthenticationRequestView.as_view()),
        name="login",
    ),
    path("inloggen/terug/", auth.CallbackView.as_view(), name="oidc-callback"),
    path("uitloggen/", auth.LogoutView.as_view(), name="logout"),
    path(
        "sessie/",
        rate_limit("api", key="user_or_ip")(auth.session_status),
        name="session-status",
    ),
    path(
        "sessie/verlengen/",
        rate_limit("api", key="user_or_ip")(auth.session_extend),
        name="session-extend",
    ),
    path("sessie-verlopen/", auth.session_expired, name="session-expired"),
]
