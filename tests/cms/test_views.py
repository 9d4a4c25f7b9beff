from unittest import mock

import pytest
from django.db.utils import OperationalError


@pytest.mark.django_db
def test_health_is_ok_when_the_database_answers(client):
    response = client.get("/health/")

    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["database"] == "ok"


@pytest.mark.django_db
def test_health_is_503_when_the_database_fails(client):
    with mock.patch("cms.views.health.connection.cursor", side_effect=OperationalError("down")):
        response = client.get("/health/")

    assert response.status_code == 503
