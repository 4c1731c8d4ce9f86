from html import unescape
from unittest import mock

import pytest
from django.core.cache import cache, caches

from comments.models import Comment

from .support import comments_url

pytestmark = pytest.mark.django_db


def post(client, article, data, **headers):
    return client.post(comments_url(article), data, **headers)


def test_second_comment_too_soon_gets_429_with_text_kept_and_when_to_retry(
    client, article, comment_data, flood_limit
):
    flood_limit("comments", interval_seconds=30)
    assert post(client, article, comment_data(body="First")).status_code == 302

    response = post(client, article, comment_data(body="Second, written fast"))

    page = unescape(response.content.decode())
    assert response.status_code == 429
    assert 25 <= int(response["Retry-After"]) <= 30
    assert (
        "please try again in 30 seconds" in page
        or "please try again in 29 seconds" in page
    )
    assert "Second, written fast</textarea>" in page
    # Said where the text is, whether the message shows above the form
    # (this page) or below it (the story page's script).
    assert "Your text is kept in the form." in page
    assert Comment.objects.count() == 1


def test_hourly_cap(client, article, comment_data, flood_limit):
    flood_limit("comments", per_hour=3)
    statuses = [
        post(client, article, comment_data(body=f"Comment {n}")).status_code
        for n in range(4)
    ]

    assert statuses == [302, 302, 302, 429]
    assert Comment.objects.count() == 3


def test_other_readers_are_not_held_back(client, article, comment_data, flood_limit):
    flood_limit("comments", interval_seconds=30)
    post(client, article, comment_data(body="One"), REMOTE_ADDR="192.0.2.1")

    other = post(client, article, comment_data(body="Two"), REMOTE_ADDR="192.0.2.2")

    assert other.status_code == 302


def test_forged_forwarded_for_does_not_dodge_the_limit(
    client, article, comment_data, flood_limit, settings
):
    settings.NEWSROOM_TRUSTED_PROXIES = 1
    flood_limit("comments", interval_seconds=30)
    # The proxy appends the address it saw; the client may prepend anything.
    post(
        client,
        article,
        comment_data(body="One"),
        HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.5",
    )

    forged = post(
        client,
        article,
        comment_data(body="Two"),
        HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.5",
    )

    assert forged.status_code == 429
    assert Comment.objects.get().ip_address == "203.0.113.5"


def test_without_trusted_proxies_forwarded_for_is_ignored(
    client, article, comment_data
):
    post(
        client,
        article,
        comment_data(),
        REMOTE_ADDR="192.0.2.77",
        HTTP_X_FORWARDED_FOR="203.0.113.5",
    )

    assert Comment.objects.get().ip_address == "192.0.2.77"


def test_a_broken_cache_does_not_turn_readers_away_nor_lift_the_limit(
    client, article, comment_data, flood_limit
):
    flood_limit("comments", interval_seconds=30)
    limits_cache = caches["limits"]
    down = ConnectionError("cache down")
    with (
        mock.patch.object(cache, "get", side_effect=down),
        mock.patch.object(cache, "set", side_effect=down),
        mock.patch.object(limits_cache, "add", side_effect=down),
        mock.patch.object(limits_cache, "incr", side_effect=down),
    ):
        first = post(client, article, comment_data())
        second = post(client, article, comment_data(body="Straight after."))

    assert first.status_code == 302
    # Counted in the database while the cache cannot count.
    assert second.status_code == 429
    assert Comment.objects.count() == 1


def test_a_limit_that_nothing_can_count_refuses(
    client, article, comment_data, flood_limit
):
    flood_limit("comments", interval_seconds=30)
    data = comment_data()
    down = ConnectionError("down")
    with (
        mock.patch.object(caches["limits"], "add", side_effect=down),
        mock.patch("protection.limits.count_in_database", side_effect=down),
    ):
        response = post(client, article, data)

    assert response.status_code == 429
    assert "Well reported, thank you." in response.content.decode()
    assert Comment.objects.count() == 0


def test_wrong_answers_past_the_limit_get_429_and_keep_the_text(
    client, article, comment_data, flood_limit
):
    flood_limit("captcha_failures", per_hour=3)
    statuses = [
        post(client, article, comment_data(body="Guessing", captcha_1="wrong words"))
        for _ in range(5)
    ]

    assert [response.status_code for response in statuses] == [400, 400, 400, 429, 429]
    last = unescape(statuses[-1].content.decode())
    assert "Too many wrong answers to the picture" in last
    assert "Guessing</textarea>" in last
    assert int(statuses[-1]["Retry-After"]) > 0
    # Past the limit even a right answer waits.
    assert post(client, article, comment_data()).status_code == 429
    assert not Comment.objects.exists()


def test_right_answers_do_not_count_as_failures(
    client, article, comment_data, flood_limit
):
    flood_limit("captcha_failures", per_hour=2)
    flood_limit("comments")

    statuses = [
        post(client, article, comment_data(body=f"Comment {n}")).status_code
        for n in range(4)
    ]

    assert statuses == [302] * 4


def test_one_address_gets_only_so_many_captchas(client, flood_limit):
    flood_limit("captchas", per_hour=3)

    statuses = [client.get("/comments/form-security/").status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]
    assert client.get("/send-your-story/").status_code == 429
    assert client.get("/send-your-story/", REMOTE_ADDR="192.0.2.99").status_code == 200


def test_a_refused_post_shows_back_what_was_typed(
    client, article, comment_data, flood_limit
):
    data = comment_data(body="Every word of my long comment")
    flood_limit("captchas", per_hour=1)
    client.get("/comments/form-security/")

    response = post(client, article, data)

    assert response.status_code == 429
    assert "Every word of my long comment</textarea>" in unescape(
        response.content.decode()
    )
