from html import unescape
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client

from articles.models import Article

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
        response = client.post(f"/story/{article.slug}/comments/", data)

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
        f"/story/{article.slug}/comments/",
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
