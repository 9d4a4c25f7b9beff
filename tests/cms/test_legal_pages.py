"""Toegankelijkheidsverklaring, privacyverklaring, cookieverklaring and the sitemap page."""

import datetime as dt
import json
import re

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction, Site

from cms.cookies import PORTAL_MARKER_COOKIE
from cms.models import MunicipalitySettings
from portal.session import MARKER_COOKIE
from tests.cms.factories import (
    AccessibilityStatementPageFactory,
    ContentPageFactory,
    CookieStatementPageFactory,
    PrivacyStatementPageFactory,
    ServiceIndexPageFactory,
    ServicePageFactory,
    SitemapPageFactory,
    make_home,
)
from tests.forms_app.factories import FormPageFactory, field, step

pytestmark = pytest.mark.django_db


@pytest.fixture
def home():
    return make_home()


def _text(html: str) -> str:
    inline_removed = re.sub(r"</?(strong|a|span|time|code)\b[^>]*>", "", html)
    return " ".join(re.sub(r"<[^>]+>", " ", inline_removed).split())


def _form_section(content: str, anchor: str) -> str:
    return re.search(rf'<section class="form-privacy" id="{anchor}".*?</section>', content, re.S)[0]


class TestPrivacyStatement:
    def test_each_form_lists_its_questions_purpose_and_retention(self, client, home):
        form = FormPageFactory(parent=home, title="Melding doen", retention_days=365)
        privacy = PrivacyStatementPageFactory(parent=home)

        section = _text(
            _form_section(client.get(privacy.url).content.decode(), f"formulier-{form.slug}")
        )

        assert "Melding doen" in section
        assert f"Om uw aanvraag ({form.case_type.name}) te behandelen." in section
        for question in ("Soort melding", "Omschrijving", "Locatie", "E-mailadres"):
            assert f"Uw antwoord op ‘{question}’" in section
        assert "Uw burgerservicenummer (BSN), via DigiD" in section
        assert "bewaren wij 365 dagen nadat uw aanvraag is afgerond" in section

    def test_an_editor_changing_a_form_changes_the_statement(self, client, home):
        form = FormPageFactory(parent=home, retention_days=365)
        privacy = PrivacyStatementPageFactory(parent=home)
        client.get(privacy.url)  # cached now

        form.retention_days = 90
        form.steps = json.dumps([step("Vraag", field("Uw vraag", "textarea"))])
        form.save_revision().publish()

        section = _text(
            _form_section(client.get(privacy.url).content.decode(), f"formulier-{form.slug}")
        )
        assert "bewaren wij 90 dagen" in section
        assert "Uw antwoord op ‘Uw vraag’" in section
        assert "Soort melding" not in section

    def test_a_form_without_login_names_the_email_address(self, client, home):
        form = FormPageFactory(parent=home, login_required=False, allow_anonymous_email=True)
        privacy = PrivacyStatementPageFactory(parent=home)
        section = _text(
            _form_section(client.get(privacy.url).content.decode(), f"formulier-{form.slug}")
        )
        assert "Uw e-mailadres, als u het invult om op de hoogte te blijven" in section
        assert "BSN" not in section

    def test_forms_that_are_not_live_are_left_out(self, client, home):
        FormPageFactory(parent=home, title="Concept formulier", live=False)
        privacy = PrivacyStatementPageFactory(parent=home)
        content = client.get(privacy.url).content.decode()
        assert "Concept formulier" not in content
        assert "Er staan nu geen formulieren op de website." in content

    def test_first_step_of_a_form_links_to_its_part_of_the_statement(self, client, home):
        privacy = PrivacyStatementPageFactory(parent=home)
        settings = MunicipalitySettings.for_site(Site.objects.get(is_default_site=True))
        settings.privacy_page = privacy
        settings.save()
        form = FormPageFactory(parent=home, login_required=False)

        content = client.get(form.url, follow=True).content.decode()

        line = re.search(r'<p class="utrecht-paragraph privacy-line".*?</p>', content, re.S)[0]
        assert f'href="{privacy.url}#formulier-{form.slug}"' in line
        assert "Lees welke gegevens wij vragen en hoe lang wij ze bewaren" in line

    def test_the_privacy_line_is_read_once_per_publish_and_follows_changes(self, client, home):
        privacy = PrivacyStatementPageFactory(parent=home)
        settings = MunicipalitySettings.for_site(Site.objects.get(is_default_site=True))
        settings.privacy_page = privacy
        settings.save()
        form = FormPageFactory(parent=home, login_required=False, case_type__noun="aanvraag")
        # The form's URL shows step 1 at once; its form posts to the step's own URL.
        start = client.get(form.url).content.decode()
        step_url = re.search(r'<form method="post" action="([^"]+)"', start)[1]
        client.get(step_url)

        with CaptureQueriesContext(connection) as queries:
            line = _privacy_line(client.get(step_url))
        assert "om uw aanvraag te behandelen" in line
        assert f'href="{privacy.url}#formulier-{form.slug}"' in line
        read = " ".join(query["sql"] for query in queries.captured_queries)
        assert "cases_casetype" not in read
        assert "cms_municipalitysettings" not in read

        # Staff change the case type: no publish of the form needed.
        form.case_type.noun = "melding"
        form.case_type.save()
        assert "om uw melding te behandelen" in _privacy_line(client.get(step_url))

        privacy.slug = "privacy-en-gegevens"
        privacy.save_revision().publish()
        assert 'href="/privacy-en-gegevens/#formulier-' in _privacy_line(client.get(step_url))

        privacy.unpublish()
        line = _privacy_line(client.get(step_url))
        assert "om uw melding te behandelen." in line
        assert "<a" not in line


def _privacy_line(response) -> str:
    content = response.content.decode()
    return re.search(r'<p class="utrecht-paragraph privacy-line".*?</p>', content, re.S)[0]


class TestCookieStatement:
    def test_lists_the_functional_cookies_by_their_configured_names(self, client, home):
        page = CookieStatementPageFactory(parent=home)
        with override_settings(SESSION_COOKIE_NAME="hogeland_sessie"):
            content = client.get(page.url).content.decode()
        table = _text(re.search(r"<table.*?</table>", content, re.S)[0])
        for name in (
            "hogeland_sessie",
            "csrftoken",
            "messages",
            "verborgen_meldingen",
            "mijn_hogeland",
        ):
            assert name in table
        assert "sessionid" not in table
        assert "Wij gebruiken geen cookies om te meten of om u te volgen." in content

    def test_the_portal_marker_cookie_name_is_the_one_the_portal_sets(self):
        assert PORTAL_MARKER_COOKIE == MARKER_COOKIE


class TestAccessibilityStatement:
    def test_register_format_status_scope_dates_issues_and_contact(self, client, home):
        settings = MunicipalitySettings.for_site(Site.objects.get(is_default_site=True))
        settings.email = "toegankelijk@hogeland.example"
        settings.save()
        page = AccessibilityStatementPageFactory(
            parent=home,
            status="B",
            known_issues=json.dumps(
                [
                    {
                        "type": "issue",
                        "value": {
                            "description": "Oude PDF-bestanden zijn niet toegankelijk",
                            "criterion": "1.3.1",
                            "fix": "Vervangen in 2027",
                        },
                    }
                ]
            ),
        )

        text = _text(client.get(page.url).content.decode())

        assert "Status B: voldoet gedeeltelijk" in text
        assert "Geldt voor www.hethogeland.nl en Mijn Hogeland" in text
        assert "Datum verklaring 1 oktober 2026" in text
        assert "Op 15 september 2026 heeft Stichting Toegankelijk Noorden" in text
        issue = "Oude PDF-bestanden zijn niet toegankelijk (succescriterium 1.3.1). Vervangen in"
        assert issue in text
        assert "toegankelijk@hogeland.example" in text

    def test_one_statement_per_site(self, home):
        from cms.models import AccessibilityStatementPage

        assert AccessibilityStatementPage.can_create_at(home)
        AccessibilityStatementPageFactory(parent=home)
        assert not AccessibilityStatementPage.can_create_at(home)


class TestSitemapPage:
    def test_live_public_pages_grouped_by_section(self, client, home):
        services = ServiceIndexPageFactory(parent=home)
        passport = ServicePageFactory(parent=services, title="Paspoort")
        ServicePageFactory(parent=services, title="Concept dienst", live=False)
        about = ContentPageFactory(parent=home, title="Over de gemeente")
        secret = ContentPageFactory(parent=about, title="Alleen intern")
        PageViewRestriction.objects.create(page=secret, restriction_type="login")
        sitemap = SitemapPageFactory(parent=home)

        content = client.get(sitemap.url).content.decode()

        section = re.search(r'<section class="sitemap-section".*?</section>', content, re.S)[0]
        assert "Producten en diensten" in section and f'href="{passport.url}"' in section
        assert "Over de gemeente" in content
        assert "Concept dienst" not in content
        assert "Alleen intern" not in content
        assert content.count("Overzicht van de website") == content.count(
            "Overzicht van de website"
        )

    def test_sitemap_builds_the_tree_in_a_fixed_number_of_queries(self, client, home):
        services = ServiceIndexPageFactory(parent=home)
        sitemap = SitemapPageFactory(parent=home)
        client.get(sitemap.url + "?warm")
        for n in range(3):
            ServicePageFactory(parent=services, title=f"Dienst {n}")
        with CaptureQueriesContext(connection) as few:
            client.get(sitemap.url + "?a")
        for n in range(10):
            ServicePageFactory(parent=services, title=f"Meer {n}")
        with CaptureQueriesContext(connection) as many:
            client.get(sitemap.url + "?b")
        assert len(many.captured_queries) == len(few.captured_queries)


def test_statement_dates_render_in_dutch(client, home):
    page = AccessibilityStatementPageFactory(parent=home, statement_date=dt.date(2026, 3, 2))
    assert "2 maart 2026" in client.get(page.url).content.decode()
