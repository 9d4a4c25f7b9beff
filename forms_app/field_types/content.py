"""A text block between questions, without an answer."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from forms_app.field_types.base import ConditionBlock, FieldType, register


class TextBlockWidget(forms.Widget):
    template_name = "forms_app/widgets/text_block.html"

    def value_from_datadict(self, data, files, name):
        return None


@register
class TextBlock(FieldType):
    slug = "text_block"
    label = _("Tekstblok (geen vraag)")
    icon = "doc-full"
    has_answer = False

    def block(self):
        return blocks.StructBlock(
            [
                ("label", blocks.CharBlock(label=_("Kop"), max_length=200, required=False)),
                ("text", blocks.RichTextBlock(label=_("Tekst"), features=["bold", "link", "ul"])),
                ("condition", ConditionBlock()),
            ],
            label=self.label,
            icon=self.icon,
        )

    def form_field(self, config):
        field = forms.Field(required=False, label=config.get("label") or "", widget=TextBlockWidget)
        field.widget.attrs["text"] = config.get("text")
        return field

    def to_json(self, value, config):
        return None
