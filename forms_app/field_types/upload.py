"""File upload: the resident adds one or more files; the answer is a list of upload uuids.

A file is checked, scanned and stored when its step is posted (forms_app.uploads), so later
steps and "Controleer uw antwoorden" only carry uuids. Only uploads of this wizard (its owner
token) that are not yet sent are ever shown, kept or removed.
"""

from __future__ import annotations

from operator import itemgetter

from django import forms
from django.forms.utils import flatatt
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from forms_app import uploads
from forms_app.field_types.base import FieldType, register
from forms_app.models import Upload

TYPE_CHOICES = [
    ("pdf", "PDF"),
    ("jpg", "JPG (JPEG)"),
    ("png", "PNG"),
    ("heic", _("HEIC (foto's van een iPhone)")),
    ("docx", "Word (DOCX)"),
    ("xlsx", "Excel (XLSX)"),
    ("odt", "OpenDocument-tekst (ODT)"),
]
DEFAULT_TYPES = ["pdf", "jpg", "png"]


class UploadData(tuple):
    """What the browser posted: (kept uuids, new files); ``removed`` holds the ticked uuids."""

    kept = property(itemgetter(0))
    new = property(itemgetter(1))

    def __new__(cls, kept, new, removed=()):
        data = super().__new__(cls, (list(kept), list(new)))
        data.removed = list(removed)
        return data


def _getlist(data, name) -> list:
    if data is None:
        return []
    if hasattr(data, "getlist"):
        return data.getlist(name)
    value = data.get(name)
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


class UploadWidget(forms.Widget):
    """The files already added (each with "Verwijderen") and a file input for more."""

    template_name = "forms_app/widgets/upload.html"
    needs_multipart_form = True

    def __init__(self, attrs=None, *, accept="", multiple=False, limits=""):
        super().__init__({"class": "file-upload__input", **(attrs or {})})
        self.accept, self.multiple, self.limits = accept, multiple, limits
        # Set by FileUpload.bind: whose uploads this widget may show.
        self.owner_token_hash = ""
        self.field_key = ""

    def format_value(self, value):
        if isinstance(value, UploadData):
            value = value.kept + value.removed
        return uploads.valid_uuids(value or [])

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        own = {str(upload.uuid): upload for upload in self.own_uploads(widget["value"])}
        widget["uploads"] = [
            {"uuid": key, "name": own[key].original_name, "size": filesizeformat(own[key].size)}
            for key in widget["value"]
            if key in own
        ]
        widget["remove_name"] = f"{name}-verwijderen"
        widget["limits"] = self.limits
        attrs = widget["attrs"]
        if self.accept:
            attrs["accept"] = self.accept
        attrs["multiple"] = self.multiple
        if self.limits and attrs.get("id"):
            widget["limits_id"] = f"{attrs['id']}-limits"
            described = [attrs.get("aria-describedby", ""), widget["limits_id"]]
            attrs["aria-describedby"] = " ".join(filter(None, described))
        # Rendered here rather than with Django's attrs.html, which the project's template
        # engine only finds when "django.forms" is an installed app.
        widget["attrs_html"] = flatatt(attrs)
        return context

    def own_uploads(self, uuids) -> list[Upload]:
        own = uploads.uploads_of_owner(owner_token_hash=self.owner_token_hash, uuids=uuids)
        return [
            upload for upload in own if not self.field_key or upload.field_key == self.field_key
        ]

    def value_from_datadict(self, data, files, name):
        removed = set(_getlist(data, f"{name}-verwijderen"))
        kept = [value for value in _getlist(data, name) if value not in removed]
        return UploadData(kept, _getlist(files, name), removed=sorted(removed))

    def value_omitted_from_data(self, data, files, name):
        return name not in data and name not in (files or {})

    def use_required_attribute(self, initial):
        # A file already added answers the question; the browser must not ask for another.
        return super().use_required_attribute(initial) and not initial


class UploadField(forms.Field):
    widget = UploadWidget

    def __init__(self, *, allowed: list[str], max_bytes: int, max_files: int, **kwargs):
        self.allowed, self.max_bytes, self.max_files = allowed, max_bytes, max_files
        super().__init__(**kwargs)
        self.context = None
        # The last (posted data, result) this field cleaned: a step form may clean a field
        # twice in one request, and must not store the same files twice.
        self._last = None

    def clean(self, value):
        if not isinstance(value, UploadData):
            value = UploadData(uploads.valid_uuids(value or []), [])
        key = _data_key(value)
        if self._last and self._last[0] == key:
            return list(self._last[1])
        kept = self._own(value.kept)
        removed = [upload for upload in self._own(value.removed) if upload not in kept]
        if self.max_files == 1 and len(value.new) == 1:
            # With room for one file, choosing another file replaces it.
            removed, kept = removed + kept, []
        if len(kept) + len(value.new) > self.max_files:
            raise forms.ValidationError(
                ngettext(
                    "U kunt maximaal %(max)d bestand toevoegen.",
                    "U kunt maximaal %(max)d bestanden toevoegen.",
                    self.max_files,
                ),
                code="max_files",
                params={"max": self.max_files},
            )
        if self.required and not (kept or value.new):
            raise forms.ValidationError(self.error_messages["required"], code="required")
        stored = []
        if value.new or removed:
            stored = uploads.uploads_store(
                files=value.new,
                page=self.context.page,
                field_key=self.context.field_key,
                allowed=self.allowed,
                max_bytes=self.max_bytes,
                resident=self.context.resident,
                owner_token_hash=self.context.owner_token_hash,
                remove=removed,
            )
        result = [str(upload.uuid) for upload in kept + stored]
        self._last = (key, result)
        return result

    def _own(self, uuids) -> list[Upload]:
        if self.context is None:
            raise RuntimeError("Call FileUpload.bind() before validating an upload field.")
        own = {str(upload.uuid): upload for upload in self.widget.own_uploads(uuids)}
        return [own[key] for key in uploads.valid_uuids(uuids) if key in own]

    def bound_data(self, data, initial):
        # After a successful clean the page shows what was stored, even if another question
        # on the step has an error; otherwise nothing changed and all files stay listed.
        if isinstance(data, UploadData) and self._last and self._last[0] == _data_key(data):
            return list(self._last[1])
        return data

    def has_changed(self, initial, data):
        if not isinstance(data, UploadData):
            return False
        return bool(data.new or data.removed)


def _data_key(data: UploadData):
    return tuple(data.kept), tuple(id(file) for file in data.new), tuple(data.removed)


@register
class FileUpload(FieldType):
    # The widget lists the files this wizard (its owner token) has stored.
    blank_markup_shared = False
    slug = "file"
    label = _("Bestand(en) uploaden")
    icon = "doc-full"
    json_shape = "array of upload uuids (strings)"
    required_message = _("Voeg een bestand toe bij %(label)s")
    required_question = _("Voeg een bestand toe bij ‘%(label)s’")

    def option_blocks(self):
        return [
            (
                "allowed_types",
                blocks.MultipleChoiceBlock(
                    choices=TYPE_CHOICES,
                    default=DEFAULT_TYPES,
                    required=False,
                    widget=forms.CheckboxSelectMultiple,
                    label=_("Toegestane bestandstypen"),
                ),
            ),
            (
                "max_size_mb",
                blocks.IntegerBlock(
                    label=_("Maximale grootte per bestand (MB)"),
                    default=10,
                    min_value=1,
                    max_value=50,
                ),
            ),
            (
                "max_files",
                blocks.IntegerBlock(
                    label=_("Maximaal aantal bestanden"), default=1, min_value=1, max_value=10
                ),
            ),
        ]

    def build_field(self, config):
        allowed = _allowed(config)
        max_mb = config.get("max_size_mb") or 10
        max_files = config.get("max_files") or 1
        limits = gettext("Toegestaan: %(types)s. Maximaal %(mb)d MB per bestand.") % {
            "types": ", ".join(uploads.FILE_TYPES[slug].label for slug in allowed),
            "mb": max_mb,
        }
        if max_files > 1:
            limits += " " + gettext("U kunt %(max)d bestanden toevoegen.") % {"max": max_files}
        return UploadField(
            allowed=allowed,
            max_bytes=max_mb * uploads.MB,
            max_files=max_files,
            widget=UploadWidget(
                accept=uploads.accept_attribute(allowed),
                multiple=max_files > 1,
                limits=limits,
            ),
        )

    def bind(self, field, context):
        field.context = context
        field.widget.owner_token_hash = context.owner_token_hash
        field.widget.field_key = getattr(context, "field_key", "")

    def to_json(self, value, config):
        return list(value) if value else None

    def display(self, value, config):
        return ", ".join(self._names(value, config))

    def export(self, value, config):
        return ", ".join(self._names(value, config))

    def title_part(self, value, config):
        # File names can hold personal data; they never go in a case title.
        return ""

    def matches(self, value, expected):
        return False

    def config_errors(self, config):
        if not _allowed(config):
            return [
                _("Kies bij ‘%(label)s’ minstens één bestandstype.") % {"label": config["label"]}
            ]
        return []

    def _names(self, value, config) -> list[str]:
        ids = uploads.valid_uuids(value or [])
        # A caller showing many answers passes the submission's uploads, keyed by uuid.
        known = {str(key): upload for key, upload in (config.get("_uploads") or {}).items()}
        missing = [key for key in ids if key not in known]
        if missing:
            for upload in Upload.objects.filter(uuid__in=missing).only("uuid", "original_name"):
                known[str(upload.uuid)] = upload
        return [known[key].original_name for key in ids if key in known]


def _allowed(config) -> list[str]:
    allowed = config.get("allowed_types")
    if allowed is None:
        allowed = DEFAULT_TYPES
    return [slug for slug in allowed if slug in uploads.FILE_TYPES]
