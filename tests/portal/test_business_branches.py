"""eHerkenning with branches: one party per KvK number, a login for the whole business or for
one branch (vestiging), and who sees what.

The rule: what a login for one branch makes (request, contact, draft, upload) records the
branch number. A login for the whole KvK number sees every request of the business; a login
for one branch sees only the requests made under that branch (and their messages, attachments
and uploads). Drafts belong to the login that started them. Another business: 404.
"""

import hashlib
import json
import uuid
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import QuerySet

from cases.admin_views.access import log_view
from cases.models import Case, MessageAttachment
from cases.services import message_to_resident
from contacts.constants import (
    SESSION_ASSURANCE_LEVEL,
    SESSION_PORTAL_AUTH,
    SESSION_PORTAL_AUTH_OIDC,
    ResidentKind,
)
from contacts.models import BranchLogin, ContactMoment, Resident
from contacts.selectors import resident_for_user
from contacts.services import (
    resident_login_business,
    resident_request_email_change,
    resident_update_preferences,
)
from forms_app.constants import ScanStatus
from forms_app.models import Draft, Upload
from forms_app.services.drafts import draft_save
from forms_app.services.submissions import submit
from forms_app.views.uploads import _log_staff_access
from tests.cases.factories import CaseTypeFactory
from tests.cms.factories import make_home
from tests.contacts.factories import ResidentFactory, TeamFactory, UserFactory
from tests.forms_app.factories import FormPageFactory
from tests.portal.oidc import login_with_eherkenning, portal_login

pytestmark = pytest.mark.django_db

BAKERY = "68750110"  # Bakkerij De Hoogte in the demo KvK register, two branches
WINSUM = "000037178598"
UITHUIZEN = "000037178601"
NURSERY = "69599084"  # Kwekerij Warffum


def _header(client):
    from bs4 import BeautifulSoup

    page = BeautifulSoup(client.get("/mijn/").content, "html.parser")
    who = page.select_one("[data-testid=ingelogd-namens]")
    return who.get_text(strip=True) if who else ""


def _log_in(client, kvk, branch=""):
    """What the OIDC login leaves behind, without the round trip through the mock."""
    client.logout()
    user = resident_login_business(kvk=kvk, branch=branch)
    client.force_login(user, backend="portal.auth.DigiDBackend")
    session = client.session
    session[SESSION_PORTAL_AUTH] = SESSION_PORTAL_AUTH_OIDC
    session[SESSION_ASSURANCE_LEVEL] = "substantieel"
    session.save()
    return resident_for_user(user)


# --- the party and the register ------------------------------------------------------------


def test_the_name_comes_from_the_kvk_register_and_is_refreshed_at_login(client):
    login_with_eherkenning(client, BAKERY)
    business = Resident.objects.get(kvk_number=BAKERY)
    assert business.name == "Bakkerij De Hoogte"

    Resident.objects.filter(pk=business.pk).update(name="Oude naam")
    client.post("/mijn/uitloggen/")
    login_with_eherkenning(client, BAKERY)

    assert Resident.objects.get(pk=business.pk).name == "Bakkerij De Hoogte"


def test_a_name_the_register_does_not_know_is_kept(client):
    Resident.objects.create(kind=ResidentKind.BUSINESS, kvk_number="12345678", name="Fa. Dijk")

    login_with_eherkenning(client, "12345678")

    assert Resident.objects.get(kvk_number="12345678").name == "Fa. Dijk"
    assert _header(client) == "Ingelogd namens Fa. Dijk (KvK 12345678)"


def test_the_header_names_the_business_from_the_register(client):
    login_with_eherkenning(client, BAKERY)

    assert _header(client) == f"Ingelogd namens Bakkerij De Hoogte (KvK {BAKERY})"


def test_the_header_names_the_branch_of_a_branch_login(client):
    login_with_eherkenning(client, BAKERY, branch=UITHUIZEN)

    # The branch by its place in the KvK register, not its 12-digit number.
    assert (
        _header(client) == f"Ingelogd namens Bakkerij De Hoogte, vestiging Uithuizen (KvK {BAKERY})"
    )


def test_the_header_reads_the_branch_name_stored_at_login_without_asking_the_register(
    client, monkeypatch
):
    _log_in(client, BAKERY, WINSUM)

    def no_register():
        raise AssertionError("the register is asked at login only")

    monkeypatch.setattr("contacts.services.get_kvk_register", no_register)

    assert _header(client) == f"Ingelogd namens Bakkerij De Hoogte, vestiging Winsum (KvK {BAKERY})"


def test_a_branch_the_register_does_not_know_is_shown_by_its_number(client):
    _log_in(client, BAKERY, "000099999999")

    assert (
        _header(client)
        == f"Ingelogd namens Bakkerij De Hoogte, vestiging 000099999999 (KvK {BAKERY})"
    )


def test_the_database_allows_one_business_party_per_kvk_number():
    Resident.objects.create(kind=ResidentKind.BUSINESS, kvk_number=BAKERY)

    with pytest.raises(IntegrityError), transaction.atomic():
        Resident.objects.create(kind=ResidentKind.BUSINESS, kvk_number=BAKERY)
    # Businesses staff registered without a KvK number are not held to it.
    Resident.objects.create(kind=ResidentKind.BUSINESS, kvk_number="")
    Resident.objects.create(kind=ResidentKind.BUSINESS, kvk_number="")


def test_a_first_login_that_loses_the_race_uses_the_winners_party(monkeypatch):
    """Another process creates the party between our look-up and our insert: our insert
    fails on the constraint and the login goes on with the winner's party."""
    original = QuerySet._extract_model_params

    def competitor_wins(self, defaults, **kwargs):
        if self.model is Resident and not Resident.objects.filter(kvk_number=BAKERY).exists():
            Resident.objects.bulk_create(
                [Resident(kind=ResidentKind.BUSINESS, kvk_number=BAKERY, name="Winnaar")]
            )
        return original(self, defaults, **kwargs)

    monkeypatch.setattr(QuerySet, "_extract_model_params", competitor_wins)

    user = resident_login_business(kvk=BAKERY)

    business = Resident.objects.get(kvk_number=BAKERY)
    assert user.resident == business
    assert Resident.objects.filter(kvk_number=BAKERY).count() == 1
    # The register's name replaces the one the other login wrote.
    assert business.name == "Bakkerij De Hoogte"


def test_a_branch_login_is_its_own_user_of_the_same_party():
    whole = resident_login_business(kvk=BAKERY)
    winsum = resident_login_business(kvk=BAKERY, branch=WINSUM)
    again = resident_login_business(kvk=BAKERY, branch=WINSUM)
    uithuizen = resident_login_business(kvk=BAKERY, branch=UITHUIZEN)

    assert len({whole.pk, winsum.pk, uithuizen.pk}) == 3
    assert again == winsum
    assert Resident.objects.filter(kvk_number=BAKERY).count() == 1
    assert resident_for_user(winsum) == resident_for_user(whole)
    assert resident_for_user(winsum).branch_scope == WINSUM
    assert resident_for_user(whole).branch_scope == ""
    assert BranchLogin.objects.count() == 2


# --- what each login makes and sees --------------------------------------------------------


@pytest.fixture
def page():
    return FormPageFactory(parent=make_home(), login_required=True, minimum_assurance="basis")


def _request_by(resident, page, title):
    """A request sent through the forms service by this login, with a message, an attachment
    on it and an upload with the submission."""
    submission = submit(
        page=page,
        answers=[],
        idempotency_key=uuid.uuid4(),
        resident=resident,
    )
    case = submission.case
    Case.objects.filter(pk=case.pk).update(title=title)
    message = message_to_resident(
        resident=resident, case=case, subject=f"Over {title}", body="Tekst", by=None
    )
    attachment = MessageAttachment.objects.create(
        message=message,
        file=ContentFile(b"%PDF-1.4", name="a.pdf"),
        original_name="a.pdf",
        content_type="application/pdf",
        size=8,
    )
    upload = Upload(
        original_name=f"bijlage {title}.pdf",
        content_type="application/pdf",
        size=8,
        sha256=hashlib.sha256(b"%PDF-1.4").hexdigest(),
        scan_status=ScanStatus.CLEAN,
        field_key="bijlagen",
        resident=resident,
        branch_number=resident.branch_scope,
        owner_token_hash="x" * 64,
        submission=submission,
    )
    upload.file.save("upload", ContentFile(b"%PDF-1.4"), save=False)
    upload.save()
    return {
        "case": Case.objects.get(pk=case.pk),
        "message": message,
        "attachment": attachment,
        "upload": upload,
    }


def _urls(made):
    return {
        "aanvraag": f"/mijn/aanvragen/{made['case'].reference}/",
        "bericht": f"/mijn/berichten/{made['message'].pk}/",
        "bijlage": f"/mijn/berichten/bijlagen/{made['attachment'].uuid}/",
        "upload": f"/formulieren/bijlagen/{made['upload'].uuid}/",
    }


@pytest.fixture
def world(client, page):
    """Requests of the bakery as a whole, of its two branches, and of another business."""
    made = {}
    for name, kvk, branch in (
        ("geheel", BAKERY, ""),
        ("winsum", BAKERY, WINSUM),
        ("uithuizen", BAKERY, UITHUIZEN),
        ("kwekerij", NURSERY, ""),
    ):
        resident = _log_in(client, kvk, branch)
        made[name] = _request_by(resident, page, f"Aanvraag {name}")
        made[name]["draft"] = draft_save(resident=resident, page=page, data={"step": name})
    # Staff looked at each request and its upload (what the case and upload views log).
    staff = UserFactory(is_staff=True, first_name="Mo", last_name="Medewerker")
    for made_by in made.values():
        log_view(made_by["case"], staff, acting=True)
        _log_staff_access(SimpleNamespace(user=staff), made_by["upload"])
    client.logout()
    return made


def test_what_a_branch_login_makes_records_its_branch(client, world):
    assert world["winsum"]["case"].branch_number == WINSUM
    assert world["winsum"]["upload"].branch_number == WINSUM
    assert world["winsum"]["draft"].branch_number == WINSUM
    assert world["geheel"]["case"].branch_number == ""
    contact = ContactMoment.objects.get(cases=world["winsum"]["case"])
    assert contact.branch_number == WINSUM
    # Still one party for the whole business.
    assert {world[name]["case"].resident_id for name in ("geheel", "winsum", "uithuizen")} == {
        Resident.objects.get(kvk_number=BAKERY).pk
    }


@pytest.mark.parametrize(
    ("login", "sees", "does_not_see"),
    [
        ((BAKERY, ""), ["geheel", "winsum", "uithuizen"], ["kwekerij"]),
        ((BAKERY, WINSUM), ["winsum"], ["geheel", "uithuizen", "kwekerij"]),
        ((BAKERY, UITHUIZEN), ["uithuizen"], ["geheel", "winsum", "kwekerij"]),
        ((NURSERY, ""), ["kwekerij"], ["geheel", "winsum", "uithuizen"]),
    ],
    ids=["bakkerij-geheel", "vestiging-winsum", "vestiging-uithuizen", "kwekerij"],
)
def test_each_login_sees_its_own_requests_and_gets_404_for_the_rest(
    client, world, login, sees, does_not_see
):
    _log_in(client, *login)

    listing = client.get("/mijn/aanvragen/?toon=alle").content.decode()
    inbox = client.get("/mijn/berichten/").content.decode()
    exported = json.dumps(
        json.loads(client.get("/mijn/gegevens/download.json").content), ensure_ascii=False
    )
    # "Wie heeft uw gegevens bekeken?": staff looks at requests and their uploads.
    access_log = client.get("/mijn/gegevens/").content.decode()
    for name in sees:
        assert world[name]["case"].reference in listing, name
        assert f"Over Aanvraag {name}" in inbox, name
        assert world[name]["case"].reference in exported, name
        assert world[name]["case"].reference in access_log, name
        assert f"bijlage Aanvraag {name}.pdf" in access_log, name
        assert f"bijlage Aanvraag {name}.pdf" in exported, name
        for what, url in _urls(world[name]).items():
            assert client.get(url).status_code == 200, (name, what)
    for name in does_not_see:
        assert world[name]["case"].reference not in listing, name
        assert f"Over Aanvraag {name}" not in inbox, name
        assert world[name]["case"].reference not in exported, name
        assert world[name]["case"].reference not in access_log, name
        assert f"bijlage Aanvraag {name}.pdf" not in access_log, name
        assert f"bijlage Aanvraag {name}.pdf" not in exported, name
        for what, url in _urls(world[name]).items():
            assert client.get(url).status_code == 404, (name, what)
        # Replying or deleting changes nothing either.
        assert client.post(_urls(world[name])["bericht"], {"body": "x"}).status_code == 404
        draft = world[name]["draft"]
        assert client.post(f"/mijn/concepten/{draft.uuid}/verwijderen/").status_code == 404
        assert Draft.objects.filter(pk=draft.pk).exists()


def test_drafts_belong_to_the_login_that_started_them(client, world, page):
    _log_in(client, BAKERY, WINSUM)
    overview = client.get("/mijn/").content.decode()
    own = world["winsum"]["draft"]

    assert f"/mijn/concepten/{own.uuid}/verwijderen/" in overview
    assert f"/mijn/concepten/{world['geheel']['draft'].uuid}/" not in overview
    assert client.post(f"/mijn/concepten/{own.uuid}/verwijderen/").status_code == 302
    assert not Draft.objects.filter(pk=own.pk).exists()
    # The whole business's draft of the same form is untouched.
    assert Draft.objects.filter(pk=world["geheel"]["draft"].pk).exists()


def test_a_person_logged_in_with_digid_sees_none_of_it(client, world):
    portal_login(client, ResidentFactory())

    for made in world.values():
        for what, url in _urls(made).items():
            assert client.get(url).status_code == 404, what


def test_a_branch_cannot_claim_another_branchs_submission_by_its_key(client, page):
    winsum = _log_in(client, BAKERY, WINSUM)
    key = uuid.uuid4()
    sent = submit(page=page, answers=[], idempotency_key=key, resident=winsum)
    uithuizen = _log_in(client, BAKERY, UITHUIZEN)

    assert submit(page=page, answers=[], idempotency_key=key, resident=winsum) == sent
    with pytest.raises(PermissionDenied):
        submit(page=page, answers=[], idempotency_key=key, resident=uithuizen)


# --- the business's own details: the whole KvK login only ---------------------------------


def _details(business):
    business.refresh_from_db()
    return (business.phone, business.pending_email, business.notify_status)


PREFERENCES = {
    "email": "inkoop@bakkerij.example",
    "phone": "0595 123456",
    "preferred_channel": "email",
    "notify_status": "",
}


def test_a_branch_login_reads_the_business_details_but_cannot_change_them(client):
    CaseTypeFactory(slug="avg-verzoek", name="AVG-verzoek", team=TeamFactory())
    winsum = _log_in(client, BAKERY, WINSUM)
    before = _details(winsum)

    page = client.get("/mijn/gegevens/").content.decode()
    changed = client.post("/mijn/gegevens/", PREFERENCES)
    avg = client.post(
        "/mijn/gegevens/avg-verzoek/", {"kind": "verwijdering", "explanation": "Alles weg"}
    )

    assert "Alleen wie inlogt voor het hele bedrijf" in page
    assert 'action="/mijn/gegevens/avg-verzoek/"' not in page
    assert "<button" not in page.split("Contactgegevens en berichten")[1].split("<h2")[0]
    assert changed.status_code == 404
    assert avg.status_code == 404
    assert _details(winsum) == before
    assert not Case.objects.filter(title__startswith="AVG-verzoek").exists()


def test_the_whole_business_login_changes_the_details_and_files_an_avg_request(client):
    CaseTypeFactory(slug="avg-verzoek", name="AVG-verzoek", team=TeamFactory())
    business = _log_in(client, BAKERY)

    page = client.get("/mijn/gegevens/").content.decode()
    changed = client.post("/mijn/gegevens/", PREFERENCES)
    avg = client.post(
        "/mijn/gegevens/avg-verzoek/", {"kind": "verwijdering", "explanation": "Alles weg"}
    )

    assert "Alleen wie inlogt voor het hele bedrijf" not in page
    # A business reads about the Handelsregister, not the BRP or a move.
    assert "Handelsregister" in page and business.kvk_number in page
    assert "Basisregistratie Personen" not in page and "verhuizing" not in page
    assert changed.status_code == 302
    assert avg.status_code == 302
    assert _details(business) == ("0595 123 456", "inkoop@bakkerij.example", False)
    assert Case.objects.filter(title__startswith="AVG-verzoek", branch_number="").exists()


def test_the_services_refuse_a_branch_login_too():
    winsum = resident_for_user(resident_login_business(kvk=BAKERY, branch=WINSUM))

    with pytest.raises(PermissionDenied):
        resident_update_preferences(
            resident=winsum,
            phone="0595 123456",
            preferred_channel="email",
            notify_status=False,
            notify_messages=False,
            notify_reminders=False,
        )
    with pytest.raises(PermissionDenied):
        resident_request_email_change(resident=winsum, email="inkoop@bakkerij.example")
    assert _details(winsum) == ("", "", True)


def test_a_branch_login_cannot_write_on_another_branchs_request_through_the_service(world):
    from django.core.exceptions import ValidationError

    from cases.services import message_from_resident

    winsum = resident_for_user(resident_login_business(kvk=BAKERY, branch=WINSUM))
    business = resident_for_user(resident_login_business(kvk=BAKERY))

    for name in ("uithuizen", "geheel"):
        with pytest.raises(ValidationError):
            message_from_resident(
                resident=winsum, case=world[name]["case"], subject="Hoi", body="Tekst"
            )
    assert not world["uithuizen"]["case"].messages.filter(subject="Hoi").exists()
    # Its own branch's request, and the whole business on any of them: allowed.
    message_from_resident(resident=winsum, case=world["winsum"]["case"], subject="Hoi", body="x")
    message_from_resident(
        resident=business, case=world["uithuizen"]["case"], subject="Hoi", body="x"
    )
