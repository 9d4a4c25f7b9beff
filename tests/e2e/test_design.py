"""One design system in a real browser: visibly checked choices, one focus style, error-summary
links that reach every kind of question, tables that keep their labels at 320 px, and print."""

import json
import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

SERVICE = "/producten-en-diensten/paspoort-en-id-kaart/"
ALL_FIELDS = "/alle-soorten-vragen/"

# One required question of every type a resident can meet, with the error each one gives.
QUESTIONS = [
    ("Uw naam", "text", {}),
    ("Uw toelichting", "textarea", {}),
    ("Aantal kinderen", "number", {}),
    ("Uw e-mailadres", "email", {}),
    ("Uw telefoonnummer", "phone", {}),
    ("Geboortedatum", "date", {}),
    ("Soort afval", "radio", {"options": "Papier\nGlas\nPlastic"}),
    ("Dagen", "checkboxes", {"options": "Maandag\nDinsdag"}),
    ("Kern", "select", {"options": "Winsum\nBedum"}),
    ("Heeft u een hond?", "yes_no", {}),
    ("Adres van de plek", "address", {}),
    ("Bewijsstuk", "file", {}),
    ("Ik heb alles naar waarheid ingevuld", "declaration", {}),
]


@pytest.fixture
def all_fields_form(demo_site):
    from cms.models import HomePage
    from tests.forms_app.factories import FormPageFactory, field, step

    FormPageFactory(
        parent=HomePage.objects.get(),
        title="Alle soorten vragen",
        slug="alle-soorten-vragen",
        login_required=False,
        steps=json.dumps(
            [
                step(
                    "Alles in één stap",
                    *(field(label, kind, **options) for label, kind, options in QUESTIONS),
                )
            ]
        ),
    )
    return demo_site + ALL_FIELDS


def _error_summary(page):
    return page.get_by_role("alert").filter(has_text="Er is een probleem")


def _submit_empty(page, url):
    page.goto(url)
    page.get_by_role("button", name="Volgende").click()
    expect(_error_summary(page)).to_be_focused()


FIRST_INPUT = "input:not([type=hidden]), select, textarea"


def test_every_error_summary_link_moves_focus_to_the_first_input(all_fields_form, new_page):
    page = new_page()
    _submit_empty(page, all_fields_form)
    links = _error_summary(page).get_by_role("link")
    expect(links).to_have_count(len(QUESTIONS))

    for index in range(len(QUESTIONS)):
        link = links.nth(index)
        message = link.inner_text()
        question = page.locator(".utrecht-form-field--invalid").filter(
            has=page.locator(".utrecht-form-field-error-message", has_text=message)
        )
        first_input = question.locator(FIRST_INPUT).first
        link.click()
        expect(first_input).to_be_focused()
        # The question itself is on screen, not only its input.
        expect(question.locator("label, legend").first).to_be_in_viewport()


def test_a_choice_asks_to_choose_not_to_fill_in(all_fields_form, new_page):
    page = new_page()
    _submit_empty(page, all_fields_form)
    summary = _error_summary(page)
    for label in ("soort afval", "kern"):
        expect(summary.get_by_role("link", name=f"Kies {label}")).to_be_visible()
    expect(summary.get_by_role("link", name=re.compile("Kies ja of nee"))).to_be_visible()
    expect(summary.get_by_role("link", name=re.compile("Kies minstens één optie"))).to_be_visible()
    expect(
        summary.get_by_role("link", name=re.compile(r"^Vul in: (soort|dagen|kern|heeft)"))
    ).to_have_count(0)


def test_a_checked_option_looks_different_from_an_unchecked_one(all_fields_form, new_page):
    page = new_page(viewport={"width": 1280, "height": 900})
    page.goto(all_fields_form)
    options = [
        page.get_by_label("Glas"),
        page.get_by_label("Dinsdag"),
        page.get_by_role("radio", name="Ja"),
        page.get_by_label("Ik heb alles naar waarheid ingevuld"),
    ]
    for option in options:
        box = option.bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24, f"{option} is {box}: too small to hit"
        option.blur()
        before = option.screenshot()
        option.check()
        option.blur()
        after = option.screenshot()
        assert before != after, f"{option} looks the same checked and unchecked"


FOCUS_STYLE = """el => {
    const style = getComputedStyle(el);
    return [style.outlineStyle, style.outlineWidth, style.outlineColor, style.outlineOffset,
            style.boxShadow].join(" | ");
}"""


def _focus_style_by_tab(page, locator, limit=80):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("el => el === document.activeElement"):
            return locator.evaluate(FOCUS_STYLE)
    raise AssertionError(f"{limit} presses of Tab did not reach {locator}")


def test_every_component_has_the_same_focus_style(all_fields_form, new_page):
    page = new_page(viewport={"width": 1280, "height": 900})
    styles = {}

    page.goto(all_fields_form.rsplit("/", 2)[0] + SERVICE)
    main = page.locator("main")
    styles["link"] = _focus_style_by_tab(page, main.get_by_role("link").first)
    styles["secondary button"] = _focus_style_by_tab(page, page.get_by_role("button", name="Ja"))

    page.goto(all_fields_form)
    styles["text input"] = _focus_style_by_tab(page, page.get_by_label("Uw naam"))
    styles["radio"] = _focus_style_by_tab(page, page.get_by_label("Papier"))
    styles["checkbox"] = _focus_style_by_tab(page, page.get_by_label("Maandag"))
    styles["select"] = _focus_style_by_tab(page, page.get_by_label("Kern"))
    styles["primary button"] = _focus_style_by_tab(
        page, page.get_by_role("button", name="Volgende")
    )

    assert len(set(styles.values())) == 1, "\n".join(f"{k}: {v}" for k, v in styles.items())
    assert "solid" in styles["link"] and "3px" in styles["link"], styles["link"]


BUTTON_COLOURS = """el => {
    const style = getComputedStyle(el);
    return [style.color, style.backgroundColor, style.borderTopColor];
}"""
HOGELAND_TEAL = "rgb(0, 86, 107)"


def test_buttons_use_the_hogeland_colours(all_fields_form, new_page):
    page = new_page()
    page.goto(all_fields_form.rsplit("/", 2)[0] + SERVICE)
    secondary = page.get_by_role("button", name="Ja").evaluate(BUTTON_COLOURS)
    assert secondary[0] == HOGELAND_TEAL and secondary[2] == HOGELAND_TEAL, secondary

    page.goto(all_fields_form)
    primary = page.get_by_role("button", name="Volgende").evaluate(BUTTON_COLOURS)
    assert primary[1] == HOGELAND_TEAL and primary[0] == "rgb(255, 255, 255)", primary


# A cell keeps its label when its column header is on screen, when its row header is and the
# table has no column headers, or when the cell shows its data-label itself (stacked tables).
LABELS_OF_CELLS = """() => {
    const problems = [];
    // Visible: not hidden, and neither it nor a container is shrunk away (visually hidden).
    const visible = el => {
        if (getComputedStyle(el).visibility === "hidden") return false;
        for (let node = el; node && node !== document.body; node = node.parentElement) {
            const box = node.getBoundingClientRect();
            if (box.width <= 1 || box.height <= 1) return false;
        }
        return true;
    };
    const ownLabel = cell => {
        const label = cell.getAttribute("data-label");
        return label && getComputedStyle(cell, "::before").content.includes(label);
    };
    for (const table of document.querySelectorAll("main table")) {
        const headers = [...table.querySelectorAll("thead th")];
        for (const row of table.querySelectorAll("tbody tr")) {
            const rowHeader = row.querySelector("th[scope=row]");
            [...row.children].forEach((cell, index) => {
                if (cell.tagName === "TH") return;
                const column = headers[index];
                const labelled = (column && visible(column))
                    || (!headers.length && rowHeader && visible(rowHeader))
                    || ownLabel(cell);
                if (!labelled) problems.push(`"${cell.textContent.trim().slice(0, 40)}"`);
            });
        }
    }
    for (const value of document.querySelectorAll("main dd")) {
        let term = value.previousElementSibling;
        while (term && term.tagName !== "DT") term = term.previousElementSibling;
        if (visible(value) && !(term && visible(term))) {
            problems.push(`"${value.textContent.trim().slice(0, 40)}" (no visible term)`);
        }
    }
    return {problems, tables: document.querySelectorAll("main table").length};
}"""


def test_tables_keep_their_labels_at_320_px(demo_site, new_page):
    from tests.e2e.test_portal import _anna, _fill_portal, _log_in

    page = new_page(viewport={"width": 320, "height": 800})
    tables = 0
    for path in ("/over-de-gemeente/", "/contact/gemeentehuis-winsum/", "/cookies/"):
        page.goto(demo_site + path)
        result = page.evaluate(LABELS_OF_CELLS)
        assert not result["problems"], (path, result["problems"])
        tables += result["tables"]
    assert tables >= 3

    _log_in(page, demo_site)
    _fill_portal(_anna())
    for path in ("/mijn/", "/mijn/aanvragen/", "/mijn/contact/", "/mijn/gegevens/"):
        page.goto(demo_site + path)
        result = page.evaluate(LABELS_OF_CELLS)
        assert not result["problems"], (path, result["problems"])


def test_print_shows_the_content_without_navigation(demo_site, new_page):
    page = new_page()
    page.goto(demo_site + SERVICE)
    page.emulate_media(media="print")

    for hidden in ("header", "footer", "nav", "#reactie", ".skip-link"):
        for element in page.locator(hidden).all():
            expect(element).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    external = page.locator("main a[href^='http']").first
    if external.count():
        after = external.evaluate("el => getComputedStyle(el, '::after').content")
        assert "http" in after, after
