"""Replies by e-mail: double opt-in at the comment form, one message per
reply or a digest, one-click unsubscribe, and nothing kept or sent that
should not be."""

import re
import time
from datetime import timedelta

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from comments import moderation
from comments.models import Comment, PosterStanding, Reason
from following import follows, links, mail
from following.models import Follow, Follower, ReservedName
from privacy import requests, retention
from privacy.models import LegalRequest
from tests.conftest import captcha_from

from .support import comments_url, text_of

# Real commits: mails go out once what they tell of is committed.
pytestmark = pytest.mark.django_db(transaction=True)

JSON = {"HTTP_ACCEPT": "application/json"}
LINK = re.compile(r"https?://[^/\s]+(/\S+)")


@pytest.fixture(autouse=True)
def posting_unlimited(flood_limit):
    """One reader posts several comments in a row here."""
    flood_limit("comments")


@pytest.fixture
def post(client, article, comment_data):
    """Post from the reader's browser (client); returns the JSON answer."""

    def post_(**fields):
        return client.post(comments_url(article), comment_data(**fields), **JSON)

    return post_


@pytest.fixture
def following(post, mailoutbox, client):
    """Lena's comment, followed and confirmed from her mailbox."""
    post(notify="on", email="Lena@Example.org")
    confirm = LINK.search(mailoutbox[0].body)[1]
    assert client.get(confirm).status_code == 200
    mailoutbox.clear()
    return Comment.objects.get()


def reply_to(comment, **fields) -> Comment:
    return moderation.submit(
        article=comment.article,
        user_name=fields.pop("user_name", "Omar"),
        body=fields.pop("body", "I see it differently."),
        ip_address=fields.pop("ip_address", "198.51.100.7"),
        user_agent="",
        reply_to=comment,
    )


def links_in(message) -> list[str]:
    return LINK.findall(message.body)


def test_a_reader_asks_at_the_form_and_gets_one_link_to_confirm(post, mailoutbox):
    answer = post(notify="on", email="lena@example.org").json()

    assert answer["status"] == "published"
    assert "follow the link we send to that address" in answer["message"]
    follower = Follower.objects.get()
    assert follower.email == "lena@example.org" and not follower.confirmed_at
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["lena@example.org"]
    assert message.subject == "Confirm replies by e-mail from Newsroom"
    assert message.extra_headers["List-Unsubscribe-Post"] == (
        "List-Unsubscribe=One-Click"
    )


def test_without_the_box_ticked_nothing_is_stored_or_sent(post, mailoutbox):
    post(email="lena@example.org")

    assert not Follower.objects.exists() and not mailoutbox


def test_a_ticked_box_needs_an_address_and_keeps_the_text(post):
    response = post(notify="on", email="", body="Keep these words.")

    assert response.status_code == 400
    assert response.json()["errors"]["email"] == [
        "Please enter the e-mail address to tell of replies, or untick the box."
    ]
    assert not Comment.objects.exists()


def test_the_answer_never_says_whether_an_address_already_follows(article, following):
    def answer_for(email: str) -> str:
        stranger = Client()
        data = {"user_name": "Omar", "body": f"From {email}", "notify": "on"}
        data |= captcha_from(stranger.get("/comments/form-security/"))
        response = stranger.post(comments_url(article), data | {"email": email}, **JSON)
        return response.json()["message"]

    assert answer_for("lena@example.org") == answer_for("new@example.org")


def test_an_unconfirmed_address_is_asked_once_a_day(post, mailoutbox):
    for number in range(3):
        post(notify="on", email="lena@example.org", body=f"Comment {number}")

    assert len(mailoutbox) == 1
    Follower.objects.update(confirmation_sent_at=timezone.now() - timedelta(days=2))
    post(notify="on", email="lena@example.org", body="A day later")
    assert len(mailoutbox) == 2


def test_confirmation_mails_are_limited_per_recipient(
    article, make_comment, mailoutbox, settings
):
    settings.NEWSROOM_FLOOD_LIMITS = settings.NEWSROOM_FLOOD_LIMITS | {
        "follow_recipient": {"interval_seconds": 0, "per_hour": 2}
    }
    for number in range(5):
        Follower.objects.update(confirmation_sent_at=None)
        follows.follow(
            email="victim@example.org",
            comment=make_comment(article, body=f"Bait {number}"),
            whole_story=False,
            ip_address=f"198.51.100.{number}",
        )

    assert len(mailoutbox) == 2


def test_a_confirmation_link_works_once(client, post, mailoutbox):
    post(notify="on", email="lena@example.org")
    confirm = LINK.search(mailoutbox[0].body)[1]

    first, second = client.get(confirm), client.get(confirm)

    assert first.status_code == 200 and "your address is confirmed" in text_of(first)
    assert second.status_code == 400
    assert Follower.objects.get().confirmed_at


def test_a_confirmed_browser_is_not_asked_again(client, post, mailoutbox, following):
    answer = post(notify="on", email="lena@example.org", body="Again").json()

    assert answer["message"].endswith("We will e-mail you when someone replies.")
    assert not mailoutbox
    assert Follow.objects.count() == 2


def test_a_reply_is_mailed_once_with_working_links(
    client, following, mailoutbox, article
):
    reply = reply_to(following, body="Have you read the engineers' report?")

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.subject == (
        "A reply to your comment on “Harbour towns raise their sea wall”"
    )
    assert "Omar wrote:\n\nHave you read the engineers' report?" in message.body
    read, _story, stop, manage = links_in(message)
    assert (
        client.get(read, follow=True)
        .redirect_chain[-1][0]
        .endswith(f"#comment-{reply.pk}")
    )
    assert message.extra_headers["List-Unsubscribe"].endswith(f"{stop}>")
    assert "your comment</a> on" in text_of(Client().get(manage))


def test_replies_that_come_fast_go_together_in_a_digest(following, mailoutbox):
    reply_to(following, body="First answer.")
    reply_to(following, body="Second answer.", user_name="Ines")
    reply_to(following, body="Third answer.", user_name="Pavel")

    assert len(mailoutbox) == 1
    Follow.objects.update(last_mailed_at=timezone.now() - timedelta(minutes=6))
    mail.send_reply_mails.call()  # as the worker does when the window ends

    assert len(mailoutbox) == 2
    digest = mailoutbox[1]
    assert digest.subject.startswith("2 replies to your comment")
    assert "Second answer." in digest.body and "Third answer." in digest.body
    assert "First answer." not in digest.body


def test_held_and_removed_replies_are_never_mailed(
    following, mailoutbox, moderator, settings
):
    settings.NEWSROOM_MAX_LINKS = 0
    held = reply_to(following, body="Buy at https://spam.example")
    assert held.status == Comment.Status.HELD
    moderation.remove([held], by=moderator, reason=Reason.SPAM)

    mail.send_reply_mails.call()

    assert not mailoutbox


def test_an_approved_reply_is_mailed_then(following, mailoutbox, moderator, settings):
    settings.NEWSROOM_MAX_LINKS = 0
    held = reply_to(following, body="Sources: https://harbour.example/report")

    moderation.approve([held], by=moderator)

    assert len(mailoutbox) == 1 and "harbour.example/report" in mailoutbox[0].body


def test_nothing_is_sent_for_a_story_taken_down(following, mailoutbox, article):
    reply = reply_to(following)
    mailoutbox.clear()
    Follow.objects.update(last_mailed_at=None)
    article.status = "draft"
    article.save()
    Comment.objects.filter(pk=reply.pk).delete()
    Comment.objects.create(
        article=article, user_name="Late", body="After the take-down.", parent=following
    )

    mail.send_reply_mails.call()

    assert not mailoutbox


def test_a_readers_own_reply_in_the_thread_is_not_mailed_to_them(
    client, article, comment_data, following, mailoutbox
):
    data = comment_data(
        notify="on", email="lena@example.org", body="Adding to my own comment."
    )
    client.post(comments_url(article), data | {"reply_to": str(following.pk)}, **JSON)

    assert not mailoutbox


def test_staff_replies_and_picks_say_so(following, mailoutbox, moderator, admin_user):
    admin_user.first_name, admin_user.last_name = "Ines", "Halvorsen"
    admin_user.save()
    moderation.submit_as_staff(
        article=following.article,
        author=admin_user,
        body="Thanks, we will look into it.",
        ip_address=None,
        user_agent="",
        reply_to=following,
    )
    assert "Ines Halvorsen (Newsroom staff) wrote:" in mailoutbox[0].body

    Follow.objects.update(last_mailed_at=None)
    moderation.pick([following], by=moderator)

    assert len(mailoutbox) == 2
    assert mailoutbox[1].subject == (
        "Your comment on “Harbour towns raise their sea wall” is an editors\u2019 pick"
    )


def test_one_click_unsubscribe_stops_and_forgets_the_address(following, mailoutbox):
    reply_to(following)
    _read, _story, stop, _manage = links_in(mailoutbox[0])

    # What a mail program sends (RFC 8058): a POST without a form token.
    response = Client(enforce_csrf_checks=True).post(
        stop,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert not Follow.objects.exists() and not Follower.objects.exists()


def test_a_link_checker_opening_the_stop_link_stops_nothing(following, mailoutbox):
    reply_to(following)
    _read, _story, stop, _manage = links_in(mailoutbox[0])

    assert Client().get(stop).status_code == 200
    assert Follow.objects.exists()


def test_the_page_of_what_an_address_follows_stops_each_or_all(
    post, following, mailoutbox
):
    token = links.manage_token("lena@example.org")
    url = reverse("following:manage", kwargs={"token": token})
    post(notify="on", notify_story="on", email="lena@example.org", body="More")
    browser = Client()

    page = text_of(browser.get(url))
    assert page.count("your comment</a> on “Harbour towns") == 2
    assert 'new comments on “<a href="/story/sea-wall/">Harbour towns' in page

    browser.post(url, {"all": "1"})
    assert not Follower.objects.exists()


@pytest.mark.parametrize("token", ["", "x", "a" * 500, "bad:signature"])
def test_tampered_links_get_a_clear_page(client, token):
    for name in ("confirm", "manage", "stop"):
        url = reverse(f"following:{name}", kwargs={"token": token or "-"})
        response = client.get(url)
        assert response.status_code == 400
        assert "This link does not work" in text_of(response)


def test_following_a_story_mails_its_new_comments(
    post, mailoutbox, client, article, make_comment
):
    post(notify="on", notify_story="on", email="lena@example.org")
    client.get(LINK.search(mailoutbox[0].body)[1])
    mailoutbox.clear()

    moderation.submit(
        article=article,
        user_name="Pavel",
        body="A new thought on the wall.",
        ip_address="198.51.100.9",
        user_agent="",
    )

    assert mailoutbox[0].subject == (
        "A new comment on “Harbour towns raise their sea wall”"
    )


def test_housekeeping_forgets_addresses_never_confirmed(post, mailoutbox):
    post(notify="on", email="lena@example.org")
    Follower.objects.update(created_at=timezone.now() - timedelta(days=4))

    assert follows.forget_unused() == 1
    assert not Follow.objects.exists()


def test_the_story_page_is_the_same_for_a_follower_and_everyone(
    client, article, following
):
    assert client.cookies["newsroom_follower"]["httponly"]
    url = article.get_absolute_url()

    assert client.get(url).content == Client().get(url).content


def test_a_legal_request_exports_and_erases_the_addresses_following_replies(
    following, admin_user
):
    legal = LegalRequest.objects.create(
        user_name="Lena", reference="Case 7", created_by=admin_user
    )

    exported = requests.records(requests.Subject.of(legal))["reply_follows"]
    assert [row["email"] for row in exported] == ["lena@example.org"]

    requests.erase(legal, by=admin_user)
    assert not Follower.objects.exists() and not Follow.objects.exists()


# Names that are readers' own


@pytest.fixture
def lenas_name(client, mailoutbox):
    """Lena makes her name hers from her browser (client)."""
    form = client.get(reverse("following:name"))
    data = {"user_name": "Lena", "email": "lena@example.org"} | captcha_from(form)
    assert client.post(reverse("following:name"), data).status_code == 302
    link = LINK.search(mailoutbox[0].body)[1]
    page = client.get(link)
    assert "“Lena” is your name here now" in text_of(page)
    mailoutbox.clear()
    return ReservedName.objects.get()


def post_as(browser, article, user_name: str):
    data = {"user_name": user_name, "body": f"Written as {user_name}."}
    data |= captcha_from(browser.get("/comments/form-security/"))
    return browser.post(comments_url(article), data, **JSON)


@pytest.mark.parametrize("user_name", ["Lena", "lena", "L e n a", "L\u0435na", "Lena."])
def test_a_confirmed_name_cannot_be_taken_by_another_reader(
    article, lenas_name, user_name
):
    response = post_as(Client(), article, user_name)

    assert response.status_code == 400
    assert response.json()["errors"]["user_name"] == [
        "Another reader has made “Lena” their name here. Please choose another "
        "one; your comment is kept."
    ]
    assert not Comment.objects.exists()


def test_the_browser_that_confirmed_posts_under_its_name(client, article, lenas_name):
    assert post_as(client, article, "Lena").json()["status"] == "published"
    assert post_as(Client(), article, "Helena").json()["status"] == "published"


def test_a_name_already_confirmed_by_another_is_not_given_twice(
    client, lenas_name, mailoutbox
):
    other = Client()
    form = other.get(reverse("following:name"))
    data = {"user_name": "LENA", "email": "imposter@example.org"} | captcha_from(form)
    other.post(reverse("following:name"), data)

    response = other.get(LINK.search(mailoutbox[0].body)[1])

    assert response.status_code == 409
    assert ReservedName.objects.get().follower.email == "lena@example.org"


def test_a_name_is_kept_by_housekeeping_and_freed_on_request(
    client, article, lenas_name
):
    assert follows.forget_unused() == 0
    url = reverse(
        "following:manage", kwargs={"token": links.manage_token("lena@example.org")}
    )

    client.post(url, {"release": "1"})

    assert not ReservedName.objects.exists()
    assert post_as(Client(), article, "Lena").json()["status"] == "published"


def post_without_captcha(browser, article, user_name: str):
    browser.get("/comments/form-security/")
    data = {"user_name": user_name, "body": f"No check, as {user_name}."}
    return browser.post(comments_url(article), data, **JSON)


def test_a_confirmed_name_posts_without_the_captcha_from_its_browser(
    client, article, lenas_name
):
    security = text_of(client.get("/comments/form-security/"))
    assert "the name you confirmed? Then you can leave this check empty." in security

    assert post_without_captcha(client, article, "Lena").json()["status"] == (
        "published"
    )
    # Under another name, or from another browser, the check is asked.
    other_name = post_without_captcha(client, article, "Someone Else")
    assert other_name.status_code == 400
    assert "captcha" in other_name.json()["errors"]
    assert post_without_captcha(Client(), article, "Lena").status_code == 400


def test_thirty_days_after_confirming_the_captcha_is_asked_again(
    client, article, lenas_name, monkeypatch
):
    later = time.time() + 31 * 24 * 3600
    monkeypatch.setattr(signing.time, "time", lambda: later)

    response = post_without_captcha(client, article, "Lena")

    assert response.status_code == 400 and "captcha" in response.json()["errors"]


def test_flood_limits_still_count_a_confirmed_readers_comments(
    client, article, lenas_name, flood_limit
):
    flood_limit("comments", interval_seconds=30)

    assert post_without_captcha(client, article, "Lena").status_code == 200
    assert post_without_captcha(client, article, "Lena").status_code == 429


def test_the_story_page_is_the_same_for_a_names_owner_and_everyone(
    client, article, lenas_name
):
    url = article.get_absolute_url()
    before = Client().get(url).content
    post_without_captcha(client, article, "Lena")

    # The same bytes for the owner and a stranger, the new comment aside.
    assert client.get(url).content == Client().get(url).content
    assert before != client.get(url).content


# Bans and watches on the address a reader confirmed


def post_from(browser, article, user_name: str, address: str):
    data = {"user_name": user_name, "body": f"Written as {user_name}."}
    data |= captcha_from(browser.get("/comments/form-security/"))
    return browser.post(comments_url(article), data, REMOTE_ADDR=address, **JSON)


@pytest.fixture
def lenas_comment(client, article, lenas_name) -> Comment:
    post_from(client, article, "Lena", "198.51.100.7")
    return Comment.objects.get()


def test_a_comment_keeps_a_key_of_the_confirmed_address_never_the_address(
    article, lenas_comment
):
    assert lenas_comment.reader_key == follows.reader_key_of("lena@example.org")
    assert "lena" not in lenas_comment.reader_key
    # A reader who confirmed nothing is posted with no key.
    post_from(Client(), article, "Omar", "198.51.100.8")
    assert Comment.objects.get(user_name="Omar").reader_key == ""


def test_a_ban_follows_a_confirmed_reader_to_another_address_and_name(
    client, article, lenas_comment, moderator
):
    moderation.ban_posters(
        [lenas_comment], by=moderator, reason=Reason.ABUSIVE, expires_at=None
    )

    refused = post_from(client, article, "Someone New", "203.0.113.50")

    assert refused.status_code == 403
    assert "confirmed e-mail address" in refused.json()["message"]
    # Another reader at that address and under that name is not touched.
    assert (
        post_from(Client(), article, "Someone New", "203.0.113.50").status_code == 200
    )


def test_banning_the_name_only_still_names_the_confirmed_address(
    client, article, lenas_comment, moderator
):
    moderation.ban_posters(
        [lenas_comment],
        by=moderator,
        reason=Reason.SPAM,
        expires_at=None,
        name_only=True,
    )

    assert post_from(client, article, "Helena", "198.51.100.7").status_code == 403
    assert post_from(Client(), article, "Helena", "198.51.100.7").status_code == 200


def test_a_watch_holds_what_a_confirmed_reader_writes_anywhere(
    client, article, lenas_comment, moderator
):
    moderation.watch([lenas_comment], by=moderator, expires_at=None)

    answer = post_from(client, article, "Someone New", "203.0.113.50").json()

    assert answer["status"] == "held"


def test_a_browser_whose_address_was_forgotten_posts_without_a_key(
    client, article, lenas_name
):
    client.post(
        reverse(
            "following:manage",
            kwargs={"token": links.manage_token("lena@example.org")},
        ),
        {"release": "1"},
    )

    post_from(client, article, "Lena", "198.51.100.7")

    assert not Follower.objects.exists()
    assert Comment.objects.get().reader_key == ""


def test_the_key_is_forgotten_with_the_address_unless_a_ban_needs_it(
    client, article, lenas_comment, moderator, make_comment, settings
):
    other = make_comment(article, reader_key="0" * 64)
    old = timezone.now() - timedelta(days=settings.NEWSROOM_RETENTION_DAYS + 1)
    Comment.objects.update(created_at=old)
    moderation.watch([lenas_comment], by=moderator, expires_at=None)

    retention.forget_old_addresses()

    assert Comment.objects.get(pk=other.pk).reader_key == ""
    assert Comment.objects.get(pk=lenas_comment.pk).reader_key
    watch = PosterStanding.objects.get()
    moderation.lift_standings([watch], by=moderator)
    PosterStanding.objects.update(lifted_at=old)

    retention.forget_old_addresses()

    assert Comment.objects.get(pk=lenas_comment.pk).reader_key == ""
    assert PosterStanding.objects.get().reader_key == ""


def test_the_moderator_sees_that_a_ban_would_name_a_confirmed_address(
    lenas_comment, moderator_client
):
    page = moderator_client.get(
        reverse("admin:comments_comment_change", args=[lenas_comment.pk])
    )

    assert "Posted from a browser that confirmed an e-mail address" in text_of(page)
    assert "lena@example.org" not in text_of(page)
