"""The cache going away, and coming back with old data."""

import pytest

from articles import page_cache
from comments import moderation
from comments.models import Reason

from .support import (
    RedisServer,
    comments_url,
    forget_redis,
    free_port,
    redis_caches,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def cache_down(settings):
    """Redis configured, and nothing listening where it should be."""
    port = free_port()
    settings.CACHES = redis_caches(port)
    yield
    forget_redis(port)


PUBLIC_PAGES = [
    "/",
    "/section/world/",
    "/story/sea-wall/",
    "/story/sea-wall/?sort=recommended",
    "/story/sea-wall/comments/recommendations/",
    "/story/sea-wall/comment/",
    "/story/sea-wall/comments/rss/",
    "/forum/",
    "/rss/",
    "/atom/",
    "/sitemap.xml",
    "/robots.txt",
    "/send-your-story/",
    "/newsletter/",
    "/comments/form-security/",
]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_no_page_fails_while_the_cache_is_down(client, article, cache_down, path):
    assert client.get(path).status_code == 200


def test_a_dead_cache_is_logged_once_until_it_answers_again(
    client, article, settings, caplog
):
    answering = settings.CACHES
    client.get(article.get_absolute_url())  # the cache answers: nothing said
    caplog.clear()
    port = free_port()
    settings.CACHES = redis_caches(port)
    for _ in range(5):
        assert client.get(article.get_absolute_url()).status_code == 200
    settings.CACHES = answering
    forget_redis(port)
    client.get(article.get_absolute_url())

    said = [record.getMessage() for record in caplog.records]
    down = [message for message in said if message.startswith("Cache unavailable")]
    assert len(down) == 1, said
    assert said.count("Cache answers again") == 1


def test_readers_still_comment_while_the_cache_is_down(
    client, article, comment_data, cache_down
):
    response = client.post(comments_url(article), comment_data())

    assert response.status_code == 302
    assert article.comments.get().body == "Well reported, thank you."


def test_readers_still_recommend_and_reply_while_the_cache_is_down(
    client, article, comment_data, cache_down, flood_limit
):
    flood_limit("comments")  # off: the reply follows at once
    client.post(comments_url(article), comment_data())
    comment = article.comments.get()

    recommended = client.post(
        f"/comments/{comment.pk}/recommend/", HTTP_ACCEPT="application/json"
    )
    replied = client.post(
        comments_url(article),
        comment_data(body="An answer.", reply_to=comment.pk),
    )
    thread = client.get(f"/comments/{comment.pk}/thread/")

    assert recommended.json()["count"] == 1
    assert replied.status_code == 302
    assert thread.status_code == 200 and "An answer." in thread.content.decode()


@pytest.fixture
def own_redis(tmp_path, settings):
    server = RedisServer(tmp_path)
    server.start()
    settings.CACHES = redis_caches(server.port)
    yield server
    server.stop()


def test_a_removal_made_while_redis_is_down_survives_a_restart_from_a_snapshot(
    client, article, make_comment, moderator, own_redis
):
    abusive = make_comment(article, body="An abusive remark")
    assert "An abusive remark" in client.get(article.get_absolute_url()).text
    own_redis.snapshot()  # the cached page is in the copy on disk
    own_redis.stop_without_saving()

    moderation.remove([abusive], by=moderator, reason=Reason.ABUSIVE)

    own_redis.start()  # back, with the page as it was before the removal
    # Another worker, which last read the epoch more than a second ago.
    page_cache._known_epoch = (0, float("-inf"))
    assert "An abusive remark" not in client.get(article.get_absolute_url()).text
