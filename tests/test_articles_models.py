from datetime import timedelta

import pytest
from django.db import IntegrityError
from django.utils import timezone

from articles.models import Article
from comments.models import Comment

pytestmark = pytest.mark.django_db


def test_published_excludes_drafts_and_articles_whose_time_has_not_come(make_article):
    live = make_article()
    make_article(status=Article.Status.DRAFT)
    make_article(published_at=timezone.now() + timedelta(hours=2))

    assert list(Article.objects.published()) == [live]


def test_comment_count_counts_only_published_comments(article, make_comment):
    make_comment(article)
    make_comment(article)
    make_comment(article, status=Comment.Status.HELD)
    make_comment(article, status=Comment.Status.REMOVED)

    article.refresh_from_db()

    assert article.comment_count == 2


def test_articles_are_newest_first(make_article):
    older = make_article(published_at=timezone.now() - timedelta(days=2))
    newer = make_article(published_at=timezone.now() - timedelta(hours=2))

    assert list(Article.objects.published()) == [newer, older]


def test_invalid_status_is_refused_by_the_database(article):
    with pytest.raises(IntegrityError):
        Article.objects.filter(pk=article.pk).update(status="archived")


def test_a_new_story_in_the_admin_takes_its_section_s_comment_defaults(
    admin_client, section
):
    section.new_stories_premoderated = True
    section.new_stories_closed = True
    section.save()
    now = timezone.localtime()

    response = admin_client.post(
        "/admin/articles/article/add/",
        {
            "headline": "Council votes on the harbour",
            "slug": "council-votes",
            "section": section.pk,
            "kind": "news",
            "language": "en",
            "summary": "The vote.",
            "status": "published",
            "published_at_0": now.strftime("%Y-%m-%d"),
            "published_at_1": now.strftime("%H:%M:%S"),
            "byline": "Jo",
            "source": "Newsroom",
            "body": "Text.",
            "comments_open": "on",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    story = Article.objects.get(slug="council-votes")
    assert story.premoderated
    assert not story.comments_open
