"""The read-only JSON API: what it says, how it is cached, and that it says
nothing that is not public."""

import json
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from comments import moderation
from comments.models import Reason


@pytest.fixture
def conversation(article, make_comment, moderator):
    top = make_comment(article, user_name="Lena", body="The wall is overdue.")
    reply = make_comment(
        article, user_name="Omar", body="By ten years.", parent=top, reply_to=top
    )
    make_comment(
        article,
        user_name="Lena",
        body="Exactly.",
        parent=top,
        reply_to=reply,
        ip_address="203.0.113.9",
    )
    held = make_comment(article, user_name="Sneaky", body="Held text", status="held")
    removed = make_comment(article, user_name="Troll", body="Rude text")
    moderation.remove([removed], by=moderator, reason=Reason.ABUSIVE)
    return {"top": top, "reply": reply, "held": held, "removed": removed}


def get_json(client, url, **headers):
    response = client.get(url, **headers)
    return response, json.loads(response.content) if response.content else None


def test_counts_for_many_stories_in_one_request(
    client, article, make_article, conversation
):
    other = make_article(slug="ferry")
    make_article(slug="draft", status="draft")

    response, data = get_json(
        client, "/api/v1/counts/?story=sea-wall&story=ferry&story=draft&story=nope"
    )

    assert response.status_code == 200
    assert data == {"counts": {"sea-wall": 3, "ferry": 0}}
    assert other.comment_count == 0
    assert response["Cache-Control"] == "public, max-age=10"
    assert response["ETag"]


def test_counts_need_a_story_and_not_too_many(client, db):
    response, data = get_json(client, "/api/v1/counts/")
    assert response.status_code == 400
    assert "story" in data["error"]
    many = "&".join(f"story=s{n}" for n in range(101))
    assert client.get(f"/api/v1/counts/?{many}").status_code == 400


def test_a_story_s_comments_as_the_page_shows_them(client, article, conversation):
    response, data = get_json(client, "/api/v1/stories/sea-wall/comments/")

    assert response.status_code == 200
    assert data["story"]["slug"] == "sea-wall"
    assert data["story"]["comment_count"] == 3
    assert (data["sort"], data["page"], data["pages"]) == ("newest", 1, 1)
    assert data["previous"] is None and data["next"] is None
    # Newest first; the removed comment leaves its reason, as on the page.
    removed, top = data["threads"]
    assert removed == {
        "id": conversation["removed"].pk,
        "gone": "removed",
        "reason": "abusive",
        "replies": [],
        "more_replies": 0,
    }
    assert top["user_name"] == "Lena"
    assert top["text"] == "The wall is overdue."
    assert top["url"].endswith(f"/comments/{top['id']}/")
    first, second = top["replies"]
    assert first["in_reply_to"] == {"id": top["id"], "user_name": None}
    assert second["in_reply_to"] == {"id": first["id"], "user_name": "Omar"}
    assert second["text"] == "Exactly."


def test_nothing_that_is_not_public(client, article, conversation):
    for url in (
        "/api/v1/stories/sea-wall/comments/",
        "/api/v1/stories/sea-wall/comments/?sort=oldest",
        "/api/v1/comments/latest/",
    ):
        body = client.get(url).content.decode()
        for secret in (
            "Held text",
            "Sneaky",
            "Rude text",
            "Troll",
            "192.0.2.1",
            "203.0.113.9",
            "ip_address",
            "user_agent",
            "history",
        ):
            assert secret not in body, (url, secret)


def test_the_same_orders_and_pages_as_the_page(client, article, conversation):
    _, oldest = get_json(client, "/api/v1/stories/sea-wall/comments/?sort=oldest")
    assert [thread["id"] for thread in oldest["threads"]] == [
        conversation["top"].pk,
        conversation["removed"].pk,
    ]
    assert (
        get_json(client, "/api/v1/stories/sea-wall/comments/?sort=best")[0].status_code
        == 400
    )
    assert (
        get_json(client, "/api/v1/stories/sea-wall/comments/?page=2")[0].status_code
        == 404
    )
    assert (
        get_json(client, "/api/v1/stories/sea-wall/comments/?page=x")[0].status_code
        == 400
    )
    assert get_json(client, "/api/v1/stories/nope/comments/")[0].status_code == 404


def test_story_comments_are_cached_until_a_moderator_decides(
    client, article, conversation, moderator, django_assert_num_queries
):
    url = "/api/v1/stories/sea-wall/comments/"
    first = client.get(url)
    with django_assert_num_queries(0):
        again = client.get(url)
    assert again.content == first.content
    assert first["Cache-Control"] == "public, max-age=0, s-maxage=1"

    moderation.remove([conversation["top"]], by=moderator, reason=Reason.SPAM)

    after = client.get(url).content.decode()
    assert "The wall is overdue." not in after


def test_etags_answer_304(client, article, conversation):
    for url in (
        "/api/v1/stories/sea-wall/comments/",
        "/api/v1/counts/?story=sea-wall",
        "/api/v1/comments/latest/",
    ):
        etag = client.get(url)["ETag"]
        assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304, url


def test_latest_comments(client, article, make_article, make_comment, conversation):
    draft = make_article(slug="draft", status="draft")
    make_comment(draft, body="On a draft")

    _, data = get_json(client, "/api/v1/comments/latest/?limit=2")

    assert [item["text"] for item in data["comments"]] == ["Exactly.", "By ten years."]
    assert data["comments"][0]["story"]["slug"] == "sea-wall"
    assert get_json(client, "/api/v1/comments/latest/?limit=51")[0].status_code == 400
    assert "On a draft" not in client.get("/api/v1/comments/latest/").content.decode()


def test_rate_limited_per_address(client, article, flood_limit):
    flood_limit("api", per_hour=3)
    for _ in range(3):
        assert client.get("/api/v1/counts/?story=sea-wall").status_code == 200
    response, data = get_json(client, "/api/v1/counts/?story=sea-wall")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Too many requests" in data["error"]


def test_no_cross_origin_access_unless_configured(client, article, settings):
    response = client.get(
        "/api/v1/counts/?story=sea-wall", HTTP_ORIGIN="https://elsewhere.example"
    )
    assert "Access-Control-Allow-Origin" not in response

    settings.CORS_ALLOWED_ORIGINS = ["https://app.example.com"]
    allowed = client.get(
        "/api/v1/counts/?story=sea-wall", HTTP_ORIGIN="https://app.example.com"
    )
    assert allowed["Access-Control-Allow-Origin"] == "https://app.example.com"
    other = client.get(
        "/api/v1/counts/?story=sea-wall", HTTP_ORIGIN="https://elsewhere.example"
    )
    assert "Access-Control-Allow-Origin" not in other
    # Only the API: never the pages or the comment form.
    page = client.get("/story/sea-wall/", HTTP_ORIGIN="https://app.example.com")
    assert "Access-Control-Allow-Origin" not in page


def test_read_only(client, article):
    for method in (client.post, client.put, client.delete):
        assert method("/api/v1/counts/?story=sea-wall").status_code == 405


def test_the_order_by_recommendations_is_made_again_as_the_page_s_is(
    client, article, conversation, monkeypatch
):
    url = "/api/v1/stories/sea-wall/comments/?sort=recommended"
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now)
    client.get(url)
    moderation.recommend(
        conversation["top"], ip_address="198.51.100.1", browser="b" * 32
    )

    # A recommendation retires no page: the cached order stands a while...
    assert '"recommendations":0' in client.get(url).content.decode()
    # ...and is made again when the story page's would be.
    monkeypatch.setattr(time, "time", lambda: now + 61)
    assert '"recommendations":1' in client.get(url).content.decode()


ANY_TEXT = st.text(max_size=40) | st.sampled_from(["²", "①", "-1", "0", "1" * 30])


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    endpoint=st.sampled_from(
        [
            "/api/v1/stories/sea-wall/comments/",
            "/api/v1/comments/latest/",
            "/api/v1/counts/",
        ]
    ),
    page=ANY_TEXT,
    limit=ANY_TEXT,
    sort=ANY_TEXT | st.sampled_from(["newest", "oldest", "recommended", "picks"]),
    stories=st.lists(ANY_TEXT, max_size=3),
)
def test_any_parameters_get_an_answer_in_json_never_a_server_error(
    client, article, conversation, endpoint, page, limit, sort, stories
):
    query = {"page": page, "limit": limit, "sort": sort, "story": stories}
    response = client.get(endpoint, query)

    assert response.status_code in (200, 400, 404)
    data = json.loads(response.content)
    if response.status_code != 200:
        assert data["error"]


def test_unicode_digits_and_huge_numbers_are_refused_with_a_message(client, article):
    for url in (
        "/api/v1/stories/sea-wall/comments/?page=%C2%B2",
        "/api/v1/stories/sea-wall/comments/?page=99999999999999999999999",
        "/api/v1/comments/latest/?limit=%C2%B2",
        "/api/v1/comments/latest/?limit=-1",
    ):
        response, data = get_json(client, url)
        assert response.status_code == 400, url
        assert "number" in data["error"]
    # A null character (which PostgreSQL refuses in text) is a 400 in JSON.
    response, data = get_json(client, "/api/v1/counts/?story=sea%00wall")
    assert response.status_code == 400
    assert data["error"]


def test_closing_all_comments_closes_them_in_the_api_too(
    client, moderator_client, article, conversation
):
    url = "/api/v1/stories/sea-wall/comments/"
    assert get_json(client, url)[1]["story"]["comments_open"] is True

    moderator_client.get("/admin/comments/commentsettings/")
    moderator_client.post(
        "/admin/comments/commentsettings/1/change/",
        {
            "close_all": "on",
            "outside_staffed_hours": "publish",
            "queue_order": "oldest",
            "watch_removals_days": "30",
        },
    )

    assert get_json(client, url)[1]["story"]["comments_open"] is False
