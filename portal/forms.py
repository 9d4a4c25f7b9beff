"""Forms residents fill in on Mijn Hogeland (replies with attachments)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from forms_app.scanning import ScannerUnavailable, get_scanner
from forms_app.uploads import FILE_TYPES, MB, clean_filename, detect_type, name_for_type

ALLOWED = ("pdf", "jpg", "png", "docx")
MAX_FILES = 5
MAX_MB = 10


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Up to 5 files of 10 MB, checked on their content (not their name) and for viruses."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = [f for f in (data or []) if f] if isinstance(data, list | tuple) else []
        if data and not isinstance(data, list | tuple):
            files = [data]
        if len(files) > MAX_FILES:
            raise forms.ValidationError(
                _("U kunt maximaal %(count)d bestanden meesturen.") % {"count": MAX_FILES}
            )
        checked = []
        for file in files:
            name = clean_filename(file.name)
            if file.size > MAX_MB * MB:
                raise forms.ValidationError(
                    _("‘%(name)s’ is groter dan %(mb)d MB.") % {"name": name, "mb": MAX_MB}
                )
            slug = detect_type(file)
            if slug not in ALLOWED:
                raise forms.ValidationError(
                    _("‘%(name)s’ is geen PDF, JPG, PNG of Word-bestand.") % {"name": name}
                )
            try:
                result = get_scanner().scan(file)
            except ScannerUnavailable as exc:
                raise forms.ValidationError(
                    _(
                        "De bestanden konden niet op virussen worden gecontroleerd. "
                        "Probeer het later opnieuw; er is niets verstuurd."
                    )
                ) from exc
            if result.infected:
                raise forms.ValidationError(
                    _("In ‘%(name)s’ is een virus gevonden. Er is niets verstuurd.")
                    % {"name": name}
                )
            file.seek(0)
            content_type = FILE_TYPES[slug].content_type
            checked.append((file, name_for_type(name, content_type), content_type))
        return checked


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Uw bericht"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6, "class": "utrecht-textarea"}),
        error_messages={
            "required": _("Schrijf uw bericht."),
            "max_length": _("Gebruik maximaal %(limit_value)d tekens (nu %(show_value)d)."),
        },
    )
    attachments = AttachmentsField(
        label=_("Bestanden meesturen"),
        required=False,
        help_text=_("PDF, JPG, PNG of Word; maximaal 5 bestanden van 10 MB."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attachments"].widget.attrs.update(
            {"accept": ".pdf,.jpg,.jpeg,.png,.docx", "aria-describedby": "id_attachments-help"}
        )
