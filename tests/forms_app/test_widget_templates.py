"""Widget markup on the form pages: the same as Django's own templates write it."""

import re
from pathlib import Path

import django
import pytest
from django import forms
from django.template import Context, Engine
from django.utils.safestring import mark_safe

from forms_app.templatetags.form_widgets import widget_attrs

DJANGO_ATTRS = Path(django.__file__).parent / "forms/templates/django/forms/widgets/attrs.html"


@pytest.mark.parametrize(
    "attrs",
    [
        {},
        {"id": "id_naam", "class": "utrecht-textbox", "maxlength": 7, "required": True},
        {"disabled": False, "autofocus": True, "hidden": None},
        {"placeholder": 'a "quote" & <tag>', "data-x": mark_safe("<b>&amp;</b>")},
        {"aria-describedby": "id_x-help id_x-error", "value": 0, "step": 1.5},
    ],
)
def test_the_filter_writes_what_djangos_template_writes(attrs):
    template = Engine().from_string(DJANGO_ATTRS.read_text())

    assert widget_attrs(attrs) == template.render(Context({"widget": {"attrs": attrs}}))


def test_an_input_uses_the_filter_and_keeps_its_markup():
    widget = forms.TextInput(attrs={"class": "utrecht-textbox", "maxlength": 7})

    html = widget.render("postcode", "9951 AA", attrs={"id": "id_postcode", "required": True})

    assert html == (
        '<input type="text" name="postcode" value="9951 AA" class="utrecht-textbox"'
        ' maxlength="7" id="id_postcode" required>'
    )


def test_a_postcode_typed_with_two_spaces_fits_in_its_box():
    from forms_app.field_types.address import AddressField

    html = AddressField().widget.render("adres", None, attrs={"id": "id_adres"})
    postcode = re.search(r'<input[^>]*name="adres_postcode"[^>]*>', html).group()

    assert int(re.search(r'maxlength="(\d+)"', postcode).group(1)) >= len("9951  AA")
