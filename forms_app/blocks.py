from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class FieldType:
    TEXT = "text"
    TEXTAREA = "textarea"
    EMAIL = "email"
    PHONE = "phone"
    DATE = "date"
    CHOICE = "choice"
    CHECKBOX = "checkbox"

    choices = [
        (TEXT, _("Korte tekst")),
        (TEXTAREA, _("Lange tekst")),
        (EMAIL, _("E-mailadres")),
        (PHONE, _("Telefoonnummer")),
        (DATE, _("Datum")),
        (CHOICE, _("Keuze uit opties")),
        (CHECKBOX, _("Aankruisvakje")),
    ]


class FieldBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Vraag"), max_length=200)
    help_text = blocks.CharBlock(label=_("Uitleg bij de vraag"), required=False, max_length=300)
    field_type = blocks.ChoiceBlock(choices=FieldType.choices, label=_("Soort antwoord"))
    required = blocks.BooleanBlock(label=_("Verplicht"), required=False, default=True)
    choices = blocks.TextBlock(
        label=_("Opties"), required=False, help_text=_("Eén optie per regel (alleen bij keuze).")
    )

    class Meta:
        icon = "form"
        label = _("Vraag")


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titel van de stap"), max_length=100)
    intro = blocks.TextBlock(label=_("Uitleg"), required=False)
    fields = blocks.StreamBlock([("field", FieldBlock())], label=_("Vragen"), min_num=1)

    class Meta:
        icon = "list-ol"
        label = _("Stap")
