"""Widgets made of several inputs, grouped in a fieldset by templates/forms_app/widgets/."""

from django import forms


class DatePartsWidget(forms.MultiWidget):
    """Day, month and year in three inputs (NL Design System / GOV.UK date pattern)."""

    template_name = "forms_app/widgets/date_parts.html"
    parts = (("dag", "Dag", 2), ("maand", "Maand", 2), ("jaar", "Jaar", 4))

    def __init__(self, attrs=None):
        widgets = {
            name: forms.TextInput(
                attrs={
                    "inputmode": "numeric",
                    "maxlength": size,
                    "class": f"utrecht-textbox date-parts__input date-parts__input--{size}",
                }
            )
            for name, _label, size in self.parts
        }
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if value is None:
            return [None, None, None]
        if isinstance(value, str):
            year, month, day = value.split("-")
            return [int(day), int(month), int(year)]
        return [value.day, value.month, value.year]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for subwidget, (_name, label, _size) in zip(
            context["widget"]["subwidgets"], self.parts, strict=True
        ):
            subwidget["part_label"] = label
        return context


class AddressWidget(forms.MultiWidget):
    """Postcode, house number and addition; street and town are looked up."""

    template_name = "forms_app/widgets/address.html"
    parts = (
        # Room for spaces as people type them ("9951  AA"): the browser cuts off what is longer.
        ("postcode", "Postcode", {"autocomplete": "postal-code", "maxlength": 10}),
        ("huisnummer", "Huisnummer", {"inputmode": "numeric", "maxlength": 5}),
        ("toevoeging", "Toevoeging (niet verplicht)", {"maxlength": 6}),
    )

    def __init__(self, attrs=None):
        widgets = {
            name: forms.TextInput(attrs={"class": f"utrecht-textbox address__{name}", **extra})
            for name, _label, extra in self.parts
        }
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if not value:
            return [None, None, None]
        return [value.get("postcode"), value.get("house_number"), value.get("addition")]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for subwidget, (_name, label, _extra) in zip(
            context["widget"]["subwidgets"], self.parts, strict=True
        ):
            subwidget["part_label"] = label
        return context
