from unittest import mock

import pytest
from django.core.cache import cache
from django.db import OperationalError

pytestmark = pytest.mark.django_db


def test_health_is_ok_when_database_and_cache_answer(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_health_is_503_when_the_database_is_down(client):
    with mock.patch(
        "newsroom.views.connection.cursor",
        side_effect=OperationalError("connection refused"),
    ):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_health_reports_a_cache_that_is_down_and_stays_in_the_pool(client):
    # The site serves without its cache: one failed Redis must not take
    # every app server out of the load balancer at once.
    with mock.patch.object(cache, "get", side_effect=ConnectionError("refused")):
        response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "unavailable"}
