import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.checks import Error

from protection.checks import captcha_test_mode_is_off_in_production

pytestmark = pytest.mark.django_db

PROJECT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": "k7#Qp2vX9mZr4tLw8yBn3cFh6jDs1gKe5aUo0iTx-Production-Key",
    "DJANGO_ALLOWED_HOSTS": "news.example",
    "REDIS_URL": "redis://127.0.0.1:6379/15",
    "EMAIL_HOST": "smtp.news.example",
}


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        # Not the browser tests' permission to use the ORM beside
        # Playwright, which the deploy check rightly refuses.
        env={
            name: value
            for name, value in os.environ.items()
            if name != "DJANGO_ALLOW_ASYNC_UNSAFE"
        }
        | env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_deploy_check_is_clean_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("visit", ["first", "cached"])
def test_article_page_carries_the_security_headers(client, article, visit):
    response = client.get(article.get_absolute_url())
    if visit == "cached":
        response = client.get(article.get_absolute_url())

    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "style-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_pages_have_no_inline_script_or_style(client, article):
    page = client.get(article.get_absolute_url()).content.decode()

    assert "<script>" not in page
    assert "<style" not in page
    assert " style=" not in page
    assert " onclick=" not in page


def test_captcha_test_mode_in_production_is_a_system_check_error(settings):
    settings.DEBUG = False
    settings.CAPTCHA_TEST_MODE = True

    [error] = captcha_test_mode_is_off_in_production(None)

    assert isinstance(error, Error)
    assert error.id == "protection.E001"


def test_captcha_test_mode_off_passes_the_check(settings):
    settings.DEBUG = False
    assert captcha_test_mode_is_off_in_production(None) == []


def test_the_admin_address_is_configurable():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.urls import reverse; "
            "print(reverse('admin:index'))",
        ],
        cwd=PROJECT,
        env=os.environ
        | {"DJANGO_SETTINGS_MODULE": "newsroom.settings", "NEWSROOM_ADMIN_URL": "desk"},
        capture_output=True,
        text=True,
        check=True,
    )

    assert result.stdout.strip() == "/desk/"


def test_repeated_failed_logins_lock_the_admin_login(client, moderator, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        client.post("/admin/login/", {"username": "mod", "password": "guess"})

    locked = client.post(
        "/admin/login/", {"username": "mod", "password": "mod-pass-123"}
    )

    assert locked.status_code == 429
    assert "Too many attempts" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_staff_sessions_end(settings):
    assert settings.SESSION_COOKIE_AGE <= 12 * 3600
