import os
import subprocess
import sys
from html import unescape
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client

from articles.models import Article

from .support import PROJECT, collected_static, comments_url, migrated_sqlite

pytestmark = pytest.mark.django_db


def database_down():
    return mock.patch.object(
        Article.objects,
        "published",
        side_effect=OperationalError("could not connect to server"),
    )


def test_database_down_gives_a_503_page_without_internals(client, article):
    with database_down():
        response = client.get(article.get_absolute_url())

    page = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "We'll be back in a moment" in unescape(page)
    assert "could not connect" not in page
    assert "Traceback" not in page
    assert "SECRET_KEY" not in page


def test_database_down_while_posting_shows_the_text_back(client, article, comment_data):
    data = comment_data(body="My carefully written comment")
    with database_down():
        response = client.post(comments_url(article), data)

    assert response.status_code == 503
    assert "My carefully written comment</textarea>" in response.content.decode()


def test_the_site_recovers_when_the_database_is_back(client, article):
    with database_down():
        assert client.get(article.get_absolute_url()).status_code == 503

    assert client.get(article.get_absolute_url()).status_code == 200


def test_not_found_page_is_in_the_sites_design(client, article):
    response = client.get("/story/no-such-story/")

    page = unescape(response.content.decode())
    assert response.status_code == 404
    assert "Page not found" in page
    assert 'class="site-header"' in page


def test_server_error_page_is_in_the_sites_design(article, settings):
    client = Client(raise_request_exception=False)
    with mock.patch(
        "articles.views.render_article_page", side_effect=RuntimeError("boom")
    ):
        response = client.get(article.get_absolute_url())

    page = unescape(response.content.decode())
    assert response.status_code == 500
    assert "Something went wrong on our side" in page
    assert "boom" not in page
    assert settings.NEWSROOM_SITE_NAME in page


def test_expired_form_keeps_the_readers_text(article):
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        comments_url(article),
        {"user_name": "Lena", "body": "Written before my coffee went cold"},
    )

    page = response.content.decode()
    assert response.status_code == 403
    assert "Your form had expired" in page
    assert "Written before my coffee went cold</textarea>" in page


def test_forbidden_page_is_in_the_sites_design(moderator_client, article, make_comment):
    comment = make_comment(article)

    response = moderator_client.get(f"/admin/comments/comment/{comment.pk}/delete/")

    assert response.status_code == 403
    assert "You cannot do that here" in response.content.decode()


def test_bad_request_page_is_in_the_sites_design(client, article):
    response = client.get("/", HTTP_HOST="attacker.example")

    assert response.status_code == 400
    assert "We could not understand that request" in response.content.decode()


FAIL_ONE_PAGE = """
from unittest import mock
import django
django.setup()
from django.test import Client
with mock.patch("comments.views.ForumView.get_queryset", side_effect=RuntimeError("boom")):
    status = Client(raise_request_exception=False, REMOTE_ADDR="198.51.100.77").get(
        "/forum/?secret=reader-typed-this"
    ).status_code
print(status)
"""


def in_production(script: str, tmp_path, **settings: str):
    """Run a script in a process of its own with production's settings."""
    production = os.environ | {
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "logging-test-" + "k" * 40,
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": migrated_sqlite(tmp_path / "site.sqlite3"),
        "DJANGO_STATIC_ROOT": str(collected_static()),
        **settings,
    }
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=PROJECT,
        env=production,
        capture_output=True,
        text=True,
        check=True,
    )


def test_a_500_in_production_is_recorded_on_standard_error(tmp_path):
    run = in_production(FAIL_ONE_PAGE, tmp_path)

    assert run.stdout.strip() == "500"
    assert "ERROR django.request: Internal Server Error: /forum/" in run.stderr
    assert "RuntimeError: boom" in run.stderr
    # The path, not the reader: no address and nothing they sent.
    assert "198.51.100.77" not in run.stderr
    assert "reader-typed-this" not in run.stderr


FAIL_MANY_TIMES = """
from unittest import mock
import django
django.setup()
from django.test import Client
reader = Client(raise_request_exception=False)
with mock.patch("comments.views.ForumView.get_queryset", side_effect=RuntimeError("boom")):
    statuses = [reader.get("/forum/").status_code for _ in range(20)]
huge = reader.post(
    "/newsletter/", "email=" + "x" * 3_000_000, content_type="application/x-www-form-urlencoded"
)
print("STATUSES", sorted(set(statuses)), huge.status_code)
"""


def test_error_mails_come_once_per_kind_and_refused_requests_send_none(tmp_path):
    run = in_production(FAIL_MANY_TIMES, tmp_path, DJANGO_ADMINS="Ops=ops@example.com")

    # The console mailer prints each mail the admins would get.
    assert "STATUSES [500] 400" in run.stdout
    assert run.stdout.count("Subject: [Django] ERROR") == 1
    assert "RequestDataTooBig" not in run.stdout
    # The refused body is one warning line, without a traceback.
    too_big = [
        line
        for line in run.stderr.splitlines()
        if "RequestDataTooBig" in line or "upload" in line.lower()
    ]
    assert too_big and all("WARNING" in line for line in too_big)
    assert run.stderr.count("Traceback") == 20
