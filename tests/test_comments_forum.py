from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from comments.models import Comment

pytestmark = pytest.mark.django_db


def test_forum_shows_latest_comments_with_their_stories(client, article, make_comment):
    comment = make_comment(article, body="About the sea wall")

    page = client.get("/forum/").content.decode()

    assert "About the sea wall" in page
    assert f'<a href="{article.get_absolute_url()}">{article.headline}</a>' in page
    assert f'href="/comments/{comment.pk}/"' in page


def test_forum_never_shows_held_removed_or_draft_comments(
    client, article, make_article, make_comment
):
    draft = make_article(status=Article.Status.DRAFT)
    make_comment(article, body="Held one", status=Comment.Status.HELD)
    make_comment(article, body="Removed one", status=Comment.Status.REMOVED)
    make_comment(draft, body="On a draft")

    page = client.get("/forum/").content.decode()

    assert "Held one" not in page
    assert "Removed one" not in page
    assert "On a draft" not in page
    assert "No comments." in page


def test_most_discussed_stories_of_the_day_and_week(client, make_article, make_comment):
    busy = make_article(headline="Busy today")
    last_week = make_article(headline="Busy last week")
    for _ in range(3):
        make_comment(busy)
    for _ in range(5):
        make_comment(last_week, created_at=timezone.now() - timedelta(days=3))
    make_comment(busy, status=Comment.Status.REMOVED)

    page = client.get("/forum/")
    today = list(page.context["most_discussed_today"])
    week = list(page.context["most_discussed_week"])

    assert [(a.headline, a.recent_comments) for a in today] == [("Busy today", 3)]
    assert [(a.headline, a.recent_comments) for a in week] == [
        ("Busy last week", 5),
        ("Busy today", 3),
    ]


def test_forum_is_paginated(client, article):
    Comment.objects.bulk_create(
        Comment(article=article, user_name="R", body=f"Note {n}") for n in range(55)
    )

    assert client.get("/forum/?page=2").status_code == 200
    assert client.get("/forum/?page=9").status_code == 404
