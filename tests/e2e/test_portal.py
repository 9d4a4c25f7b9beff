"""Mijn Hogeland in a real browser: every page accessible (axe-core WCAG 2.2 AA) when empty,
filled and with errors, at 1280 and 320 px wide; and a keyboard-only walk to a reply."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

ANNA_BSN = "999990019"
WIDTHS = {
    "1280px": {"width": 1280, "height": 900},
    "320px": {"width": 320, "height": 800},
}


def _log_in(page, base_url):
    page.goto(base_url + "/mijn/")
    expect(page).to_have_title(re.compile("DigiD"))
    page.get_by_role("button", name=re.compile("Anna de Vries")).click()
    expect(page).to_have_url(re.compile(r"/mijn/$"))


def _anna():
    from contacts.services import resident_get_or_create_by_bsn

    return resident_get_or_create_by_bsn(bsn=ANNA_BSN)


def _fill_portal(resident):
    """A case, a message about it, contact moments and an access-log entry for Anna."""
    from django.contrib.auth import get_user_model

    from cases.models import CaseType
    from cases.services import case_create, message_to_resident
    from contacts.constants import Channel, Direction, Outcome
    from contacts.models import ContactMoment
    from contacts.services import access_log_record

    case_type = CaseType.objects.filter(statuses__name="Ontvangen").distinct().first()
    assert case_type is not None, "the demo has no case type with the status Ontvangen"
    case = case_create(case_type=case_type, title="Kapotte lantaarnpaal", resident=resident)
    message = message_to_resident(
        resident=resident,
        subject="Vraag over uw melding",
        body="Welke lantaarnpaal bedoelt u?\nStuur gerust een foto mee.",
        by=None,
        case=case,
    )
    ContactMoment.objects.create(
        resident=resident,
        channel=Channel.PHONE,
        direction=Direction.INBOUND,
        topic="Vraag over afval",
        summary="Wanneer wordt het grofvuil opgehaald?",
        outcome=Outcome.ANSWERED,
    )
    ContactMoment.objects.create(
        resident=resident,
        channel=Channel.EMAIL,
        direction=Direction.OUTBOUND,
        topic="Terugbelverzoek",
        outcome=Outcome.OPEN,
    )
    staff = get_user_model().objects.filter(username="burgerzaken").first()
    if staff is not None:
        access_log_record(
            resident=resident, user=staff, what="Aanvraag bekeken", reason="Behandeling melding"
        )
    return case, message


# The innermost elements whose right edge is past the viewport: what makes the page scroll.
_WIDEST_ELEMENTS = """(() => {
  const width = document.documentElement.clientWidth;
  const out = [...document.body.querySelectorAll('*:not(.visually-hidden)')].filter(
    e => e.getBoundingClientRect().right > width + 0.5
      || e.getBoundingClientRect().left + e.scrollWidth > width + 0.5);
  return out.filter(e => !out.some(o => o !== e && e.contains(o))).slice(0, 5).map(
    e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} "${
      (e.innerText || '').trim().slice(0, 30)}" right=${
      Math.round(e.getBoundingClientRect().left + e.scrollWidth)}`);
})()"""


class _Checker:
    """Runs axe and the reflow check on each page and collects every failure, so one run
    reports all of them."""

    def __init__(self, page, assert_accessible, label, narrow):
        self.page = page
        self.assert_accessible = assert_accessible
        self.label = label
        self.narrow = narrow
        self.failures = []

    def check(self, name):
        context = f"{name} ({self.label})"
        try:
            self.assert_accessible(self.page, context)
        except AssertionError as error:
            self.failures.append(str(error))
        if self.narrow:
            scroll, client = self.page.evaluate(
                "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
            )
            if scroll > client:
                wide = self.page.evaluate(_WIDEST_ELEMENTS)
                self.failures.append(
                    f"horizontal scroll on {context}: scrollWidth {scroll} > clientWidth {client}"
                    f"; sticking out: {wide}"
                )

    def visit(self, url, name):
        self.page.goto(url)
        self.check(name)

    def done(self):
        assert not self.failures, "\n\n".join(self.failures)


@pytest.mark.parametrize("width", list(WIDTHS))
def test_portal_pages_are_accessible(demo_site, new_page, assert_accessible, width):
    page = new_page(viewport=WIDTHS[width])
    checker = _Checker(page, assert_accessible, width, narrow=width == "320px")
    _log_in(page, demo_site)
    mijn = demo_site + "/mijn/"

    # EMPTY: Anna has nothing yet
    checker.check("overview, empty")
    checker.visit(mijn + "aanvragen/", "requests, empty")
    for filter_label in page.locator("input[name=toon]").all():
        filter_label.check()
        page.get_by_role("button", name="Toon aanvragen").click()
        checker.check(f"requests, empty, filter {page.url.rsplit('=', 1)[-1]}")
    checker.visit(mijn + "berichten/", "inbox, empty")
    expect(page.get_by_text("U heeft geen berichten.")).to_be_visible()
    checker.visit(mijn + "contact/", "contact history, empty")
    checker.visit(mijn + "gegevens/", "my data, empty")

    # FILLED: a case, a message, contacts and an access-log entry
    case, message = _fill_portal(_anna())
    checker.visit(mijn, "overview, filled")
    expect(page.get_by_test_id(f"status-{case.reference}")).to_have_text("Ontvangen")
    checker.visit(mijn + "aanvragen/", "requests, filled")
    checker.visit(mijn + f"aanvragen/{case.reference}/", "case, filled")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    checker.visit(mijn + "berichten/", "inbox, filled")
    expect(page.get_by_role("link", name="Vraag over uw melding")).to_be_visible()
    checker.visit(mijn + f"berichten/{message.pk}/", "message, filled")
    checker.visit(mijn + "contact/", "contact history, filled")
    expect(page.get_by_text("Vraag over afval")).to_be_visible()
    checker.visit(mijn + "gegevens/", "my data, filled")
    checker.visit(mijn + "gegevens/download.html", "my data as a readable page, filled")

    # WITH ERRORS: empty replies and an invalid e-mail address
    page.goto(mijn + f"berichten/{message.pk}/")
    page.get_by_role("button", name="Versturen").click()
    expect(page).to_have_title(re.compile("^Fout: "))
    expect(page.get_by_text("Schrijf uw bericht.").first).to_be_visible()
    checker.check("message, reply empty")

    page.goto(mijn + f"aanvragen/{case.reference}/")
    page.get_by_role("button", name="Versturen").click()
    expect(page.get_by_text("Schrijf uw bericht.").first).to_be_visible()
    checker.check("case, reply empty")

    page.goto(mijn + "gegevens/")
    page.get_by_label("E-mailadres (niet verplicht)").fill("anna-at-example")
    page.get_by_role("button", name="Opslaan").click()
    expect(page).to_have_title(re.compile("^Fout: "))
    expect(page.get_by_text("Vul een geldig e-mailadres in.").first).to_be_visible()
    checker.check("my data, invalid e-mail")

    checker.done()


def test_keyboard_only_from_login_to_reply(demo_site, new_page):
    page = new_page(viewport=WIDTHS["1280px"])
    keyboard = page.keyboard
    presses = 0

    def press(key, times=1):
        nonlocal presses
        for _ in range(times):
            keyboard.press(key)
            presses += 1

    def focused():
        return page.evaluate(
            "(() => { const e = document.activeElement;"
            " return e ? (e.innerText || e.value || e.getAttribute('aria-label') || '')"
            ".trim() : ''; })()"
        )

    def tab_to(pattern, limit=80):
        """Tab until the focused element's text matches; fail if it never does."""
        for _ in range(limit):
            press("Tab")
            if re.search(pattern, focused()):
                return
        raise AssertionError(f"{limit} tabs did not reach {pattern!r} on {page.url}")

    # The message exists before the login: the walk is about reaching and answering it
    _, message = _fill_portal(_anna())

    page.goto(demo_site + "/mijn/")  # typing an address is not a click
    expect(page).to_have_title(re.compile("DigiD"))
    tab_to(r"^Anna de Vries")
    press("Enter")
    expect(page).to_have_url(re.compile(r"/mijn/$"))

    tab_to(r"^Berichten")
    press("Enter")
    expect(page).to_have_url(re.compile(r"/mijn/berichten/$"))

    tab_to(r"^Vraag over uw melding$")
    press("Enter")
    expect(page).to_have_url(re.compile(rf"/mijn/berichten/{message.pk}/$"))

    for _ in range(80):  # the reply field ("Uw bericht") is empty: find it by its name
        press("Tab")
        if page.evaluate("document.activeElement.name") == "body":
            break
    else:
        raise AssertionError("the reply field is not reachable by keyboard")
    text = "De paal bij huisnummer 12."
    keyboard.type(text)
    presses += len(text)
    tab_to(r"^Versturen$")
    press("Enter")

    # Back to the inbox, at its top where the confirmation is (no fragment of the form's)
    expect(page).to_have_url(re.compile(r"/mijn/berichten/$"))
    expect(page.get_by_role("status").filter(has_text="Uw antwoord is verstuurd.")).to_be_visible()
    from cases.models import Message

    assert Message.objects.filter(resident=message.resident, body=text).exists()
    print(f"\nkeyboard-only walk from login to reply: {presses} key presses")


def test_a_resident_without_login_replies_through_the_follow_link(demo_site, new_page):
    """The link from the confirmation e-mail, opened in a browser that never logged in."""
    from cases.follow import follow_token
    from cases.models import CaseType
    from cases.services import case_create

    case_type = CaseType.objects.filter(statuses__name="Ontvangen").distinct().first()
    case = case_create(
        case_type=case_type, title="Losliggende stoeptegel", resident=None, email="p@example.nl"
    )
    page = new_page()
    page.goto(f"{demo_site}/volgen/{follow_token(case)}/")
    page.get_by_label(re.compile("Uw bericht")).fill("De tegel ligt bij de bakker.")
    page.get_by_role("button", name="Versturen").click()

    expect(page.get_by_text("Uw bericht is verstuurd.")).to_be_visible()
    expect(page.get_by_text("De tegel ligt bij de bakker.")).to_be_visible()
