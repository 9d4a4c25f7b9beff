"""Gemeentegegevens: the phone number, e-mail address, logo and footer come from site settings."""

import datetime as dt
import json
import re
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from wagtail.documents import get_document_model
from wagtail.models import Site

from cms.constants import ServiceKind
from cms.models import MunicipalitySettings, SocialLink
from tests.cases.factories import CaseTypeFactory
from tests.cms.factories import (
    LocationPageFactory,
    PrivacyStatementPageFactory,
    ServicePageFactory,
    add_weekday_hours,
    make_home,
)

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def home():
    return make_home()


@pytest.fixture
def municipality(home):
    settings = MunicipalitySettings.for_site(Site.objects.get(is_default_site=True))
    settings.phone = "050 123 45 67"
    settings.email = "post@hogeland.example"
    settings.save()
    return settings


def _document(name, content=b"<svg xmlns='http://www.w3.org/2000/svg'/>"):
    return get_document_model().objects.create(title=name, file=ContentFile(content, name=name))


def _footer(content: str) -> str:
    return re.search(r'<footer class="site-footer">.*?</footer>', content, re.S).group(0)


def test_footer_shows_phone_and_email_from_the_settings(client, municipality, home):
    footer = _footer(client.get(home.url).content.decode())

    assert '<a class="utrecht-link" href="tel:+31501234567">050 123 45 67</a>' in footer
    assert 'href="mailto:post@hogeland.example"' in footer
    assert "0595" not in footer


def test_changing_the_settings_changes_every_page_at_once(client, municipality, home):
    client.get(home.url)  # footer and page are cached now
    municipality.phone = "0595 11 22 33"
    municipality.save()

    assert "0595 11 22 33" in _footer(client.get(home.url).content.decode())


def test_the_footer_is_kept_in_the_process_until_the_next_publish(
    client, municipality, home, settings
):
    settings.PAGE_CACHE_SECONDS = 0  # every request makes its page
    client.get(home.url)

    with mock.patch("cms.templatetags.site_chrome.cache") as shared:
        footer = _footer(client.get(home.url).content.decode())
    shared.get.assert_not_called()
    assert "050 123 45 67" in footer

    municipality.phone = "0595 11 22 33"
    municipality.save()
    assert "0595 11 22 33" in _footer(client.get(home.url).content.decode())


def test_the_footer_is_made_again_after_an_hour(client, municipality, home, settings):
    settings.PAGE_CACHE_SECONDS = 0
    with time_machine.travel(dt.datetime(2026, 12, 1, 10, tzinfo=AMS), tick=False):
        client.get(home.url)
    # Not a publish: the process's copy of the footer lasts no longer than the shared one.
    SocialLink.objects.create(settings=municipality, name="Facebook", url="https://fb.example/hh")

    with time_machine.travel(dt.datetime(2026, 12, 1, 11, 1, tzinfo=AMS), tick=False):
        footer = _footer(client.get(home.url).content.decode())
    assert "Facebook" in footer


def test_footer_lists_social_media_and_the_legal_pages(client, municipality, home):
    SocialLink.objects.create(settings=municipality, name="Facebook", url="https://fb.example/hh")
    privacy = PrivacyStatementPageFactory(parent=home)
    municipality.privacy_page = privacy
    municipality.save()

    footer = _footer(client.get(home.url).content.decode())

    assert '<a class="utrecht-link" href="https://fb.example/hh">Facebook</a>' in footer
    assert f'<a class="utrecht-link" href="{privacy.url}">Privacy</a>' in footer


def test_header_logo_is_a_link_home_with_an_accessible_name(client, municipality, home):
    municipality.logo = _document("logo.svg")
    municipality.save()

    content = client.get(home.url).content.decode()

    logo = re.search(r'<a class="site-header__logo" href="/">(.*?)</a>', content, re.S).group(1)
    assert f'src="{municipality.logo.url}"' in logo
    assert 'alt="Gemeente Het Hogeland, naar de homepage"' in logo


def test_without_a_logo_the_name_is_the_link_text(client, municipality, home):
    content = client.get(home.url).content.decode()
    logo = re.search(r'<a class="site-header__logo" href="/">(.*?)</a>', content, re.S).group(1)
    assert re.sub(r"<[^>]+>", "", logo) == "Gemeente Het Hogeland, naar de homepage"


def test_the_logo_must_be_an_svg(municipality):
    municipality.logo = _document("logo.png", b"\x89PNG")
    with pytest.raises(ValidationError) as error:
        municipality.full_clean()
    assert "SVG" in str(error.value)


@pytest.mark.parametrize(
    ("phone", "uri"),
    [
        ("0595 44 77 77", "tel:+31595447777"),
        ("14 0595", "tel:140595"),
        ("+31 50 1234567", "tel:+31501234567"),
    ],
)
def test_phone_link_dials_from_anywhere(phone, uri):
    assert MunicipalitySettings(phone=phone).phone_uri == uri


def test_not_found_and_search_pages_use_the_settings_phone(client, municipality, home):
    assert "050 123 45 67" in client.get("/bestaat-niet/").content.decode()
    assert "050 123 45 67" in client.get("/zoeken/?q=xyzzyxyzzy").content.decode()


def test_confirmation_email_signs_with_the_settings_phone(municipality):
    text = render_to_string(
        "forms_app/email/confirmation.txt",
        {"noun": "melding", "submission": {"form_title": "Melding"}, "case": {"reference": "X"}},
    )
    assert "Telefoon 050 123 45 67" in text


def test_structured_data_carries_the_settings_phone(client, municipality, home):
    service = ServicePageFactory(parent=home)
    content = client.get(service.url).content.decode()
    data = json.loads(re.search(r'ld\+json">(.*?)</script>', content, re.S).group(1))
    assert data["provider"]["telephone"] == "+31501234567"


class TestFooterOpeningHours:
    @pytest.fixture
    def winsum(self, home):
        office = LocationPageFactory(parent=home, title="Gemeentehuis Winsum", show_in_footer=True)
        add_weekday_hours(office)
        LocationPageFactory(parent=home, title="Servicepunt Leens")  # not in the footer
        return office

    def test_footer_names_the_date_its_hours_are_for(self, client, home, winsum):
        with time_machine.travel(dt.datetime(2026, 12, 1, 10, tzinfo=AMS), tick=False):
            footer = _footer(client.get(home.url).content.decode())

        assert "Gemeentehuis Winsum" in footer
        assert "Servicepunt Leens" not in footer
        # Without JavaScript: a line that stays true on a cached page, as it names the day.
        assert "dinsdag 1 december:</span> 8.30 - 17.00 uur" in footer

    def test_footer_carries_the_coming_week_for_the_script(self, client, home, winsum):
        with time_machine.travel(dt.datetime(2026, 12, 24, 23, 50, tzinfo=AMS), tick=False):
            footer = _footer(client.get(home.url).content.decode())

        days = json.loads(
            re.search(r'data-opening-days="([^"]*)"', footer).group(1).replace("&quot;", '"')
        )
        assert days["2026-12-24"] == [["08:30", "17:00"]]
        assert days["2026-12-25"] == []  # Christmas: closed
        assert days["2026-12-28"] == [["08:30", "17:00"]]
        assert len(days) == 8
        assert "js/opening-hours.js" in footer

    def test_footer_is_made_again_on_a_new_day(self, client, home, winsum, settings):
        # The whole page may be kept a few minutes (the script picks the day); its footer
        # part must not outlive the day it names.
        settings.PAGE_CACHE_SECONDS = 0
        with time_machine.travel(dt.datetime(2026, 12, 1, 23, 59, tzinfo=AMS), tick=False):
            assert "dinsdag 1 december:" in _footer(client.get(home.url).content.decode())
        with time_machine.travel(dt.datetime(2026, 12, 2, 0, 1, tzinfo=AMS), tick=False):
            footer = _footer(client.get(home.url).content.decode())
        assert "woensdag 2 december:" in footer


class TestServiceDuration:
    def test_a_request_shows_the_answer_time(self, client, home):
        service = ServicePageFactory(parent=home, case_type=CaseTypeFactory(lead_time=5))
        content = client.get(service.url).content.decode()
        assert "U krijgt binnen 5 werkdagen antwoord." in content

    def test_an_appointment_shows_op_afspraak_and_the_delivery_time(self, client, home):
        service = ServicePageFactory(
            parent=home,
            case_type=CaseTypeFactory(lead_time=5),
            service_kind=ServiceKind.APPOINTMENT,
            delivery_time="U kunt uw paspoort na 5 werkdagen ophalen.",
        )
        content = client.get(service.url).content.decode()
        assert "Op afspraak." in content
        assert "U kunt uw paspoort na 5 werkdagen ophalen." in content
        assert "antwoord." not in content
        assert content.count("Hoe lang duurt het?") == 1

    def test_information_only_has_no_duration(self, client, home):
        service = ServicePageFactory(
            parent=home,
            case_type=CaseTypeFactory(lead_time=5),
            service_kind=ServiceKind.INFORMATION,
        )
        assert "Hoe lang duurt het?" not in client.get(service.url).content.decode()
