"""Staff uploads in the admin get the same content check as residents' uploads: the type comes
from the content, a name that promises another type (an HTML page called .pdf) is refused, and
a document gets the extension of its type (a PDF called .html is stored as .pdf).
Wired through WAGTAILDOCS_DOCUMENT_FORM_BASE and WAGTAILIMAGES_IMAGE_FORM_BASE."""

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from forms_app.uploads import FILE_TYPES, check_type, clean_filename, name_for_type

# What the site offers for download; web pages and scripts never.
DOCUMENT_TYPES = ("pdf", "docx", "xlsx", "odt", "jpg", "png")


class CheckedDocumentForm(BaseDocumentForm):
    def clean_file(self):
        file = self.cleaned_data.get("file")
        if isinstance(file, UploadedFile):
            slug = check_type(file, name=clean_filename(file.name), allowed=DOCUMENT_TYPES)
            # Named for what it is: a PDF called .html would open as a web page once saved.
            file.name = name_for_type(file.name, FILE_TYPES[slug].content_type)
        return file


class CheckedImageForm(BaseImageForm):
    """Wagtail already compares an image's content with its name; this says so in Dutch."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is not None:
            field.error_messages["invalid_image_known_format"] = _(
                "Dit bestand is geen .%(extension)s-afbeelding (het is %(image_format)s). "
                "Kies een echte afbeelding."
            )
            field.error_messages["invalid_image"] = _(
                "Dit bestand is geen afbeelding. Kies een JPG-, PNG-, GIF-, WebP- of AVIF-bestand."
            )
