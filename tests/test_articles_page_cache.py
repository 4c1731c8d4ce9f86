"""The article page is a cacheable read, and never shows what was removed."""

import pickle
from typing import NamedTuple

import pytest
from captcha.models import CaptchaStore
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles import page_cache, publishing
from comments import moderation, switches
from comments.models import Comment, Reason

from .support import comments_url

pytestmark = pytest.mark.django_db


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_viewing_an_article_writes_nothing(client, article, make_comment):
    make_comment(article)
    with CaptureQueriesContext(connection) as queries:
        client.get(article.get_absolute_url())

    writes = [
        q["sql"]
        for q in queries
        if q["sql"].split()[0].upper() in {"INSERT", "UPDATE", "DELETE"}
    ]
    assert writes == []
    assert not CaptchaStore.objects.exists()


def conversation(article, *, threads: int, replies: int) -> None:
    """Threads of replies, some picked and recommended, stored in bulk."""
    tops = Comment.objects.bulk_create(
        Comment(
            article=article,
            user_name="R",
            body=f"Comment {n}",
            is_pick=n % 7 == 0,
            recommend_count=n % 5,
        )
        for n in range(threads)
    )
    for top in tops:
        answered = top
        for n in range(replies):
            # Each reply answers the one before: every name is looked up.
            answered = Comment.objects.create(
                article=article,
                user_name=f"A{n}",
                body=f"Reply {n}",
                parent=top,
                reply_to=answered,
                recommend_count=n % 3,
            )
    moderation.recount_comments([article])


SHAPES = {
    "no comments": (0, 0),
    "10 comments": (10, 0),
    "500 comments": (500, 0),
    "50 threads of 5 replies": (50, 5),
}


@pytest.mark.parametrize("sort", ["newest", "oldest", "recommended", "picks"])
@pytest.mark.parametrize("shape", SHAPES)
def test_cold_page_costs_a_fixed_number_of_queries(client, article, shape, sort):
    conversation(article, threads=SHAPES[shape][0], replies=SHAPES[shape][1])
    # Read at most once a second per process, not per page.
    page_cache.current_epoch()
    switches.page_state()

    # Whether the story is published (a version is made only for a real
    # story), the story (with its stored comment count), the number of
    # threads, a page of them, their first replies, the names the replies
    # answer, the sections. (The comment switches are the ones read for
    # the version.)
    assert queries_for(client, f"{article.get_absolute_url()}?sort={sort}") <= 7


@pytest.mark.parametrize("shape", SHAPES)
def test_a_comment_costs_the_next_reader_the_comments_queries_only(
    client, article, shape
):
    conversation(article, threads=SHAPES[shape][0], replies=SHAPES[shape][1])
    page_cache.current_epoch()
    switches.page_state()
    client.get(article.get_absolute_url())

    page_cache.invalidate_comments(article.slug)

    # The story with its stored count, the number of threads, a page of
    # them, their first replies, the names the replies answer: no sections,
    # no story part.
    expected = 5 if SHAPES[shape][1] else 3 if SHAPES[shape][0] else 2
    assert queries_for(client, article.get_absolute_url()) == expected


def test_warm_page_costs_no_query(client, article, make_comment):
    make_comment(article)
    client.get(article.get_absolute_url())

    assert queries_for(client, article.get_absolute_url()) == 0


def test_a_cached_page_is_the_page_the_first_reader_got(client, article):
    first = client.get(article.get_absolute_url())
    cached = client.get(article.get_absolute_url())

    assert cached.content == first.content
    assert cached["ETag"] == first["ETag"]
    assert cached["Cache-Control"] == first["Cache-Control"]
    assert int(cached["Content-Length"]) == len(first.content)
    assert not cached.cookies


def test_anonymous_readers_get_cache_headers_a_cdn_can_honour(client, article):
    response = client.get(article.get_absolute_url())

    assert response["ETag"]
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    # Browsers check each time; a shared cache keeps a copy for a second,
    # and a second more while one request fetches the next.
    assert directives == {
        "public",
        "max-age=0",
        "s-maxage=1",
        "stale-while-revalidate=1",
    }
    assert "Cookie" not in response.get("Vary", "")
    assert not response.cookies


def test_conditional_get_answers_304_until_the_page_changes(
    client, article, make_comment
):
    etag = client.get(article.get_absolute_url())["ETag"]

    assert (
        client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=etag).status_code
        == 304
    )
    moderation.submit(
        article=article,
        user_name="Lena",
        body="New comment",
        ip_address="192.0.2.9",
        user_agent="",
    )
    fresh = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=etag)
    assert fresh.status_code == 200
    assert "New comment" in fresh.content.decode()


def test_each_page_of_comments_has_its_own_etag(client, article):
    Comment.objects.bulk_create(
        Comment(article=article, user_name="R", body="x") for _ in range(60)
    )
    moderation.recount_comments([article])
    moderation.submit(
        article=article, user_name="L", body="y", ip_address=None, user_agent=""
    )
    assert (
        client.get(article.get_absolute_url())["ETag"]
        != client.get(article.get_absolute_url() + "?page=2")["ETag"]
    )


def page(client, article) -> str:
    return client.get(article.get_absolute_url()).content.decode()


def test_cache_follows_every_comment_state_change(
    client, article, make_comment, moderator, settings
):
    settings.NEWSROOM_REPORTS_TO_HOLD = 1
    comment = make_comment(article, body="Watch this comment")
    assert "Watch this comment" in page(client, article)  # now cached

    moderation.remove([comment], by=moderator, reason=Reason.RACIST)
    assert "Watch this comment" not in page(client, article)

    moderation.restore([comment], by=moderator)
    assert "Watch this comment" in page(client, article)

    moderation.report(comment=comment, reason=Reason.SPAM, reporter_ip="192.0.2.1")
    assert "Watch this comment" not in page(client, article)

    moderation.approve([comment], by=moderator)
    assert "Watch this comment" in page(client, article)

    publishing.close_comments([article], by=moderator)
    assert "Comments on this story are closed." in page(client, article)

    publishing.reopen_comments([article], by=moderator)
    assert "Comments on this story are closed." not in page(client, article)


def test_posting_shows_the_new_comment_at_once(client, article, comment_data):
    page(client, article)

    client.post(comments_url(article), comment_data(body="Fresh one"))

    assert "Fresh one" in page(client, article)


def test_editing_the_article_refreshes_its_page(client, article):
    page(client, article)

    article.headline = "A corrected headline"
    article.save()

    assert "A corrected headline" in page(client, article)


def test_a_readers_flash_message_is_never_served_to_others(
    client, article, comment_data
):
    from django.test import Client

    response = client.post(comments_url(article), comment_data(), follow=True)
    assert "Thank you! Your comment is published." in response.content.decode()
    assert "private" in response["Cache-Control"]

    assert "Thank you!" not in Client().get(article.get_absolute_url()).content.decode()


def test_a_broken_cache_still_serves_the_page(client, article):
    from unittest import mock

    from django.core.cache import cache

    with mock.patch.object(cache, "get_many", side_effect=ConnectionError("down")):
        response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert article.headline in response.content.decode()


def test_an_unreachable_cache_is_tried_once_per_page(client, article):
    # Each try can wait for the cache's socket timeout before giving up.
    from unittest import mock

    from django.core.cache import cache

    with mock.patch.object(
        cache, "get_many", side_effect=ConnectionError("down")
    ) as get_many:
        response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert get_many.call_count == 1


@pytest.mark.parametrize(
    ("asked", "sent_to"),
    [
        ("?page=1", "/story/sea-wall/"),
        ("?page=01", "/story/sea-wall/"),
        ("?page=+2", "/story/sea-wall/?page=2"),
        ("?page=002", "/story/sea-wall/?page=2"),
    ],
)
def test_each_page_has_one_address(client, article, asked, sent_to):
    response = client.get(f"/story/sea-wall/{asked}")

    assert response.status_code == 301
    assert response["Location"] == sent_to


@pytest.mark.parametrize(
    "asked",
    [
        *("?page=0", "?page=-1", "?page=two", "?page=", "?page=%C2%B2"),
        # Too long to be a page: it would redirect to itself for ever.
        *("?page=99999999999999999999999", "?page=0099999999999999999999999"),
    ],
)
def test_what_is_no_page_number_is_no_page(client, article, asked):
    assert client.get(f"/story/sea-wall/{asked}").status_code == 404


def test_a_made_up_message_cookie_gets_the_cached_page(client, article):
    from django.contrib.messages.storage.cookie import CookieStorage

    client.get(article.get_absolute_url())
    client.cookies[CookieStorage.cookie_name] = "made-up"

    with CaptureQueriesContext(connection) as queries:
        response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert len(queries) == 0
    assert "private" not in response["Cache-Control"]


def test_a_cached_page_has_the_headers_of_a_fresh_one(client, article):
    fresh = client.get(article.get_absolute_url())
    cached = client.get(article.get_absolute_url())

    assert fresh.content == cached.content
    for header in [
        "Content-Security-Policy",
        "Permissions-Policy",
        "X-Frame-Options",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Cross-Origin-Opener-Policy",
        "Content-Type",
        "Content-Length",
        "ETag",
        "Cache-Control",
    ]:
        assert cached[header] == fresh[header], header
    assert cached.get("Vary") == fresh.get("Vary")
    assert set(cached.headers) == set(fresh.headers)


def test_a_comment_remakes_the_page_from_the_story_already_rendered(
    client, article, moderator
):
    page(client, article)
    # Changed behind the cache's back (no signal): only a re-rendered
    # story part would show it.
    type(article).objects.filter(pk=article.pk).update(body="A rewritten body.")

    moderation.submit(
        article=article,
        user_name="Lena",
        body="The first comment",
        ip_address="192.0.2.9",
        user_agent="",
    )
    after_comment = page(client, article)
    assert "The first comment" in after_comment
    assert "A rewritten body." not in after_comment
    # What the comment changes inside the story part is filled in afresh.
    assert '<a href="#comments">1 comment</a>' in after_comment
    assert '"commentCount": 1' in after_comment
    assert "page-hole" not in after_comment

    article.refresh_from_db()
    article.save()  # as the admin saves it: the story part is retired
    assert "A rewritten body." in page(client, article)


def test_a_not_modified_answer_keeps_the_security_headers(client, article):
    first = client.get(article.get_absolute_url())
    for _ in range(2):  # rendered, then from the cache
        again = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])

        assert again.status_code == 304
        for header in (
            "Content-Security-Policy",
            "X-Content-Type-Options",
            "Referrer-Policy",
            "X-Frame-Options",
        ):
            assert again[header] == first[header], header


def test_a_page_state_registered_by_an_app_keeps_pages_of_another_state_apart(
    client, article
):
    """An app registers what else every page depends on (the comments app:
    its switches); a page cached in one state is not served in another."""
    state = {"now": "before"}
    url = article.get_absolute_url()
    client.get(url)
    registered = list(page_cache.page_states)

    with page_cache.page_states.registered("test state", lambda: state["now"]):
        with CaptureQueriesContext(connection) as before:
            client.get(url)
        with CaptureQueriesContext(connection) as again:
            client.get(url)
        state["now"] = "after"
        with CaptureQueriesContext(connection) as after:
            client.get(url)

    assert len(before) > 0, "a page of a new state is rendered"
    assert len(again) == 0, "and then served from the cache"
    assert len(after) > 0, "a page of another state is rendered again"
    assert list(page_cache.page_states) == registered


def test_a_page_cached_by_the_previous_release_is_served_with_its_headers(
    client, article, monkeypatch
):
    """Until this release a cached page was a named tuple; the copies Redis
    holds through an upgrade must still be served, not fail."""

    class CachedPage(NamedTuple):
        headers: list[tuple[str, str]]
        content: bytes

    CachedPage.__module__ = page_cache.__name__
    CachedPage.__qualname__ = "CachedPage"
    headers = [("Content-Type", "text/html; charset=utf-8"), ("X-Old", "kept")]
    with monkeypatch.context() as patch:
        patch.setattr(page_cache, "CachedPage", CachedPage)
        stored = pickle.dumps(CachedPage(headers, b"<p>before the upgrade</p>"))

    loaded = pickle.loads(stored)
    response = loaded.response()

    assert isinstance(loaded, page_cache.CachedPage)
    assert response.content == b"<p>before the upgrade</p>"
    assert response["X-Old"] == "kept"
    assert loaded.response() is not response
    response["X-New"] = "this reader's only"
    assert "X-New" not in loaded.response()
