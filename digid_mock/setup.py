from django.conf import settings

CALLBACK_PATH = "/mijn/inloggen/terug/"


def ensure_client(**kwargs):
    """Register the portal as a client of the mock provider (after every migrate and flush).

    Loopback redirect URIs match on any port (RFC 8252), so the registration also fits the
    test server's random port.
    """
    from oauth2_provider.models import get_application_model

    Application = get_application_model()
    origins = settings.DIGID_MOCK_CLIENT_ORIGINS
    Application.objects.update_or_create(
        client_id=settings.OIDC_RP_CLIENT_ID,
        defaults={
            "name": "Mijn Hogeland",
            "client_type": Application.CLIENT_CONFIDENTIAL,
            "authorization_grant_type": Application.GRANT_AUTHORIZATION_CODE,
            "client_secret": settings.OIDC_RP_CLIENT_SECRET,
            "hash_client_secret": True,
            "algorithm": Application.RS256_ALGORITHM,
            "skip_authorization": True,
            "redirect_uris": " ".join(f"{origin}{CALLBACK_PATH}" for origin in origins),
            "post_logout_redirect_uris": " ".join(f"{origin}/" for origin in origins),
        },
    )
