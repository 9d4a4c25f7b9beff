"""Database queries per form request: a fixed small number, whatever the page's place in the
site. The site, the form page and its route are read once per publish (cms.models.routing);
the session is saved with one statement, and only when a POST changed it: showing a step
writes nothing. bench/submit_forms.py measures the speed."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.forms_app.factories import FormPageFactory
from tests.forms_app.wizard_client import Wizard

pytestmark = pytest.mark.django_db

# The session (read, saved) and the form's own work; none for the page, its site or route.
MAX_GET = 1  # the session, read
MAX_POST = 3  # the session read and saved, the form's run counted


def count(call):
    """The response and its queries, without the savepoints of the test's own transaction."""
    with CaptureQueriesContext(connection) as queries:
        response = call()
    sql = [q["sql"] for q in queries.captured_queries]
    return response, [q for q in sql if "SAVEPOINT" not in q]


@pytest.fixture
def wizard(client, home):
    page = FormPageFactory(parent=home, login_required=False)
    wizard = Wizard(client, page)  # the first visit reads the page and its route
    wizard.answer("Straatverlichting", "De lamp is kapot.")
    return wizard


def test_a_step_is_shown_and_saved_with_a_few_queries(client, wizard):
    url = wizard.url

    response, shown = count(lambda: client.get(url))
    assert response.status_code == 200
    assert "Waar is het?" in response.content.decode()
    assert len(shown) <= MAX_GET, shown
    assert not [sql for sql in shown if "wagtailcore_" in sql], shown
    assert not [sql for sql in shown if sql.startswith(("UPDATE", "INSERT"))], shown

    names = wizard.names()
    response, saved = count(
        lambda: wizard.post(
            dict(zip(names, ["Hoofdstraat 1, Winsum", "anna@example.nl", ""], strict=False)),
            follow=False,
        )
    )
    assert response.status_code == 302
    assert response["Location"].endswith("/stap/controleren/")
    assert len(saved) <= MAX_POST, saved


def test_the_check_page_and_confirmation_need_no_page_queries(client, wizard):
    wizard.answer("Hoofdstraat 1, Winsum", "anna@example.nl", "")

    response, check = count(lambda: client.get(wizard.url))
    assert "Controleer uw antwoorden" in response.content.decode()
    assert len(check) <= MAX_GET, check

    response = wizard.submit()
    response, confirmation = count(lambda: client.get(response["Location"]))
    assert 'data-testid="reference"' in response.content.decode()
    assert not [sql for sql in confirmation if "wagtailcore_" in sql], confirmation
    # What was just sent is shown from the visit's session: no query for the submission.
    assert len(confirmation) <= MAX_GET, confirmation


def test_a_published_change_is_served_at_once(client, wizard):
    page = wizard.page
    page.title = "Melding openbare ruimte"
    page.save_revision().publish()

    response = client.get(wizard.url)

    assert "Melding openbare ruimte" in response.content.decode()


def test_an_unpublished_form_is_gone_at_once(client, wizard):
    wizard.page.unpublish()

    assert client.get(wizard.url).status_code == 404


def test_reloading_a_step_writes_nothing(client, wizard):
    url = wizard.url
    client.get(url)

    response, shown = count(lambda: client.get(url))

    assert response.status_code == 200
    assert len(shown) <= MAX_GET, shown


def test_a_first_visit_starts_the_session_with_one_insert(client, home):
    page = FormPageFactory(parent=home, login_required=False)
    client.get(page.url)  # the page and its route, read once

    client.cookies.clear()
    response, started = count(lambda: client.get(page.url))

    assert response.status_code == 200  # step 1, shown at the form's URL
    session_sql = [sql for sql in started if "django_session" in sql]
    assert len(session_sql) == 1, started
    assert session_sql[0].startswith("INSERT"), started


def test_a_published_change_to_the_steps_is_asked_at_once(client, wizard):
    page = wizard.page
    steps = json.loads(json.dumps(list(page.steps.raw_data)))
    steps[1]["value"]["title"] = "Waar precies?"
    page.steps = json.dumps(steps)
    page.save_revision().publish()

    response = client.get(wizard.url)

    content = response.content.decode()
    assert "Waar precies?" in content
    assert "Waar is het?" not in content
