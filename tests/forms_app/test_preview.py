import json

import pytest

from tests.forms_app.factories import FormPageFactory, field, step, when

pytestmark = pytest.mark.django_db


def test_editors_preview_every_step_read_only_without_logging_in(home):
    page = FormPageFactory(
        parent=home,
        steps=json.dumps(
            [
                step("Uw situatie", field("Woont u samen?", "yes_no")),
                step(
                    "Uw partner",
                    field("Inkomen partner", "number"),
                    condition=when("Woont u samen?", "ja"),
                ),
            ]
        ),
    )

    response = page.make_preview_request()
    response.render()

    content = response.content.decode()
    assert response.status_code == 200
    assert "Uw situatie" in content
    assert "Uw partner" in content  # a conditional step is shown too, with its condition
    assert "Alleen als het antwoord op ‘Woont u samen?’ ‘ja’ is." in content
    assert "Inkomen partner" in content
    assert "disabled" in content
