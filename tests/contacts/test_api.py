import datetime as dt
import hashlib
import io
import json
import logging
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import CommandError, call_command

from contacts.constants import Channel, ResidentKind
from contacts.models import ApiToken, ContactMoment, Resident
from contacts.services import api_token_create, api_token_revoke, contact_moment_answer
from tests.contacts.factories import ContactMomentFactory, ResidentFactory, TeamFactory

AMS = ZoneInfo("Europe/Amsterdam")
URL = "/api/webcare/contacts"
# Tuesday 10 March 2026, 10:00: two office hours later is 12:00 the same day.
TUESDAY_10 = dt.datetime(2026, 3, 10, 10, 0, tzinfo=AMS)

VALID = {
    "channel": "social",
    "platform": "facebook",
    "handle": "@jan_uit_winsum",
    "message": "Wanneer wordt het oud papier opgehaald in Winsum?",
    "topic": "Oud papier",
}


@pytest.fixture
def team():
    return TeamFactory(slug="webcare", name="Webcare")


@pytest.fixture
def key(team):
    _api_token, key = api_token_create(name="Webcare-tool", team=team)
    return key


@pytest.fixture
def post(client):
    def post(body, key=None, raw=None):
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        data = raw if raw is not None else json.dumps(body)
        return client.post(URL, data=data, content_type="application/json", headers=headers)

    return post


@pytest.fixture
def get(client):
    def get(path, key=None):
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        return client.get(path, headers=headers)

    return get


def assert_nothing_stored():
    assert ContactMoment.objects.count() == 0
    assert Resident.objects.count() == 0


# Authentication


@pytest.mark.django_db
@pytest.mark.parametrize(
    "authorization",
    [
        None,
        "Bearer ",
        "Bearer hhw_wrong",
        "Token hhw_wrong",
        "Basic dXNlcjpwYXNz",
        "Bearer " + "x" * 500,
    ],
)
def test_without_a_valid_key_401_and_nothing_stored(client, key, authorization):
    headers = {"Authorization": authorization} if authorization else {}

    response = client.post(
        URL, data={**VALID, "email": "jan@example.nl"}, content_type="application/json",
        headers=headers,
    )  # fmt: skip

    assert response.status_code == 401
    assert response.json() == {"detail": "Geen geldige API-sleutel meegestuurd."}
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert_nothing_stored()


@pytest.mark.django_db
def test_a_revoked_key_gets_401(post, key):
    api_token_revoke(api_token=ApiToken.objects.get())

    response = post({**VALID, "email": "jan@example.nl"}, key=key)

    assert response.status_code == 401
    assert_nothing_stored()


@pytest.mark.django_db
def test_status_needs_a_key_too(get, post, key):
    contact_id = post(VALID, key=key).json()["id"]

    assert get(f"{URL}/{contact_id}").status_code == 401


@pytest.mark.django_db
def test_only_the_hash_of_the_key_is_stored(key):
    api_token = ApiToken.objects.get()

    assert api_token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key not in str(list(ApiToken.objects.values()))


# Registering


@pytest.mark.django_db
def test_a_social_media_contact_is_registered_with_the_social_media_norm(post, key, team):
    with time_machine.travel(TUESDAY_10, tick=False):
        response = post({**VALID, "email": "jan@example.nl"}, key=key)

    assert response.status_code == 201
    body = response.json()
    contact = ContactMoment.objects.get()
    assert body["id"] == contact.pk
    assert body["status"] == "open"
    assert body["norm"] == "2 kantooruren"
    assert dt.datetime.fromisoformat(body["due_at"]) == dt.datetime(2026, 3, 10, 12, 0, tzinfo=AMS)
    assert body["overdue"] is False
    assert contact.channel == Channel.SOCIAL
    assert contact.team == team
    assert contact.topic == "Oud papier"
    assert "facebook" in contact.summary and "@jan_uit_winsum" in contact.summary
    assert VALID["message"] in contact.summary
    assert contact.answer_due_at == dt.datetime(2026, 3, 10, 12, 0, tzinfo=AMS)
    assert contact.resident.kind == ResidentKind.ANONYMOUS
    assert contact.resident.email == "jan@example.nl"
    # The answer carries no personal data: no handle, message or e-mail address.
    for personal in ("jan", "winsum", "papier"):
        assert personal not in response.content.decode().lower()


@pytest.mark.django_db
def test_a_chat_contact_gets_the_social_media_norm(post, key):
    with time_machine.travel(TUESDAY_10, tick=False):
        response = post({**VALID, "channel": "chat", "platform": "webchat"}, key=key)

    assert response.status_code == 201
    contact = ContactMoment.objects.get()
    assert contact.channel == Channel.CHAT
    assert contact.clock.due_at == dt.datetime(2026, 3, 10, 12, 0, tzinfo=AMS)
    assert response.json()["norm"] == "2 kantooruren"


@pytest.mark.django_db
def test_an_email_address_links_the_known_resident(post, key):
    resident = ResidentFactory(email="Anna@Example.nl")

    post({**VALID, "email": "anna@example.nl"}, key=key)

    assert ContactMoment.objects.get().resident == resident


@pytest.mark.django_db
def test_without_email_no_resident_and_a_default_topic(post, key):
    payload = {k: v for k, v in VALID.items() if k != "topic"}

    post(payload, key=key)

    contact = ContactMoment.objects.get()
    assert contact.resident is None
    assert contact.topic == "Bericht via facebook"


@pytest.mark.django_db
def test_sending_the_same_external_id_again_returns_the_same_contact(post, key):
    first = post({**VALID, "external_id": "fb-123456"}, key=key)
    again = post({**VALID, "external_id": "fb-123456"}, key=key)

    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert ContactMoment.objects.count() == 1


@pytest.mark.django_db
def test_two_keys_may_use_the_same_external_id(post, key, team):
    _other, other_key = api_token_create(name="Chat", team=team)

    post({**VALID, "external_id": "1"}, key=key)
    post({**VALID, "external_id": "1"}, key=other_key)

    assert ContactMoment.objects.count() == 2


@pytest.mark.django_db
def test_last_use_of_the_key_is_remembered(post, key):
    post(VALID, key=key)

    assert ApiToken.objects.get().last_used_at is not None


@pytest.mark.django_db
def test_the_log_holds_no_personal_data(post, key, caplog):
    with caplog.at_level(logging.DEBUG):
        post({**VALID, "email": "jan@example.nl"}, key=key)
        post({**VALID, "email": "kapot@@example"}, key=key)

    for personal in ("jan@example.nl", "kapot@@example", "@jan_uit_winsum", "oud papier"):
        assert personal not in caplog.text.lower()


# Bad input


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({"channel": "phone"}, "channel", "literal_error"),
        ({"channel": None}, "channel", "literal_error"),
        ({"platform": ""}, "platform", "string_too_short"),
        ({"platform": "<script>"}, "platform", "string_pattern_mismatch"),
        ({"handle": "x" * 101}, "handle", "string_too_long"),
        ({"handle": "twee\nregels"}, "handle", "control_characters"),
        ({"message": ""}, "message", "string_too_short"),
        ({"message": "   "}, "message", "string_too_short"),
        ({"message": "x" * 5001}, "message", "string_too_long"),
        ({"message": "nul\x00byte"}, "message", "control_characters"),
        ({"topic": "x" * 201}, "topic", "string_too_long"),
        ({"email": "geen-adres"}, "email", "email"),
        ({"external_id": "met spatie"}, "external_id", "string_pattern_mismatch"),
        ({"unknown": 1}, "unknown", "extra_forbidden"),
    ],
)
def test_invalid_input_gets_422_naming_the_field(post, key, change, field, code):
    response = post({**VALID, **change}, key=key)

    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "Ongeldige invoer."
    assert {"field": field, "code": code} in [
        {"field": e["field"], "code": e["code"]} for e in body["errors"]
    ]
    assert_nothing_stored()


@pytest.mark.django_db
def test_a_missing_field_is_named(post, key):
    response = post({"channel": "social"}, key=key)

    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert fields == {"platform", "handle", "message"}


@pytest.mark.django_db
def test_errors_do_not_echo_the_input(post, key):
    response = post({**VALID, "email": "jan.geheim@@example", "handle": "x" * 101}, key=key)

    assert response.status_code == 422
    assert "jan.geheim" not in response.content.decode()
    assert "xxxxx" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("raw", ["{not json", "", "[]", '"tekst"'])
def test_a_body_that_is_not_a_json_object_is_refused(post, key, raw):
    response = post(None, key=key, raw=raw)

    assert response.status_code in (400, 422)
    assert "detail" in response.json()
    assert_nothing_stored()


# Rate limit


@pytest.mark.django_db
def test_over_the_rate_limit_429_with_retry_after(post, key, team, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "webcare": "2/m"}

    assert post(VALID, key=key).status_code == 201
    assert post(VALID, key=key).status_code == 201
    response = post(VALID, key=key)

    assert response.status_code == 429
    retry_after = int(response["Retry-After"])
    assert 1 <= retry_after <= 60
    assert response.json()["retry_after"] == retry_after
    assert "Te veel verzoeken" in response.json()["detail"]
    assert ContactMoment.objects.count() == 2
    # The limit is per key: another key still gets through.
    _other, other_key = api_token_create(name="Chat", team=team)
    assert post(VALID, key=other_key).status_code == 201


# Status


@pytest.mark.django_db
def test_the_status_of_an_own_contact(get, post, key):
    with time_machine.travel(TUESDAY_10, tick=False):
        contact_id = post(VALID, key=key).json()["id"]
        response = get(f"{URL}/{contact_id}", key=key)

    assert response.status_code == 200
    assert response.json()["status"] == "open"
    assert response.json()["answered_at"] is None

    with time_machine.travel(TUESDAY_10 + dt.timedelta(hours=3), tick=False):
        overdue = get(f"{URL}/{contact_id}", key=key).json()
        contact_moment_answer(contact=ContactMoment.objects.get(pk=contact_id))
        answered = get(f"{URL}/{contact_id}", key=key).json()

    assert overdue["overdue"] is True
    assert answered["status"] == "answered"
    assert answered["overdue"] is False
    assert answered["answered_at"] is not None


@pytest.mark.django_db
def test_another_keys_contact_is_not_found(get, post, key, team):
    _other, other_key = api_token_create(name="Chat", team=team)
    contact_id = post(VALID, key=other_key).json()["id"]

    response = get(f"{URL}/{contact_id}", key=key)

    assert response.status_code == 404
    assert response.json() == {"detail": "Niet gevonden."}


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["999999", "0", "-1", "abc", str(2**70)])
def test_unknown_or_invalid_ids_are_not_found_or_refused(get, key, path):
    response = get(f"{URL}/{path}", key=key)

    assert response.status_code in (404, 422)
    assert "detail" in response.json()


@pytest.mark.django_db
def test_a_contact_from_another_channel_is_not_found(get, key):
    contact = ContactMomentFactory(channel=Channel.PHONE)

    assert get(f"{URL}/{contact.pk}", key=key).status_code == 404


# Schema


@pytest.mark.django_db
def test_the_openapi_schema_lists_the_paths_and_the_bearer_scheme(client):
    response = client.get("/api/webcare/openapi.json")

    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == {"/api/webcare/contacts", "/api/webcare/contacts/{contact_id}"}
    assert "post" in schema["paths"]["/api/webcare/contacts"]
    schemes = schema["components"]["securitySchemes"]
    assert any(s.get("scheme") == "bearer" for s in schemes.values())
    contact_in = schema["components"]["schemas"]["ContactIn"]
    assert contact_in["properties"]["message"]["maxLength"] == 5000
    assert contact_in["properties"]["channel"]["enum"] == ["social", "chat"]


@pytest.mark.django_db
def test_the_docs_are_served_from_our_own_static_files(client):
    response = client.get("/api/webcare/docs")

    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui-bundle.js" in html
    assert "cdn." not in html


# The command that makes keys


@pytest.mark.django_db
def test_create_api_token_prints_the_key_once(team):
    out = io.StringIO()

    call_command("create_api_token", "--name", "OBI4wan", "--team", "webcare", stdout=out)

    key = out.getvalue().strip().splitlines()[-1]
    api_token = ApiToken.objects.get()
    assert api_token.name == "OBI4wan"
    assert api_token.team == team
    assert api_token.key_hash == ApiToken.hash_key(key)
    assert key.startswith("hhw_") and len(key) > 40


@pytest.mark.django_db
def test_create_api_token_for_an_unknown_team_fails(team):
    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("create_api_token", "--name", "Tool", "--team", "bestaat-niet")

    assert ApiToken.objects.count() == 0


@pytest.mark.django_db
def test_create_api_token_revokes_a_key(post, key):
    out = io.StringIO()
    api_token = ApiToken.objects.get()

    call_command("create_api_token", "--revoke", str(api_token.pk), stdout=out)
    call_command("create_api_token", "--list", stdout=out)

    assert "ingetrokken" in out.getvalue()
    assert key not in out.getvalue()
    assert post(VALID, key=key).status_code == 401
