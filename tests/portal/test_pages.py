"""Mijn Hogeland pages: requests, messages, contact history; nobody else's data, ever."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from cases.constants import MessageDirection
from cases.models import Message, MessageAttachment
from cases.services import case_request_information, message_to_resident
from contacts.constants import Channel
from contacts.services import contact_moment_register, service_norms_ensure_defaults
from tests.cases.factories import CaseFactory
from tests.contacts.factories import ResidentFactory, TeamFactory, UserFactory
from tests.forms_app.conftest import log_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def anna(client):
    resident = ResidentFactory(name="Anna de Vries", email="anna@example.nl")
    log_in(client, resident)
    return resident


def png(name="bewijs.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (2, 2), "blue").save(buffer, "png")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_overview_shows_open_requests_first_with_promised_date_and_team(client, anna):
    open_case = CaseFactory(resident=anna, title="Losse stoeptegel")
    CaseFactory(resident=anna, title="Oude melding", closed=True)

    content = client.get("/mijn/").content.decode()

    assert "Lopende aanvragen" in content
    assert "Losse stoeptegel" in content
    assert open_case.due_on.strftime("%Y") in content
    assert str(open_case.team) in content
    assert "Oude melding" not in content
    assert "1 afgerond" in content
    # What kind of request: the title comes from the answers ("Hoe lang iets duurde").
    assert f"<dt>Soort</dt><dd>{open_case.case_type}</dd>" in content


def test_request_list_filters_open_and_closed(client, anna):
    CaseFactory(resident=anna, title="Lopende aanvraag")
    CaseFactory(resident=anna, title="Afgeronde aanvraag", closed=True)

    open_only = client.get("/mijn/aanvragen/").content.decode()
    closed_only = client.get("/mijn/aanvragen/?toon=afgerond").content.decode()
    everything = client.get("/mijn/aanvragen/?toon=alle").content.decode()

    assert "Lopende aanvraag" in open_only and "Afgeronde aanvraag" not in open_only
    assert "Afgeronde aanvraag" in closed_only and "Lopende aanvraag" not in closed_only
    assert "Lopende aanvraag" in everything and "Afgeronde aanvraag" in everything


def test_reply_with_an_attachment_resumes_a_paused_clock(client, anna):
    from cases.services import case_create
    from tests.cases.factories import CaseTypeFactory

    case = case_create(case_type=CaseTypeFactory(), title="Boom", resident=anna)
    staff = UserFactory(is_staff=True)
    case_request_information(case=case, subject="Foto nodig", body="Stuurt u een foto?", by=staff)
    case.refresh_from_db()
    assert case.clock.paused_at is not None

    response = client.post(
        f"/mijn/aanvragen/{case.reference}/",
        {"body": "Hierbij de foto.", "attachments": [png()]},
    )

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.clock.paused_at is None
    reply = Message.objects.get(direction=MessageDirection.FROM_RESIDENT)
    assert reply.attachments.get().original_name == "bewijs.png"
    assert case.contact_moments.filter(channel=Channel.WEB).exists()
    detail = client.get(f"/mijn/aanvragen/{case.reference}/").content.decode()
    assert "Bericht van inwoner" in detail or "Van u" in detail


def test_the_attachments_question_says_not_required_once(client, anna):
    case = CaseFactory(resident=anna)

    content = client.get(f"/mijn/aanvragen/{case.reference}/").content.decode()

    assert "Bestanden meesturen (niet verplicht)</label>" in content
    assert "(niet verplicht) (niet verplicht)" not in content


def test_a_file_that_is_not_what_its_name_says_is_refused(client, anna):
    case = CaseFactory(resident=anna)
    fake = SimpleUploadedFile("foto.png", b"<html><script>alert(1)</script>", "image/png")

    response = client.post(
        f"/mijn/aanvragen/{case.reference}/", {"body": "Zie bijlage", "attachments": [fake]}
    )

    assert response.status_code == 400
    assert "is geen PDF, JPG, PNG of Word-bestand" in response.content.decode()
    assert not Message.objects.exists()


def test_an_attachment_is_kept_and_downloaded_under_a_name_of_its_content_type(client, anna):
    # A PDF that is also an HTML page, called .html: it is the PDF its content says it is.
    case = CaseFactory(resident=anna)
    polyglot = b"%PDF-1.4\n<html><script>document.write('ran')</script></html>"
    upload = SimpleUploadedFile("x.html", polyglot, "text/html")

    response = client.post(
        f"/mijn/aanvragen/{case.reference}/", {"body": "Zie bijlage", "attachments": [upload]}
    )

    assert response.status_code == 302
    attachment = MessageAttachment.objects.get()
    assert attachment.original_name == "x.pdf"
    MessageAttachment.objects.filter(pk=attachment.pk).update(original_name="oud.html")
    download = client.get(f"/mijn/berichten/bijlagen/{attachment.uuid}/")
    assert download["Content-Disposition"] == 'attachment; filename="oud.pdf"'
    assert download["Content-Type"] == "application/pdf"


def test_the_resident_reads_what_happened_in_their_words_and_each_thing_once(client, anna):
    from cases.constants import RequestNoun
    from cases.services import case_forward, case_take
    from tests.cases.factories import CaseTypeFactory

    klacht = CaseTypeFactory(name="Klacht", noun=RequestNoun.KLACHT)
    case = CaseFactory(resident=anna, case_type=klacht, title="Hoe lang iets duurde")
    staff = UserFactory(is_staff=True, first_name="Ilse")
    case_take(case=case, by=staff)
    case_forward(case=case, team=TeamFactory(name="Burgerzaken"), by=staff)
    message_to_resident(
        resident=anna, case=case, subject="Wij bellen u terug", body="Morgen.", by=staff
    )

    detail = client.get(f"/mijn/aanvragen/{case.reference}/").content.decode()
    history = client.get("/mijn/contact/").content.decode()

    for page in (detail, history):
        for staff_words in (
            "Behandelaar gewijzigd",
            "Doorgezet naar ander team",
            "Bericht aan inwoner",
        ):
            assert staff_words not in page
    assert "Uw contactpersoon" in detail and "Doorgestuurd" in detail
    assert "Bericht van de gemeente" in detail
    # The message is in the history once: as the message, not also as a case event.
    assert history.count("Wij bellen u terug") == 1
    # The kind of request is said once, not as "Klacht: Klacht".
    assert "Klacht: Klacht" not in detail


def test_inbox_marks_unread_and_reading_sets_the_read_time(client, anna):
    message = message_to_resident(
        resident=anna, subject="Uw vergunning", body="Zie de bijlage.", by=UserFactory()
    )

    inbox = client.get("/mijn/berichten/").content.decode()
    assert "Uw vergunning" in inbox
    assert "Nieuw" in inbox
    assert '1<span class="visually-hidden"> ongelezen' in inbox

    detail = client.get(f"/mijn/berichten/{message.pk}/")
    assert "Zie de bijlage." in detail.content.decode()
    message.refresh_from_db()
    assert message.read_at is not None
    assert "Nieuw" not in client.get("/mijn/berichten/").content.decode()


def test_reply_to_a_message(client, anna):
    message = message_to_resident(resident=anna, subject="Vraag", body="Klopt dit?", by=None)

    response = client.post(f"/mijn/berichten/{message.pk}/", {"body": "Ja, dat klopt."})

    assert response.status_code == 302
    reply = Message.objects.get(direction=MessageDirection.FROM_RESIDENT)
    assert reply.reply_to == message
    assert reply.subject == "Re: Vraag"


def test_the_message_notice_email_has_no_text_of_the_message(
    anna, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        message_to_resident(resident=anna, subject="Uw uitkering", body="Geheim", by=None)

    (email,) = mailoutbox
    assert email.subject == "U heeft een nieuw bericht in Mijn Hogeland"
    assert "Geheim" not in email.body and "uitkering" not in email.body
    assert "Anna" not in email.body


def test_contact_history_shows_every_channel_without_internal_notes(client, anna):
    from cases.services import case_add_note

    service_norms_ensure_defaults()
    contact_moment_register(channel=Channel.PHONE, topic="Vraag over afval", resident=anna)
    contact_moment_register(channel=Channel.COUNTER, topic="Paspoort ophalen", resident=anna)
    case = CaseFactory(resident=anna)
    case_add_note(case=case, text="Interne opmerking over de inwoner", by=UserFactory())

    content = client.get("/mijn/contact/").content.decode()

    assert "Vraag over afval" in content and "Telefoon" in content
    assert "Paspoort ophalen" in content and "Balie" in content
    assert "Interne opmerking" not in content


def test_another_residents_objects_are_404(client, anna):
    bram = ResidentFactory()
    case = CaseFactory(resident=bram)
    message = message_to_resident(resident=bram, subject="Privé", body="Voor Bram", by=None)
    attachment = MessageAttachment.objects.create(
        message=message, file=png(), original_name="x.png", content_type="image/png", size=10
    )

    assert client.get(f"/mijn/aanvragen/{case.reference}/").status_code == 404
    assert client.post(f"/mijn/aanvragen/{case.reference}/", {"body": "x"}).status_code == 404
    assert client.get(f"/mijn/berichten/{message.pk}/").status_code == 404
    assert client.post(f"/mijn/berichten/{message.pk}/", {"body": "x"}).status_code == 404
    assert client.get(f"/mijn/berichten/bijlagen/{attachment.uuid}/").status_code == 404
    # Guessed neighbouring ids are just as absent.
    for pk in (message.pk - 1, message.pk + 1):
        assert client.get(f"/mijn/berichten/{pk}/").status_code == 404
    assert not Message.objects.filter(direction=MessageDirection.FROM_RESIDENT).exists()


@pytest.mark.parametrize(
    "url", ["/mijn/aanvragen/", "/mijn/berichten/", "/mijn/contact/", "/mijn/berichten/1/"]
)
def test_anonymous_visitors_are_sent_to_login(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith("/mijn/inloggen/")


def test_pages_run_a_fixed_number_of_queries_however_much_history(
    client, anna, django_assert_max_num_queries
):
    from contacts.models import ContactMoment

    for _ in range(3):
        CaseFactory(resident=anna)
    ContactMoment.objects.bulk_create(
        [ContactMoment(resident=anna, channel=Channel.PHONE, topic=f"Vraag {i}") for i in range(5)]
    )
    counts = {}
    for url in ("/mijn/", "/mijn/aanvragen/", "/mijn/contact/", "/mijn/berichten/"):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as few:
            client.get(url)
        counts[url] = len(few)
    for _ in range(200):
        CaseFactory(resident=anna)
    ContactMoment.objects.bulk_create(
        [
            ContactMoment(resident=anna, channel=Channel.EMAIL, topic=f"Mail {i}")
            for i in range(2000)
        ]
    )
    for url, count in counts.items():
        with django_assert_max_num_queries(count):
            assert client.get(url).status_code == 200
