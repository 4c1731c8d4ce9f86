"""A cache anyone could fill: unknown addresses write nothing, every key
expires, and a full Redis turns no limit off."""

import pytest
import redis

from comments.models import Comment

from .support import RedisServer, comments_url, redis_caches

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_redis(tmp_path, settings):
    """A 4 MB Redis that refuses writes when full, as Redis does by default."""
    server = RedisServer(
        tmp_path, "--maxmemory", "4mb", "--maxmemory-policy", "noeviction"
    )
    server.start()
    settings.CACHES = redis_caches(server.port)
    yield server
    server.stop()


def fill(server: RedisServer) -> None:
    """Fill it with someone else's data until it refuses more."""
    junk = "x" * 10_000
    for number in range(10_000):
        try:
            server.client.set(f"junk:{number}", junk)
        except redis.exceptions.OutOfMemoryError:
            return
    raise AssertionError("Redis never filled")


def test_made_up_story_addresses_write_nothing_to_the_cache(
    client, article, small_redis
):
    for number in range(300):
        assert client.get(f"/story/no-such-story-{number}/").status_code == 404
        response = client.get(f"/api/v1/stories/no-such-story-{number}/comments/")
        assert response.status_code == 404

    keys = [key.decode() for key in small_redis.client.keys("*")]
    assert not [key for key in keys if "no-such-story" in key]


def test_every_key_the_site_writes_expires(
    client, article, make_comment, comment_data, small_redis
):
    make_comment(article, body="Already here.")
    for path in (
        "/",
        article.get_absolute_url(),
        article.get_absolute_url() + "?sort=oldest",
        "/api/v1/counts/?story=sea-wall",
        "/api/v1/stories/sea-wall/comments/",
        "/api/v1/comments/latest/",
        "/forum/",
    ):
        assert client.get(path).status_code == 200
    assert client.post(comments_url(article), comment_data()).status_code == 302

    keys = small_redis.client.keys("*")
    assert len(keys) > 10
    assert {
        key: small_redis.client.ttl(key)
        for key in keys
        if small_redis.client.ttl(key) < 0
    } == {}


def test_a_full_redis_still_limits_posting_and_the_api(
    client, article, comment_data, flood_limit, small_redis
):
    flood_limit("comments", interval_seconds=30)
    flood_limit("api", per_hour=3)
    fill(small_redis)

    first = client.post(comments_url(article), comment_data())
    second = client.post(comments_url(article), comment_data(body="Again, at once."))
    api = [client.get("/api/v1/counts/?story=sea-wall").status_code for _ in range(5)]

    assert first.status_code == 302
    assert second.status_code == 429
    assert Comment.objects.count() == 1
    assert api == [200, 200, 200, 429, 429]
    # The site itself stays in the load balancer's pool.
    assert client.get("/healthz").status_code == 200
