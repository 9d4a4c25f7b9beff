import datetime as dt

import factory
import wagtail_factories
from django.utils import timezone
from wagtail.models import Page, Site

from cms.constants import NewsTopic, Severity
from cms.models import (
    AccessibilityStatementPage,
    Alert,
    AlertSection,
    ContactPage,
    ContentPage,
    CookieStatementPage,
    HomePage,
    LocationPage,
    MunicipalitySettings,
    NewsIndexPage,
    NewsPage,
    OpeningHours,
    PrivacyStatementPage,
    ServiceIndexPage,
    ServicePage,
    SitemapPage,
)


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Gemeente Het Hogeland"
    intro = "Regel uw zaken online."


class ServiceIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ServiceIndexPage

    title = "Producten en diensten"
    slug = "producten-en-diensten"


class ServicePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ServicePage

    title = factory.Sequence(lambda n: f"Dienst {n}")
    summary = "Meld iets kapot of vies op straat."
    what = "<p>U meldt iets dat kapot is.</p>"
    conditions = "<p>Iedereen mag melden.</p>"
    costs = "<p>Gratis.</p>"


class ContentPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ContentPage

    title = factory.Sequence(lambda n: f"Informatie {n}")
    summary = "Algemene informatie."


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NewsIndexPage

    title = "Nieuws"
    slug = "nieuws"


class NewsPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NewsPage

    title = factory.Sequence(lambda n: f"Nieuwsbericht {n}")
    summary = "Kort nieuws."
    topic = NewsTopic.WASTE
    body = "<p>Het nieuws.</p>"
    date = factory.LazyFunction(timezone.localdate)


class LocationPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = LocationPage

    title = factory.Sequence(lambda n: f"Gemeentehuis {n}")
    street = "Hoofdstraat W 1"
    postcode = "9951 AA"
    city = "Winsum"


def add_weekday_hours(location, opens=dt.time(8, 30), closes=dt.time(17, 0)):
    for weekday in range(5):
        OpeningHours.objects.create(location=location, weekday=weekday, opens=opens, closes=closes)


class AlertFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Alert
        skip_postgeneration_save = True

    title = "Weg afgesloten"
    message = "De Hoofdstraat in Winsum is afgesloten."
    severity = Severity.WARNING
    starts_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(hours=1))
    ends_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=1))

    @factory.post_generation
    def sections(alert, create, pages, **kwargs):
        for page in pages or []:
            AlertSection.objects.create(alert=alert, page=page)


def wagtail_base_rows() -> None:
    """What Wagtail's data migrations create (a locale, the root page and collection, a
    default site), again when a transactional test before this one flushed the database."""
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Collection, Locale

    # The flush made the content types anew under other ids; forget the cached ones.
    ContentType.objects.clear_cache()
    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    if not Page.get_root_nodes().exists():
        Page.add_root(instance=Page(title="Root", slug="root"))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    if not Site.objects.filter(is_default_site=True).exists():
        Site.objects.create(
            hostname="localhost", root_page=Page.get_first_root_node(), is_default_site=True
        )


def make_home() -> HomePage:
    """A home page that the default site serves at /."""
    wagtail_base_rows()
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, slug="start")
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    # A site has its Gemeentegegevens (the demo seed makes them); no insert on the first GET.
    MunicipalitySettings.for_site(site)
    return home


class ContactPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ContactPage

    title = "Contact en openingstijden"
    slug = "contact"
    summary = "Bel, mail of kom langs."


class SitemapPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = SitemapPage

    title = "Overzicht van de website"
    slug = "overzicht"


class AccessibilityStatementPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = AccessibilityStatementPage

    title = "Toegankelijkheidsverklaring"
    slug = "toegankelijkheid"
    status = "B"
    scope = "www.hethogeland.nl en Mijn Hogeland"
    statement_date = dt.date(2026, 10, 1)
    research_date = dt.date(2026, 9, 15)
    research_by = "Stichting Toegankelijk Noorden"


class PrivacyStatementPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PrivacyStatementPage

    title = "Privacyverklaring"
    slug = "privacy"


class CookieStatementPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CookieStatementPage

    title = "Cookieverklaring"
    slug = "cookies"
