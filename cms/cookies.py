"""The cookies this site sets, for the cookieverklaring: read from the settings and the code.

Only functional cookies exist (no analytics, no tracking), so no consent banner is needed.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage

# Set by portal.session (cms may not import portal); a test checks the two stay equal.
PORTAL_MARKER_COOKIE = "mijn_hogeland"
UNTIL_BROWSER_CLOSES = "tot u de browser sluit"


@dataclass(frozen=True)
class Cookie:
    name: str
    purpose: str
    lifetime: str


def _lifetime(seconds: int | None) -> str:
    if seconds is None:
        return UNTIL_BROWSER_CLOSES
    days = seconds // 86400
    if days >= 360:
        return "1 jaar"
    if days >= 1:
        return f"{days} dagen"
    return f"{max(1, seconds // 60)} minuten"


def site_cookies() -> list[Cookie]:
    # Imported here: cms.alerts imports the models, which import this module.
    from cms.alerts import DISMISSED_COOKIE, DISMISSED_MAX_AGE

    session_age = None if settings.SESSION_EXPIRE_AT_BROWSER_CLOSE else settings.SESSION_COOKIE_AGE
    return [
        Cookie(
            settings.SESSION_COOKIE_NAME,
            "Houdt bij dat u bent ingelogd (Mijn Hogeland) en bewaart een formulier dat u "
            "invult tot u het verstuurt.",
            _lifetime(session_age),
        ),
        Cookie(
            settings.CSRF_COOKIE_NAME,
            "Beveiliging: controleert dat een formulier dat u verstuurt van deze website komt.",
            _lifetime(settings.CSRF_COOKIE_AGE),
        ),
        Cookie(
            CookieStorage.cookie_name,
            "Toont een korte melding na een actie, bijvoorbeeld ‘Uw gegevens zijn opgeslagen’.",
            UNTIL_BROWSER_CLOSES,
        ),
        Cookie(
            DISMISSED_COOKIE,
            "Onthoudt welke meldingen bovenaan de pagina u heeft verborgen.",
            _lifetime(DISMISSED_MAX_AGE),
        ),
        Cookie(
            PORTAL_MARKER_COOKIE,
            "Onthoudt dat u was ingelogd, zodat wij kunnen zeggen dat uw sessie is verlopen.",
            UNTIL_BROWSER_CLOSES,
        ),
    ]
