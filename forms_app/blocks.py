"""The editor's building blocks: steps, each with questions of the registered field types."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from forms_app import field_types
from forms_app.field_types.base import ConditionBlock


class FieldsBlock(blocks.StreamBlock):
    def __init__(self, **kwargs):
        children = [(field_type.slug, field_type.block()) for field_type in field_types.all_types()]
        super().__init__(children, **kwargs)


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titel van de stap"), max_length=100)
    intro = blocks.TextBlock(label=_("Uitleg"), required=False)
    fields = FieldsBlock(label=_("Vragen"), min_num=1)
    condition = ConditionBlock(label=_("Deze stap alleen tonen als"))

    class Meta:
        icon = "list-ol"
        label = _("Stap")
