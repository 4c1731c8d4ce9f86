"""The conversation: replies one level deep, staff voices, editors' picks,
recommendations and the orders a reader can read them in."""

from html import unescape

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from comments import moderation, threads
from comments.models import BannedWord, Comment, HoldRule, ModerationEvent, Reason

from .support import comments_url

pytestmark = pytest.mark.django_db


def page_of(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return unescape(response.content.decode())


def reply(article, to: Comment, *, user_name="Answerer", body="", ip="198.51.100.7"):
    return moderation.submit(
        article=article,
        user_name=user_name,
        body=body or f"I see it otherwise, says {ip}.",
        ip_address=ip,
        user_agent="Test",
        reply_to=to,
    )


@pytest.fixture
def journalist(db, article):
    user = User.objects.create_user(
        "ines",
        password="pw-123456",
        first_name="Ines",
        last_name="Halvorsen",
        is_staff=True,
    )
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def journalist_client(journalist):
    browser = Client()
    browser.force_login(journalist)
    return browser


# Replies


def test_a_reply_shows_under_the_comment_it_answers(
    client, article, comment_data, make_comment
):
    first = make_comment(article, user_name="Mara", body="The wall is too low.")
    make_comment(article, user_name="Later", body="A newer comment.")

    response = client.post(
        comments_url(article),
        comment_data(user_name="Tomas", body="It was raised twice.", reply_to=first.pk),
    )

    answer = Comment.objects.get(user_name="Tomas")
    assert response.status_code == 302
    assert (answer.parent, answer.reply_to) == (first, first)
    page = page_of(client, article.get_absolute_url())
    thread = page[page.index(f'id="thread-{first.pk}"') :]
    thread = thread[
        : thread.index('<div class="thread"', 1)
        if '<div class="thread"' in thread[1:]
        else None
    ]
    assert "It was raised twice." in thread
    assert page.index("A newer comment.") < page.index("The wall is too low.")
    assert "3 comments" in page


def test_a_reply_to_a_reply_joins_the_thread_and_says_whom_it_answers(
    client, article, make_comment
):
    top = make_comment(article, user_name="Mara")
    first = reply(article, top, user_name="Tomas")
    second = reply(article, first, user_name="Ewa", ip="198.51.100.8")

    assert (second.parent_id, second.reply_to_id) == (top.pk, first.pk)
    page = page_of(client, article.get_absolute_url())
    assert f'Replying to <a href="/comments/{first.pk}/">Tomas</a>' in page


def test_the_first_replies_show_and_a_link_shows_the_rest_without_javascript(
    client, article, make_comment
):
    top = make_comment(article, user_name="Mara")
    answers = [
        reply(article, top, body=f"Answer number {n}.", ip=f"198.51.100.{n}")
        for n in range(5)
    ]

    page = page_of(client, article.get_absolute_url())
    for answer in answers[: threads.REPLIES_SHOWN]:
        assert answer.body in page
    for answer in answers[threads.REPLIES_SHOWN :]:
        assert answer.body not in page
    assert "Show 2 more replies" in page

    whole = page_of(client, f"/comments/{top.pk}/thread/")
    assert all(answer.body in whole for answer in answers)
    fragment = page_of(client, f"/comments/{top.pk}/thread/?partial=replies")
    assert "<html" not in fragment and answers[-1].body in fragment


def test_pages_count_threads_and_a_reply_s_permalink_finds_its_thread(
    client, article, make_comment, settings
):
    first = make_comment(article, body="By the oldest reader")
    answer = reply(article, first)
    for n in range(threads.THREADS_PER_PAGE):
        make_comment(article, user_name=f"Reader {n}", body=f"Comment {n}")

    assert "By the oldest reader" not in page_of(client, article.get_absolute_url())
    second_page = page_of(client, f"{article.get_absolute_url()}?page=2")
    assert "By the oldest reader" in second_page and answer.body in second_page

    found = client.get(f"/comments/{answer.pk}/")
    assert (
        found["Location"] == f"{article.get_absolute_url()}?page=2#comment-{answer.pk}"
    )


def test_a_reply_past_the_first_few_is_found_on_its_thread_s_page(
    client, article, make_comment
):
    top = make_comment(article)
    answers = [reply(article, top, ip=f"198.51.100.{n}") for n in range(4)]

    found = client.get(f"/comments/{answers[-1].pk}/")

    assert found["Location"] == f"/comments/{top.pk}/thread/#comment-{answers[-1].pk}"


def test_a_removed_comment_with_replies_leaves_a_placeholder_with_the_reason(
    client, article, make_comment, moderator
):
    top = make_comment(article, body="Something abusive.")
    alone = make_comment(article, body="Spam without answers.")
    answer = reply(article, top, body="That was uncalled for.")

    moderation.remove([top], by=moderator, reason=Reason.ABUSIVE)
    moderation.remove([alone], by=moderator, reason=Reason.SPAM)

    page = page_of(client, article.get_absolute_url())
    assert "Something abusive." not in page
    assert "Spam without answers." not in page
    assert answer.body in page
    assert page.count("This comment was removed by a moderator.") == 2


def test_a_held_comment_readers_never_saw_leaves_no_line_when_removed(
    client, article, make_comment, moderator
):
    BannedWord.objects.create(word="scam")
    top = make_comment(article, body="A comment everyone read.")
    held_top = moderation.submit(
        article=article,
        user_name="Seller",
        body="Buy now, a scam.",
        ip_address="198.51.100.9",
        user_agent="Test",
    )
    held_reply = reply(article, top, body="Another scam for you.", ip="192.0.2.7")
    approved_first = reply(article, top, body="Not a scam, I promise.", ip="192.0.2.8")
    seen_reply = reply(article, top, body="A reply everyone read.", ip="192.0.2.9")
    moderation.approve([approved_first], by=moderator)

    moderation.remove([held_top, held_reply], by=moderator, reason=Reason.SPAM)
    moderation.remove([approved_first, seen_reply], by=moderator, reason=Reason.OTHER)

    page = page_of(client, article.get_absolute_url())
    # The replies readers saw leave their line; the two held from the start
    # leave nothing, not even a trace that they were written.
    assert page.count("This comment was removed by a moderator.") == 2
    assert "Buy now" not in page and "Another scam" not in page
    top.refresh_from_db()
    assert top.removed_reply_count == 2


def test_every_rule_applies_to_replies(
    client, article, make_comment, moderator, settings, flood_limit
):
    flood_limit("comments")
    BannedWord.objects.create(word="scoundrel")
    top = make_comment(article)

    held = reply(article, top, body="You scoundrel.")
    assert (held.status, held.hold_rule) == (Comment.Status.HELD, HoldRule.BANNED_WORD)

    settings.NEWSROOM_REPORTS_TO_HOLD = 2
    answer = reply(article, top, body="A fair answer.", ip="198.51.100.20")
    for ip in ("203.0.113.1", "198.51.100.2"):
        moderation.report(comment=answer, reason=Reason.SPAM, reporter_ip=ip)
    answer.refresh_from_db()
    assert answer.status == Comment.Status.HELD

    moderation.ban_posters([answer], by=moderator, reason=Reason.SPAM, expires_at=None)
    with pytest.raises(moderation.PosterBanned):
        reply(article, top, ip="198.51.100.20", user_name="Someone else")


def test_a_reply_to_a_comment_no_longer_shown_keeps_the_text(
    client, article, comment_data, make_comment, moderator
):
    top = make_comment(article)
    moderation.remove([top], by=moderator, reason=Reason.SPAM)

    response = client.post(
        comments_url(article), comment_data(body="My kept answer.", reply_to=top.pk)
    )

    page = unescape(response.content.decode())
    assert response.status_code == 400
    assert "The comment you are replying to is no longer shown" in page
    assert "My kept answer.</textarea>" in page
    assert 'name="reply_to" value=""' in page or 'name="reply_to" id' in page
    assert not Comment.objects.filter(body="My kept answer.").exists()


def test_the_reply_page_without_javascript_shows_what_is_answered(
    client, article, make_comment
):
    top = make_comment(article, user_name="Mara", body="The wall is too low.")

    page = page_of(client, f"/story/{article.slug}/comment/?reply_to={top.pk}")

    assert "Replying to <strong data-replying-to-name>Mara</strong>" in page
    assert "The wall is too low." in page
    assert f'name="reply_to" value="{top.pk}"' in page


def test_feeds_include_replies_and_say_whom_they_answer(client, article, make_comment):
    top = make_comment(article, user_name="Mara")
    reply(article, top, user_name="Tomas", body="An answer in the feed.")

    feed = page_of(client, f"/story/{article.slug}/comments/rss/")

    assert "An answer in the feed." in feed
    assert "Tomas, replying to Mara" in feed


# Staff voices


def test_staff_comment_without_a_captcha_under_their_name_and_badge(
    journalist_client, article, make_article
):
    security = page_of(journalist_client, "/comments/form-security/")
    assert "captcha" not in security
    assert "You are commenting as <strong>Ines Halvorsen</strong>" in security

    response = journalist_client.post(
        comments_url(article),
        {"body": "Reporter here: the figures are from the council."},
    )

    comment = Comment.objects.get()
    assert response.status_code == 302
    assert (comment.user_name, comment.voice, comment.status) == (
        "Ines Halvorsen",
        "staff",
        "published",
    )
    page = page_of(Client(), article.get_absolute_url())
    assert '<span class="badge badge-staff">Newsroom staff</span>' in page


def test_a_story_s_own_author_comments_as_author(
    journalist, journalist_client, article
):
    article.authors.add(journalist)

    security = page_of(
        journalist_client, f"/comments/form-security/?story={article.slug}"
    )
    assert '<span class="badge badge-author">Author</span>' in security
    journalist_client.post(comments_url(article), {"body": "Thanks for reading."})

    assert Comment.objects.get().voice == "author"
    assert '<span class="badge badge-author">Author</span>' in page_of(
        Client(), article.get_absolute_url()
    )


def test_staff_replies_are_published_whatever_holds_readers(
    journalist_client, article, make_comment
):
    article.premoderated = True
    article.save()
    top = make_comment(article)

    journalist_client.post(
        comments_url(article), {"body": "Good question, answered.", "reply_to": top.pk}
    )

    answer = Comment.objects.get(body="Good question, answered.")
    assert (answer.status, answer.parent) == ("published", top)


@pytest.mark.parametrize(
    "name",
    [
        "Ines Halvorsen",
        "INES  HALVORSEN",
        "\u00cdnes H\u00e1lvorsen",
        "\u0406nes Halvorsen",  # a Cyrillic I
        "Newsroom staff",
        "The Author",
    ],
)
def test_no_reader_passes_for_staff(client, journalist, article, comment_data, name):
    response = client.post(
        comments_url(article),
        comment_data(user_name=name, voice="staff", author=journalist.pk),
    )

    comment = Comment.objects.get()
    assert response.status_code == 302
    assert (comment.voice, comment.author) == ("", None)
    assert (comment.status, comment.hold_rule) == ("held", HoldRule.STAFF_NAME)
    assert (
        "badge"
        not in page_of(client, article.get_absolute_url()).split('id="comments"')[1]
    )


def test_a_reader_with_a_badge_in_the_name_gets_no_badge(client, article, comment_data):
    client.post(
        comments_url(article),
        comment_data(user_name='<span class="badge">Staff</span>'),
    )

    page = page_of(client, article.get_absolute_url())
    assert '<span class="badge' not in page.replace("&lt;span", "")


# Editors' picks


def test_a_journalist_picks_a_comment_and_the_picks_order_lists_it(
    journalist_client, client, article, make_comment, journalist
):
    chosen = make_comment(article, body="A comment worth reading.")
    make_comment(article, body="An ordinary comment.")

    response = journalist_client.post(
        "/admin/comments/comment/?queue=all",
        {"action": "pick", "_selected_action": [chosen.pk]},
    )

    assert response.status_code == 302
    event = ModerationEvent.objects.get(comment=chosen)
    assert (event.action, event.moderator) == ("picked", journalist)
    picks = page_of(client, f"{article.get_absolute_url()}?sort=picks")
    assert "A comment worth reading." in picks and "An ordinary comment." not in picks
    newest = page_of(client, f"{article.get_absolute_url()}?sort=newest")
    assert 'class="comment comment-pick"' in newest and "Editors\u2019 pick" in newest

    moderation.unpick([chosen], by=journalist)
    assert "A comment worth reading." not in page_of(
        client, f"{article.get_absolute_url()}?sort=picks"
    )


def test_a_story_without_picks_says_so_under_picks(client, article, make_comment):
    make_comment(article)

    page = page_of(client, f"{article.get_absolute_url()}?sort=picks")

    assert "No editors\u2019 picks yet." in page


def test_only_published_comments_can_be_picked(article, make_comment, moderator):
    held = make_comment(article, status=Comment.Status.HELD)

    assert moderation.pick([held], by=moderator) == 0


# Recommendations


def recommend(client, comment, ip="198.51.100.30"):
    return client.post(
        f"/comments/{comment.pk}/recommend/",
        HTTP_ACCEPT="application/json",
        REMOTE_ADDR=ip,
    )


def test_a_reader_recommends_once_per_browser_and_once_per_address(
    client, article, make_comment
):
    comment = make_comment(article)

    first = recommend(client, comment)
    again = recommend(client, comment, ip="198.51.100.31")  # same browser, new address
    other_browser = recommend(Client(), comment)  # same address, new browser

    assert first.json() == {
        "counted": True,
        "count": 1,
        "message": "Thank you: your recommendation is counted.",
    }
    assert again.json()["counted"] is False
    assert other_browser.json()["counted"] is False
    assert recommend(Client(), comment, ip="198.51.100.32").json()["count"] == 2
    comment.refresh_from_db()
    assert comment.recommend_count == 2


def test_recommending_without_javascript_confirms_on_a_page(
    client, article, make_comment
):
    comment = make_comment(article, body="Recommend me.")

    confirm = page_of(client, f"/comments/{comment.pk}/recommend/")
    assert "Recommend me." in confirm and 'name="csrfmiddlewaretoken"' in confirm
    done = client.post(f"/comments/{comment.pk}/recommend/", follow=True)

    assert "your recommendation is counted" in unescape(done.content.decode())


def test_recommendations_reach_the_cached_page_without_re_rendering_it(
    client, article, make_comment
):
    comment = make_comment(article)
    url = article.get_absolute_url()
    client.get(url)  # cached

    recommend(client, comment)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    counts = client.get(reverse("comments:recommend_counts", args=[article.slug]))

    assert len(queries) == 0  # still the cached page
    assert counts.json()["counts"] == {str(comment.pk): 1}
    assert (
        "max-age=5" in counts["Cache-Control"] and "public" in counts["Cache-Control"]
    )


def test_the_counts_answer_holds_nothing_but_published_counts(
    client, article, make_comment
):
    shown = make_comment(article, recommend_count=3)
    make_comment(article, status=Comment.Status.HELD, recommend_count=9)

    counts = client.get(
        reverse("comments:recommend_counts", args=[article.slug])
    ).json()

    assert counts["counts"] == {str(shown.pk): 3}


def test_the_live_answer_says_how_many_comments_and_costs_no_query_when_warm(
    client, article, comment_data, django_assert_num_queries
):
    url = reverse("comments:recommend_counts", args=[article.slug])
    assert client.get(url).json()["comments"] == 0
    client.post(comments_url(article), comment_data())
    cache.delete(f"comments:live:{article.slug}")  # past its five seconds

    assert client.get(url).json()["comments"] == 1
    with django_assert_num_queries(0):
        assert client.get(url).json()["comments"] == 1


# Orders


def test_each_order_lists_threads_as_it_says(client, article, make_comment):
    older = make_comment(article, body="Older comment.")
    newer = make_comment(article, body="Newer comment.", recommend_count=0)
    Comment.objects.filter(pk=older.pk).update(recommend_count=5)
    url = article.get_absolute_url()

    def order(sort):
        page = page_of(client, f"{url}?sort={sort}")
        return page.index("Older comment.") < page.index("Newer comment.")

    assert order("oldest") is True
    assert order("newest") is False
    assert order("recommended") is True
    assert newer  # listed in both


def test_the_chosen_order_is_remembered(client, article, make_comment):
    make_comment(article)
    url = article.get_absolute_url()

    chosen = client.get(f"{url}?sort=oldest")
    assert chosen.cookies["comment_sort"].value == "oldest"
    assert "private" in chosen["Cache-Control"]

    back = client.get(url)
    assert back.status_code == 302
    assert back["Location"] == f"{url}?sort=oldest"
    assert "Cookie" in back["Vary"]

    again = client.get(f"{url}?sort=oldest")
    assert "comment_sort" not in again.cookies
    assert "public" in again["Cache-Control"]
    assert client.get(f"{url}?sort=newest").cookies["comment_sort"].value == "newest"
    assert client.get(url).status_code == 200


def test_each_order_s_pages_are_cached(client, article, make_comment):
    make_comment(article)
    for sort in threads.Sort.values:
        url = f"{article.get_absolute_url()}?sort={sort}"
        Client().get(url)
        with CaptureQueriesContext(connection) as queries:
            assert Client().get(url).status_code == 200
        assert len(queries) == 0, sort


def test_an_unknown_order_is_no_page(client, article):
    assert client.get(f"{article.get_absolute_url()}?sort=bogus").status_code == 404
    assert client.get(f"{article.get_absolute_url()}?sort=oldest&page=01")[
        "Location"
    ] == (f"{article.get_absolute_url()}?sort=oldest")


def test_a_permalink_follows_the_reader_s_order(client, article, make_comment):
    comments = [
        make_comment(article, body=f"Comment {n}")
        for n in range(threads.THREADS_PER_PAGE + 1)
    ]
    client.cookies["comment_sort"] = "oldest"

    assert client.get(f"/comments/{comments[0].pk}/")["Location"] == (
        f"{article.get_absolute_url()}?sort=oldest#comment-{comments[0].pk}"
    )
    assert client.get(f"/comments/{comments[-1].pk}/")["Location"] == (
        f"{article.get_absolute_url()}?sort=oldest&page=2#comment-{comments[-1].pk}"
    )


# Posting from the story page's script


def post_json(client, article, data):
    return client.post(comments_url(article), data, HTTP_ACCEPT="application/json")


def test_a_published_post_is_answered_in_place(client, article, comment_data):
    response = post_json(client, article, comment_data(body="Posted in place."))

    comment = Comment.objects.get()
    answer = response.json()
    assert answer.pop("edit")["url"] == f"/comments/{comment.pk}/edit/"
    assert answer == {
        "status": "published",
        "message": "Thank you! Your comment is published.",
        "url": f"/comments/{comment.pk}/",
    }
    assert "no-store" in response["Cache-Control"]


def test_a_held_post_is_answered_in_place_with_what_it_means(
    client, article, comment_data
):
    article.premoderated = True
    article.save()

    response = post_json(client, article, comment_data())

    assert response.json()["status"] == "held"
    assert "a moderator will read it before it appears" in response.json()["message"]
    assert "You do not need to post it again" in response.json()["message"]


def test_a_wrong_captcha_is_one_message_on_the_field_and_a_fresh_captcha(
    client, article, comment_data
):
    response = post_json(client, article, comment_data(captcha_1="wrong words"))

    outcome = response.json()
    assert response.status_code == 400
    assert outcome["status"] == "refused"
    assert list(outcome["errors"]) == ["captcha"]
    assert outcome["message"] == outcome["errors"]["captcha"][0]
    assert 'name="captcha_0"' in outcome["security"]
    assert not Comment.objects.exists()


def test_a_journalist_gets_the_pick_tools_on_the_story_page_and_nothing_more(
    journalist_client, article, make_comment
):
    held = make_comment(article, status=Comment.Status.HELD)
    shown = make_comment(article)
    journalist_client.get("/admin/")  # sets the hint cookie, as signing in does

    assert journalist_client.cookies["newsroom_moderator"].value == "1"
    tools = journalist_client.get(
        reverse("comments:moderation_tools", args=[article.slug])
    ).json()
    assert (sorted(tools["decisions"]), tools["held"]) == (["pick", "unpick"], [])
    decide = "/admin/comments/comment/workspace/decide/"
    refused = journalist_client.post(
        decide, {"comment": held.pk, "decision": "approve"}
    )
    picked = journalist_client.post(
        decide,
        {"comment": shown.pk, "decision": "pick"},
        HTTP_ACCEPT="application/json",
    )

    assert refused.status_code == 403
    assert picked.json()["message"] == "Now an editors' pick."
    shown.refresh_from_db()
    assert shown.is_pick


def test_staff_without_javascript_write_under_their_name(
    journalist_client, article, make_comment
):
    top = make_comment(article, user_name="Mara")

    page = page_of(
        journalist_client, f"/story/{article.slug}/comment/?reply_to={top.pk}"
    )

    assert "You are commenting as <strong>Ines Halvorsen</strong>" in page
    assert 'name="user_name"' not in page
    assert 'name="captcha_1"' not in page
    assert f'name="reply_to" value="{top.pk}"' in page


def test_a_pick_can_be_undone_like_any_decision(
    client, article, make_comment, moderator
):
    comment = make_comment(article, body="Picked by mistake.")
    moderation.pick([comment], by=moderator)

    assert moderation.undo(comment, by=moderator) == 1

    comment.refresh_from_db()
    assert not comment.is_pick
    assert "Picked by mistake." not in page_of(
        client, f"{article.get_absolute_url()}?sort=picks"
    )
