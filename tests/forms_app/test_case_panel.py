import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from cases.models import Case
from contacts.models import AccessLogEntry
from tests.contacts.factories import TeamFactory
from tests.forms_app.factories import FormPageFactory, field, step
from tests.forms_app.wizard_client import Wizard

pytestmark = pytest.mark.django_db


def png():
    buffer = io.BytesIO()
    Image.new("RGB", (2, 2), "red").save(buffer, "png")
    return SimpleUploadedFile("stoeptegel.png", buffer.getvalue(), content_type="image/png")


@pytest.fixture
def submitted_case(client, resident, home):
    page = FormPageFactory(
        parent=home,
        steps=json.dumps(
            [
                step(
                    "Melding",
                    field("Omschrijving", "textarea"),
                    field("Foto", "file", allowed_types=["png"], max_size_mb=5, max_files=2),
                    field("Datum", "date", required=False),
                )
            ]
        ),
    )
    wizard = Wizard(client, page)
    names = wizard.names()
    wizard.post(
        {
            names[0]: "Tegel <b>los</b>",
            names[1]: png(),
            names[2]: "28",
            names[3]: "11",
            names[4]: "2026",
        }
    )
    assert "Controleer uw antwoorden" in wizard.content
    assert "stoeptegel.png" in wizard.content
    wizard.submit()
    client.logout()
    return Case.objects.get()


def test_staff_of_the_team_see_the_answers_and_download_the_files(client, submitted_case, staff_of):
    client.force_login(staff_of(submitted_case.team))

    response = client.get(f"/admin/cases/case/edit/{submitted_case.pk}/")

    content = response.content.decode()
    assert "Ingevuld formulier" in content
    assert "Tegel &lt;b&gt;los&lt;/b&gt;" in content
    assert "28 november 2026" in content
    upload = submitted_case.submission.uploads.get()
    assert f"/formulieren/bijlagen/{upload.uuid}/" in content
    download = client.get(f"/formulieren/bijlagen/{upload.uuid}/")
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert AccessLogEntry.objects.filter(resident=submitted_case.resident).count() >= 2


def test_staff_of_another_team_get_404_for_case_and_file(client, submitted_case, staff_of):
    client.force_login(staff_of(TeamFactory()))
    upload = submitted_case.submission.uploads.get()

    assert client.get(f"/admin/cases/case/edit/{submitted_case.pk}/").status_code == 404
    assert client.get(f"/formulieren/bijlagen/{upload.uuid}/").status_code == 404
