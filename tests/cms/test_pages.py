import datetime as dt
import json
import re
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.blocks import BodyBlock
from cms.models import OpeningException
from tests.cases.factories import CaseTypeFactory
from tests.cms.factories import (
    LocationPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    ServiceIndexPageFactory,
    ServicePageFactory,
    add_weekday_hours,
    make_home,
)
from tests.contacts.factories import UserFactory

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def home():
    return make_home()


def _queries(client, url):
    # Warm: what is shared until the next publish (menu, footer, restrictions) is made once.
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _json_ld(content):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)
    return json.loads(match.group(1))


class TestServicePage:
    def test_sections_and_lead_time_from_the_case_type(self, client, home):
        service = ServicePageFactory(
            parent=home,
            title="Parkeervergunning",
            case_type=CaseTypeFactory(lead_time=10),
            by_phone=True,
        )

        content = client.get(service.url).content.decode()

        for heading in (
            "Wat is het?",
            "Voorwaarden",
            "Kosten",
            "Hoe regelt u het?",
            "Hoe lang duurt het?",
        ):
            assert heading in content
        assert "U krijgt binnen 10 werkdagen antwoord." in content
        assert "0595 44 77 77" in content

    def test_structured_data_is_a_government_service(self, client, home):
        service = ServicePageFactory(
            parent=home, title="Rijbewijs", summary="Verleng uw rijbewijs."
        )

        data = _json_ld(client.get(service.url).content.decode())

        assert data["@type"] == "GovernmentService"
        assert data["name"] == "Rijbewijs"
        assert data["description"] == "Verleng uw rijbewijs."

    def test_structured_data_cannot_break_out_of_the_script(self, client, home):
        service = ServicePageFactory(parent=home, title="</script><script>alert(1)</script>")

        content = client.get(service.url).content.decode()

        assert "<script>alert(1)</script>" not in content
        assert _json_ld(content)["name"] == "</script><script>alert(1)</script>"

    def test_internal_notes_only_for_staff(self, client, home):
        service = ServicePageFactory(parent=home, internal_notes="<p>Belscript: vraag naar BSN</p>")

        anonymous = client.get(service.url).content.decode()
        client.force_login(UserFactory(is_staff=True))
        staff = client.get(service.url)

        assert "Belscript" not in anonymous
        assert "Belscript" in staff.content.decode()
        assert "Alleen zichtbaar voor medewerkers" in staff.content.decode()
        assert "no-store" in staff["Cache-Control"]
        assert "private" in staff["Cache-Control"]

    def test_appointment_locations_are_listed(self, client, home):
        office = LocationPageFactory(parent=home, title="Servicepunt Leens")
        service = ServicePageFactory(parent=home)
        service.appointment_locations = [office]
        service.save_revision().publish()

        content = client.get(service.url).content.decode()

        assert "Op afspraak" in content
        assert "Servicepunt Leens" in content

    def test_service_index_queries_do_not_grow_with_services(self, client, home):
        index = ServiceIndexPageFactory(parent=home)
        for _ in range(3):
            ServicePageFactory(parent=index)
        few = _queries(client, index.url)
        for _ in range(10):
            ServicePageFactory(parent=index)

        assert _queries(client, index.url) == few


class TestNews:
    @pytest.fixture
    def news_index(self, home):
        index = NewsIndexPageFactory(parent=home)
        NewsPageFactory(
            parent=index, title="Weg dicht in Winsum", topic="verkeer", village="winsum"
        )
        NewsPageFactory(parent=index, title="Afval in Bedum", topic="afval", village="bedum")
        return index

    def test_filter_by_topic_and_village(self, client, news_index):
        content = client.get(
            news_index.url, {"onderwerp": "verkeer", "kern": "winsum"}
        ).content.decode()

        assert "Weg dicht in Winsum" in content
        assert "Afval in Bedum" not in content
        assert "1 bericht" in content

    def test_news_filters_on_every_village_a_case_can_be_in(self, client, news_index):
        NewsPageFactory(
            parent=news_index, title="Dorpsfeest in Den Andel", topic="zorg", village="den-andel"
        )

        content = client.get(news_index.url, {"kern": "den-andel"}).content.decode()

        assert "Dorpsfeest in Den Andel" in content
        assert "Weg dicht in Winsum" not in content
        assert "Den Andel" in content.split("Dorpsfeest")[0]  # a choice in the filter

    def test_unknown_filter_values_are_ignored(self, client, news_index):
        response = client.get(
            news_index.url, {"onderwerp": "<script>", "kern": "' OR 1=1", "pagina": "x"}
        )

        content = response.content.decode()
        assert response.status_code == 200
        assert "Weg dicht in Winsum" in content
        assert "Afval in Bedum" in content
        assert "<script>" not in content

    def test_pagination_and_page_out_of_range(self, client, news_index):
        for number in range(12):
            NewsPageFactory(parent=news_index, title=f"Bericht {number:02d}")

        first = client.get(news_index.url).content.decode()
        beyond = client.get(news_index.url, {"pagina": "99"}).content.decode()

        assert first.count('class="news-list__item"') == 10
        assert 'rel="next"' in first
        assert beyond.count('class="news-list__item"') == 4

    def test_queries_do_not_grow_with_news_items(self, client, news_index):
        few = _queries(client, news_index.url)
        for _ in range(15):
            NewsPageFactory(parent=news_index)

        assert _queries(client, news_index.url) == few

    def test_home_queries_do_not_grow_with_news(self, client, home, news_index):
        few = _queries(client, home.url)
        for _ in range(10):
            NewsPageFactory(parent=news_index)

        assert _queries(client, home.url) == few


class TestLocation:
    @pytest.fixture
    def office(self, home):
        office = LocationPageFactory(parent=home, title="Gemeentehuis Winsum")
        add_weekday_hours(office)
        return office

    @pytest.mark.parametrize(
        ("moment", "is_open"),
        [
            (dt.datetime(2026, 11, 30, 10, 0, tzinfo=AMS), True),  # Monday morning
            (dt.datetime(2026, 11, 30, 17, 0, tzinfo=AMS), False),  # closing time
            (dt.datetime(2026, 11, 28, 10, 0, tzinfo=AMS), False),  # Saturday
            (dt.datetime(2026, 12, 25, 10, 0, tzinfo=AMS), False),  # Christmas, a Friday
        ],
    )
    def test_open_now_at_request_time(self, client, office, moment, is_open):
        with mock.patch("django.utils.timezone.now", return_value=moment):
            content = client.get(office.url).content.decode()

        assert ("Nu geopend" in content) is is_open
        assert ("Nu gesloten" in content) is not is_open

    def test_exception_overrides_regular_hours(self, client, office):
        OpeningException.objects.create(
            location=office,
            date=dt.date(2026, 12, 24),
            closed=False,
            opens=dt.time(8, 30),
            closes=dt.time(12, 0),
            note="Kerstavond",
        )
        office.refresh_from_db()

        assert office.is_open_at(dt.datetime(2026, 12, 24, 11, 0, tzinfo=AMS))
        assert not office.is_open_at(dt.datetime(2026, 12, 24, 13, 0, tzinfo=AMS))

    def test_schedule_lists_every_day(self, client, office):
        content = client.get(office.url).content.decode()

        assert "Maandag" in content
        assert "08.30 - 17.00 uur" in content
        assert "Zondag" in content

    def test_closing_time_before_opening_is_refused(self, office):
        from cms.models import OpeningHours

        hours = OpeningHours(location=office, weekday=0, opens=dt.time(17), closes=dt.time(9))

        with pytest.raises(ValidationError, match="na de openingstijd"):
            hours.clean()


class TestBlocks:
    def test_image_without_alt_text_cannot_be_saved(self):
        from wagtail_factories import ImageFactory

        image = ImageFactory()
        block = BodyBlock()
        value = block.to_python(
            [{"type": "image", "value": {"image": image.pk, "alt": "", "caption": ""}}]
        )

        with pytest.raises(ValidationError):
            block.clean(value)

    def test_image_with_alt_text_is_fine(self):
        from wagtail_factories import ImageFactory

        image = ImageFactory()
        block = BodyBlock()
        value = block.to_python(
            [
                {
                    "type": "image",
                    "value": {"image": image.pk, "alt": "Het gemeentehuis", "caption": ""},
                }
            ]
        )

        assert block.clean(value)


def test_sitemap_robots_and_security_txt(client, home):
    ServicePageFactory(parent=home, title="Rijbewijs", slug="rijbewijs")

    assert "/rijbewijs/" in client.get("/sitemap.xml").content.decode()
    assert "Disallow: /mijn/" in client.get("/robots.txt").content.decode()
    assert "Contact: mailto:" in client.get("/.well-known/security.txt").content.decode()
