"""The article page's versions (and the word lists' version) kept in each
process without a round trip, and kept exact by a real Redis: changed by
someone else, after Redis restarts, and after the connection that hears of
changes is dropped.

Another app server's write is a write from another Redis client, as it
would be; the site's cache is the one production configures.
"""

import pickle
import time

import pytest
from django.core.cache import cache

from articles import page_cache
from comments.models import BannedWord, Comment, HoldRule, Reason
from comments.moderation import word_lists
from newsroom.cache import TrackedKeys

from .support import RedisServer, redis_caches, submit

KEY = page_cache.comments_key("sea-wall", 0)


@pytest.fixture
def redis_server(tmp_path, settings):
    server = RedisServer(tmp_path)
    server.start()
    settings.CACHES = redis_caches(server.port)
    settings.NEWSROOM_CACHE_IS_SHARED = True
    yield server
    server.stop()


def mgets(server: RedisServer) -> int:
    """How many MGETs Redis has answered: a page's versions are one."""
    return server.client.info("commandstats").get("cmdstat_mget", {}).get("calls", 0)


def written_elsewhere(server: RedisServer, key: str, value: str) -> None:
    """What another app server's cache.set writes."""
    server.client.set(cache.make_key(key), pickle.dumps(value))


def read(key: str = KEY):
    return cache.get_many([key]).get(key)


def kept_locally(server: RedisServer) -> None:
    """Read until the value comes from this process's copy (tracking on)."""
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline:
        read()
        before = mgets(server)
        read()
        if mgets(server) == before:
            return
        time.sleep(0.02)
    raise AssertionError("the versions are never read from this process's copy")


def first_seen_within(expected: str, seconds: float) -> float:
    """How long until a read gives expected; never the old value after."""
    started = time.monotonic()
    while (value := read()) != expected:
        assert time.monotonic() - started < seconds, value
        time.sleep(0.001)
    return time.monotonic() - started


def test_a_warm_page_reads_its_versions_without_a_round_trip(redis_server):
    cache.set(KEY, "first", 60)
    kept_locally(redis_server)
    before = mgets(redis_server)

    values = {read() for _ in range(1000)}

    assert values == {"first"}
    assert mgets(redis_server) == before


def test_a_change_from_another_app_server_is_read_at_once(redis_server):
    cache.set(KEY, "first", 60)
    kept_locally(redis_server)

    written_elsewhere(redis_server, KEY, "second")

    assert first_seen_within("second", seconds=0.5) < 0.5
    redis_server.client.delete(cache.make_key(KEY))
    assert first_seen_within(None, seconds=0.5) < 0.5


def test_this_process_reads_its_own_change_at_once(redis_server):
    cache.set(KEY, "first", 60)
    kept_locally(redis_server)

    cache.set(KEY, "second", 60)

    assert read() == "second"


def test_after_redis_restarts_no_copy_from_before_is_used(redis_server):
    cache.set(KEY, "before the restart", 60)
    kept_locally(redis_server)

    redis_server.stop_without_saving()
    redis_server.start()
    written_elsewhere(redis_server, KEY, "after the restart")

    assert read() == "after the restart"
    kept_locally(redis_server)
    assert read() == "after the restart"


def test_while_redis_is_down_reads_fail_rather_than_use_a_copy(redis_server):
    cache.set(KEY, "first", 60)
    kept_locally(redis_server)

    redis_server.stop_without_saving()
    time.sleep(TrackedKeys.PING_EVERY)

    with pytest.raises(Exception, match="onnect"):
        read()


def test_a_dropped_tracking_connection_falls_back_to_redis(redis_server):
    cache.set(KEY, "first", 60)
    kept_locally(redis_server)
    [tracking] = [
        client
        for client in redis_server.client.client_list()
        if client["name"] == TrackedKeys.NAME
    ]

    redis_server.client.client_kill_filter(_id=tracking["id"])
    written_elsewhere(redis_server, KEY, "second")

    assert first_seen_within("second", seconds=0.5) < 0.5
    kept_locally(redis_server)  # tracking is back
    written_elsewhere(redis_server, KEY, "third")
    assert first_seen_within("third", seconds=0.5) < 0.5


def test_a_flushed_redis_leaves_no_copy(redis_server):
    cache.set(KEY, "first", 60)
    kept_locally(redis_server)

    redis_server.client.flushall()

    assert first_seen_within(None, seconds=0.5) < 0.5


def test_a_comment_another_server_removed_leaves_this_servers_warm_page(
    redis_server, client, article, make_comment
):
    comment = make_comment(article, body="A line another server removes.")
    page = f"/story/{article.slug}/"
    assert "A line another server removes." in client.get(page).text
    assert "A line another server removes." in client.get(page).text
    key = page_cache.comments_key(article.slug, page_cache.current_epoch())

    # What the other server's decision does: the row, and a new version.
    Comment.objects.filter(pk=comment.pk).update(
        status=Comment.Status.REMOVED, removal_reason=Reason.SPAM
    )
    written_elsewhere(redis_server, key, "retired-elsewhere")
    time.sleep(0.05)

    assert "A line another server removes." not in client.get(page).text


def test_a_banned_word_another_server_added_holds_the_next_post_here(
    redis_server, article, flood_limit
):
    flood_limit("comments")

    def post(body: str) -> Comment:
        return submit(article, body=body)

    assert post("A scoundrel, says the mayor.").status == Comment.Status.PUBLISHED
    # What the other server's change does: the row, and a new version.
    BannedWord.objects.bulk_create([BannedWord(word="scoundrel")])
    assert post("Still a scoundrel.").status == Comment.Status.PUBLISHED  # read once

    written_elsewhere(redis_server, word_lists.VERSION_KEY, "changed-elsewhere")
    time.sleep(0.05)

    assert post("A scoundrel again.").hold_rule == HoldRule.BANNED_WORD
