"""StreamField blocks for content pages. Rich text is limited to what plain Dutch needs."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.images.blocks import ImageChooserBlock

BODY_FEATURES = ["h2", "h3", "bold", "link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Tekst"), max_length=120)
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Kop 2")), ("h3", _("Kop 3"))], default="h2", label=_("Niveau")
    )

    class Meta:
        icon = "title"
        label = _("Tussenkop")
        template = "cms/blocks/heading.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Afbeelding"))
    alt = blocks.CharBlock(
        label=_("Alternatieve tekst"),
        max_length=250,
        help_text=_("Beschrijf wat op de afbeelding staat, voor wie hem niet kan zien. Verplicht."),
    )
    caption = blocks.CharBlock(label=_("Onderschrift"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Afbeelding")
        template = "cms/blocks/image.html"

    def clean(self, value):
        value = super().clean(value)
        if value.get("image") and not (value.get("alt") or "").strip():
            raise StructBlockValidationError(
                block_errors={"alt": ValidationError(_("Vul een alternatieve tekst in."))}
            )
        return value


class AccordionItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Vraag"), max_length=200)
    answer = blocks.RichTextBlock(label=_("Antwoord"), features=["bold", "link", "ol", "ul"])


class AccordionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Kop"), required=False, max_length=120)
    items = blocks.ListBlock(AccordionItemBlock(), label=_("Vragen"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("Veelgestelde vragen")
        template = "cms/blocks/accordion.html"


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Tekst op de knop"), max_length=60)
    page = blocks.PageChooserBlock(label=_("Pagina"), required=False)
    url = blocks.URLBlock(label=_("Of een webadres"), required=False)

    class Meta:
        icon = "link"
        label = _("Knop")
        template = "cms/blocks/call_to_action.html"

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise StructBlockValidationError(
                block_errors={"page": ValidationError(_("Kies een pagina of vul een webadres in."))}
            )
        return value


class ContactBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Kop"), default="Contact", max_length=120)
    phone = blocks.CharBlock(label=_("Telefoon"), required=False, max_length=30)
    email = blocks.EmailBlock(label=_("E-mail"), required=False)
    text = blocks.TextBlock(label=_("Toelichting"), required=False)

    class Meta:
        icon = "mail"
        label = _("Contactgegevens")
        template = "cms/blocks/contact.html"


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(features=BODY_FEATURES, label=_("Tekst"), icon="pilcrow")
    image = ImageBlock()
    accordion = AccordionBlock()
    call_to_action = CallToActionBlock()
    contact = ContactBlock()
    table = TableBlock(
        label=_("Tabel"), template="cms/blocks/table.html", table_options={"renderer": "text"}
    )
