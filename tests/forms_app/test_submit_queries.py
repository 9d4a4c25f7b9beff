"""The statements of the final submit: one transaction with the case, its contact moment,
their two norm clocks and the submission, and no reads it can do without (no idempotency
lookup before the insert, no clock read back to stop it, no savepoint per service)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.models import Case
from cases.selectors import initial_status
from contacts import norms
from contacts.models import NormClock
from forms_app.models import Submission
from tests.forms_app.factories import FormPageFactory
from tests.forms_app.wizard_client import Wizard

pytestmark = pytest.mark.django_db

# The case type's first status and the channel norms come from the cache: no read at all.
SUBMIT_STATEMENTS = [
    "INSERT contacts_normclock",  # the contact's, stopped at once
    "INSERT contacts_contactmoment",
    "INSERT contacts_normclock",  # the case's
    "SAVEPOINT",  # the reference: a collision is retried
    "INSERT cases_case",
    "RELEASE SAVEPOINT",
    "INSERT cases_case_contact_moments",
    "INSERT cases_caseevent",
    "INSERT forms_app_submission",
    "UPDATE forms_app_formrun",
]


def _statement(sql):
    words = sql.replace('"', "").split()
    verb = words[0]
    if verb == "SAVEPOINT" or words[:2] == ["RELEASE", "SAVEPOINT"]:
        return " ".join(words[:-1])
    table = words[words.index({"SELECT": "FROM", "INSERT": "INTO"}.get(verb, verb)) + 1]
    return f"{verb} {table.split('.')[0]}"


@pytest.fixture
def wizard(client, home):
    page = FormPageFactory(parent=home, login_required=False)
    wizard = Wizard(client, page)
    wizard.answer("Straatverlichting", "De lamp is kapot.")
    wizard.answer("Hoofdstraat 1, Winsum", "anna@example.nl", "")
    # The closing days, channel norms and first status are in the cache, as on a running site.
    norms.work_calendar()
    initial_status(page.case_type_id)
    return wizard


def test_the_submit_writes_the_case_in_one_transaction_without_extra_reads(
    client, wizard, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks() as callbacks,
        CaptureQueriesContext(connection) as queries,
    ):
        response = wizard.submit()

    assert response.status_code == 302
    statements = [_statement(q["sql"]) for q in queries.captured_queries]
    # The submit's transaction (a savepoint in the test's own); around it only the session.
    start = statements.index("SAVEPOINT")
    end = statements.index("UPDATE forms_app_formrun") + 2
    assert statements[start:end] == ["SAVEPOINT", *SUBMIT_STATEMENTS, "RELEASE SAVEPOINT"], (
        statements
    )
    others = statements[:start] + statements[end:]
    assert all("django_session" in s or "SAVEPOINT" in s for s in others), statements
    assert len(callbacks) == 1  # the confirmation e-mail, after commit
    case = Case.objects.get()
    assert Submission.objects.get().case == case
    contact = case.contact_moments.get()
    assert NormClock.objects.get(pk=contact.clock_id).stopped_at == contact.answered_at
    assert NormClock.objects.get(pk=case.clock_id).stopped_at is None
