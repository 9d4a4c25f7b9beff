"""Staff uploads in the admin are checked by content, like residents' uploads."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from tests.contacts.factories import UserFactory

pytestmark = pytest.mark.django_db
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def _add_document(client, name, content):
    return client.post(
        "/admin/documents/add/",
        {
            "title": "Besluit",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile(name, content, content_type="application/pdf"),
        },
    )


def test_a_web_page_named_pdf_is_refused_and_not_stored(admin_client):
    response = _add_document(admin_client, "besluit.pdf", HTML)

    assert response.status_code == 200
    assert "‘besluit.pdf’ is geen PDF-bestand." in response.content.decode()
    assert not get_document_model().objects.exists()


def test_the_multiple_upload_refuses_it_too(admin_client):
    response = admin_client.post(
        "/admin/documents/multiple/add/",
        {"files[]": SimpleUploadedFile("besluit.pdf", HTML, content_type="application/pdf")},
    )

    assert response.json()["success"] is False
    assert "is geen PDF-bestand" in response.json()["error_message"]
    assert not get_document_model().objects.exists()


def test_a_real_pdf_is_stored(admin_client):
    response = _add_document(admin_client, "besluit.pdf", PDF)

    assert response.status_code == 302
    assert get_document_model().objects.get().title == "Besluit"


def test_a_pdf_named_html_is_stored_as_pdf(admin_client):
    # Also a web page: downloaded as .html its script would run when opened.
    response = _add_document(admin_client, "besluit.html", PDF + HTML)

    assert response.status_code == 302
    document = get_document_model().objects.get()
    assert document.filename.endswith(".pdf")
    assert document.file_extension == "pdf"


def test_a_web_page_named_png_is_not_an_image(admin_client):
    response = admin_client.post(
        "/admin/images/add/",
        {
            "title": "Foto",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile("foto.png", HTML, content_type="image/png"),
        },
    )

    assert response.status_code == 200
    assert "Dit bestand is geen .png-afbeelding" in response.content.decode()
    assert not get_image_model().objects.exists()


def test_a_gif_named_png_is_refused_in_dutch(admin_client):
    from PIL import Image

    gif = io.BytesIO()
    Image.new("RGB", (4, 4)).save(gif, "GIF")

    response = admin_client.post(
        "/admin/images/add/",
        {
            "title": "Foto",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile("foto.png", gif.getvalue(), content_type="image/png"),
        },
    )

    assert "Dit bestand is geen .png-afbeelding (het is gif)." in response.content.decode()
    assert not get_image_model().objects.exists()
