import os
import subprocess
import sys

import pytest

from .support import PROJECT


def load_settings(**env: str) -> subprocess.CompletedProcess:
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL"))
    }
    return subprocess.run(
        [sys.executable, "-c", "import newsroom.settings"],
        cwd=PROJECT,
        env=environment | env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_without_a_secret_key_refuses_to_start():
    result = load_settings(DJANGO_DEBUG="false")

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_production_with_a_secret_key_starts():
    result = load_settings(DJANGO_DEBUG="false", DJANGO_SECRET_KEY="x" * 50)

    assert result.returncode == 0, result.stderr


def test_development_starts_without_any_variables():
    assert load_settings().returncode == 0


def test_a_misspelt_debug_value_is_an_error_not_a_guess():
    result = load_settings(DJANGO_DEBUG="ture")

    assert result.returncode != 0
    assert "DJANGO_DEBUG must be true or false" in result.stderr


def test_a_number_that_is_not_one_names_the_variable():
    result = load_settings(NEWSROOM_COMMENTS_PER_HOUR="ten")

    assert result.returncode != 0
    assert (
        "NEWSROOM_COMMENTS_PER_HOUR must be a whole number (0 or more), not 'ten'"
        in result.stderr
    )


@pytest.mark.parametrize(
    ("url", "engine"),
    [
        ("postgres://newsroom@127.0.0.1:5432/newsroom", "postgresql"),
        ("sqlite:////tmp/other.sqlite3", "sqlite3"),
    ],
)
def test_database_url_selects_the_database(url, engine):
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from newsroom import settings; print(settings.DATABASES['default']['ENGINE'])",
        ],
        cwd=PROJECT,
        env=os.environ | {"DATABASE_URL": url},
        capture_output=True,
        text=True,
        check=True,
    )

    assert result.stdout.strip() == f"django.db.backends.{engine}"


@pytest.mark.parametrize(
    ("bind", "starts"),
    [
        ("0.0.0.0:8000", False),
        ("192.0.2.10:8000", False),
        ("127.0.0.1:8000", True),
        ("[::1]:8000", True),
        ("unix:/tmp/newsroom-test.sock", True),
    ],
)
def test_behind_trusted_proxies_gunicorn_listens_only_where_they_reach(bind, starts):
    result = subprocess.run(
        [
            *(sys.executable, "-m", "gunicorn", "-c", "newsroom/gunicorn.conf.py"),
            *("--check-config", "newsroom.wsgi"),
        ],
        cwd=PROJECT,
        env=os.environ | {"NEWSROOM_TRUSTED_PROXIES": "1", "GUNICORN_BIND": bind},
        capture_output=True,
        text=True,
    )

    assert (result.returncode == 0) is starts, result.stderr
    if not starts:
        assert "bind to loopback" in result.stdout + result.stderr
