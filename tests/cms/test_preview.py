"""Every page type can be previewed by an editor, in the edit screen and with "Bekijk concept".

The page types come from Wagtail's registry, so a new page type in one of our apps is tested
here as soon as the demo content has a page of that type (and fails until it has one).
"""

import html as html_module
import io
import re

import pytest
from django.core.exceptions import FieldDoesNotExist
from django.core.management import call_command
from django.db import models
from django.test import RequestFactory
from django.urls import reverse
from wagtail.models import get_page_models

from tests.contacts.factories import UserFactory

pytestmark = pytest.mark.django_db

OUR_APPS = {"cms", "forms_app"}
PAGE_MODELS = [model for model in get_page_models() if model._meta.app_label in OUR_APPS]


@pytest.fixture
def editor(client):
    call_command("seed_demo", stdout=io.StringIO())
    user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    return client


def _richest_page(model):
    """The demo page of this type with the most content: its longest stored revision."""
    pages = list(model.objects.all())
    assert pages, f"The demo content has no {model.__name__}: add one to demo/ so it is tested."
    return max(pages, key=lambda page: len(page.get_latest_revision().content or {}))


def _text(html: str) -> str:
    return html_module.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def _shown_field(page) -> str:
    """A plain-text field the page shows in its main part: the lead text, else the title (the
    home page shows its intro, not its title)."""
    for name in ("intro", "summary"):
        try:
            field = page._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if type(field) in (models.CharField, models.TextField) and getattr(page, name):
            return name
    return "title"


def _change(page, suffix):
    """The latest revision with a visible change, and the text that must then be shown."""
    draft = page.get_latest_revision_as_object()
    name = _shown_field(draft)
    setattr(draft, name, f"{getattr(draft, name)} {suffix}")
    return draft, getattr(draft, name)


def _assert_shows(response, expected):
    assert response.status_code == 200, response.status_code
    main = re.search(r"<main\b.*?</main>", response.content.decode(), re.S)
    assert main, "the preview has no <main>"
    assert " ".join(expected.split()) in _text(main.group(0))


def _preview_unsaved_change(client, page):
    """What the preview panel of the edit screen shows: the page with the editor's changes,
    relations included, built in memory (as Wagtail does from the edit form), not saved."""
    draft, expected = _change(page, "(concept)")
    # The editor's session comes along, as in the admin.
    cookies = "; ".join(f"{name}={morsel.value}" for name, morsel in client.cookies.items())
    request = RequestFactory().get("/admin/", HTTP_COOKIE=cookies)
    return draft.make_preview_request(request, draft.default_preview_mode), expected


def _view_draft(client, page):
    """ "Bekijk concept": the latest saved revision, from the admin."""
    draft, expected = _change(page, "(nieuwe versie)")
    draft.save_revision()
    return client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk])), expected


def test_every_page_type_can_be_previewed(editor):
    # One seed for all page types; every failure is listed, not just the first.
    assert {"HomePage", "ServicePage", "FormPage", "LocationPage"} <= {
        model.__name__ for model in PAGE_MODELS
    }
    failures = []
    for model in PAGE_MODELS:
        for how, preview in (
            ("preview panel", _preview_unsaved_change),
            ("view draft", _view_draft),
        ):
            page = _richest_page(model)
            try:
                _assert_shows(*preview(editor, page))
            except Exception as error:  # noqa: BLE001 - collected and reported below
                failures.append(f"{model.__name__} ({how}): {type(error).__name__}: {error}")
    assert not failures, "\n".join(failures)


def test_form_preview_shows_every_step_read_only_without_login(editor):
    from forms_app.models import FormPage

    page = FormPage.objects.get(title="Verhuizing doorgeven")
    assert page.login_required

    response = editor.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))

    content = response.content.decode()
    assert response.status_code == 200
    for step in page.definition.steps:
        assert step.title in content
    assert "Voorbeeld voor redacteuren" in content
    assert 'name="' in content and " disabled" in content
    assert "digid" not in response.get("Location", "").lower()
