"""A poster edits or deletes their own comment, for a few minutes, from the
browser that posted it; nobody else, and never after a moderator."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from comments import moderation
from comments.models import Comment, ModerationEvent, Reason

from .support import comments_url, text_of

pytestmark = pytest.mark.django_db

Status = Comment.Status
JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def posted(client, article, comment_data):
    """Lena's comment, posted from her browser (client)."""
    answer = client.post(comments_url(article), comment_data(), **JSON).json()
    assert answer["status"] == "published"
    return Comment.objects.get()


def edit_url(comment) -> str:
    return reverse("comments:edit", kwargs={"pk": comment.pk})


def story_page(client, article) -> str:
    return text_of(client.get(article.get_absolute_url()))


def test_the_posting_browser_gets_a_secret_for_that_comment_only(
    client, article, comment_data
):
    response = client.post(comments_url(article), comment_data(), **JSON)
    comment = Comment.objects.get()

    cookie = response.cookies["newsroom_edit"]
    assert cookie["path"] == f"/comments/{comment.pk}/"
    assert cookie["httponly"] and cookie["samesite"] == "Strict"
    assert int(cookie["max-age"]) == 15 * 60
    # Only a digest is stored, never the secret.
    assert cookie.value not in comment.edit_key
    assert response.json()["edit"]["url"] == edit_url(comment)


def test_without_javascript_the_message_after_posting_links_to_the_edit_page(
    client, article, comment_data
):
    response = client.post(comments_url(article), comment_data(), follow=True)

    comment = Comment.objects.get()
    assert f'<a href="{edit_url(comment)}">edit or delete your comment</a>' in (
        response.content.decode()
    )


def test_the_poster_edits_and_readers_see_edited(client, article, posted):
    page = client.get(edit_url(posted))
    assert page.status_code == 200
    assert "Well reported, thank you." in text_of(page)

    response = client.post(edit_url(posted), {"body": "Well reported, thanks!"})

    assert response.status_code == 302
    posted.refresh_from_db()
    assert posted.body == "Well reported, thanks!" and posted.edited_at
    step = posted.history.get(action=ModerationEvent.Action.EDITED)
    assert step.previous_body == "Well reported, thank you."
    page = story_page(Client(), article)
    assert "Well reported, thanks!" in page
    assert '<span class="comment-edited">edited</span>' in page


def test_an_edit_that_breaks_a_rule_is_held(client, article, posted):
    links = "https://a.example https://b.example https://c.example"

    client.post(edit_url(posted), {"body": f"Read these: {links}"})

    posted.refresh_from_db()
    article.refresh_from_db()
    assert posted.status == Status.HELD and posted.hold_rule == "links"
    assert article.comment_count == 0
    assert "Read these" not in story_page(Client(), article)


def test_a_held_comment_stays_held_when_edited(client, article, posted):
    held(posted)

    client.post(edit_url(posted), {"body": "Now without the word."})

    posted.refresh_from_db()
    assert posted.status == Status.HELD and posted.body == "Now without the word."


def test_bad_text_keeps_what_the_poster_typed(client, posted):
    response = client.post(edit_url(posted), {"body": "x" * 3001})

    assert response.status_code == 200
    assert "Please keep your comment to 3000 characters" in text_of(response)
    assert "x" * 3001 in text_of(response)
    posted.refresh_from_db()
    assert posted.body == "Well reported, thank you."


@pytest.mark.parametrize(
    "secret", [None, "", "guessed", "A" * 43], ids=["none", "empty", "short", "long"]
)
def test_another_browser_cannot_edit_or_delete(article, posted, secret):
    stranger = Client()
    if secret is not None:
        stranger.cookies["newsroom_edit"] = secret

    page = stranger.get(edit_url(posted))
    edited = stranger.post(edit_url(posted), {"body": "Hijacked"})
    deleted = stranger.post(reverse("comments:delete", kwargs={"pk": posted.pk}))

    assert page.status_code == edited.status_code == deleted.status_code == 403
    assert "only from the browser that posted it" in text_of(page)
    posted.refresh_from_db()
    assert posted.body == "Well reported, thank you." and posted.status == "published"


def test_one_comments_secret_does_not_open_another(client, article, comment_data):
    client.post(comments_url(article), comment_data(), **JSON)
    assert Comment.objects.count() == 1
    secret = client.cookies["newsroom_edit"].value
    other = Comment.objects.create(
        article=article, user_name="Omar", body="Mine.", edit_key="0" * 64
    )
    thief = Client()
    thief.cookies["newsroom_edit"] = secret

    assert thief.post(edit_url(other), {"body": "Yours now"}).status_code == 403


def test_after_the_window_nothing_changes(client, posted):
    Comment.objects.filter(pk=posted.pk).update(
        created_at=posted.created_at - timedelta(minutes=16)
    )

    response = client.post(edit_url(posted), {"body": "Too late"})

    assert response.status_code == 403
    assert "The 15 minutes in which you could change this comment have passed" in (
        text_of(response)
    )


def held(comment) -> Comment:
    Comment.objects.filter(pk=comment.pk).update(
        status=Status.HELD, hold_rule="banned_word"
    )
    return Comment.objects.get(pk=comment.pk)


@pytest.mark.parametrize(
    "decide",
    [
        lambda comment, by: moderation.remove([comment], by=by, reason=Reason.SPAM),
        lambda comment, by: moderation.pick([comment], by=by),
        lambda comment, by: moderation.approve([held(comment)], by=by),
    ],
    ids=["removed", "picked", "approved"],
)
def test_after_a_moderators_decision_nothing_changes(client, posted, moderator, decide):
    decide(posted, moderator)

    edited = client.post(edit_url(posted), {"body": "Changed after all"})
    deleted = client.post(reverse("comments:delete", kwargs={"pk": posted.pk}))

    assert edited.status_code == deleted.status_code == 403
    assert "A moderator has decided on this comment" in text_of(edited)
    posted.refresh_from_db()
    assert posted.body == "Well reported, thank you."


def test_once_answered_it_can_be_deleted_not_edited(
    client, article, posted, make_comment
):
    make_comment(article, user_name="Omar", parent=posted, reply_to=posted)

    edited = client.post(edit_url(posted), {"body": "Changed under a reply"})
    deleted = client.post(reverse("comments:delete", kwargs={"pk": posted.pk}))

    assert edited.status_code == 200
    assert "Someone has replied to this comment" in text_of(edited)
    assert deleted.status_code == 302
    posted.refresh_from_db()
    assert posted.body == "" and posted.status == Status.REMOVED
    page = story_page(Client(), article)
    assert "This comment was deleted by its author." in page
    assert "Well reported" not in page and "A thoughtful comment." in page


def test_deleting_an_unanswered_comment_leaves_nothing(client, article, posted):
    response = client.post(reverse("comments:delete", kwargs={"pk": posted.pk}))

    assert response.status_code == 302
    assert not Comment.objects.exists()
    article.refresh_from_db()
    assert article.comment_count == 0
    assert "Well reported" not in story_page(Client(), article)


def test_the_story_page_is_the_same_bytes_for_the_poster_and_everyone(
    client, article, posted
):
    client.post(edit_url(posted), {"body": "Well reported, thanks!"})
    # The poster's browser, with the comment's cookie, and a stranger's.
    poster_page = client.get(article.get_absolute_url())
    strangers_page = Client().get(article.get_absolute_url())

    # The poster's one message aside (shown once), the page is the same.
    assert client.get(article.get_absolute_url()).content == strangers_page.content
    assert poster_page.status_code == 200
    assert "newsroom_edit" not in strangers_page.headers.get("Set-Cookie", "")


def test_moderators_see_the_text_before_an_edit_on_the_comments_page(
    client, posted, moderator_client
):
    client.post(edit_url(posted), {"body": "Well reported, thanks!"})

    page = moderator_client.get(
        reverse("admin:comments_comment_change", args=[posted.pk])
    )

    assert "Edited by its poster" in text_of(page)
    assert "Well reported, thank you." in text_of(page)


def test_deleting_takes_the_texts_before_edits_too(
    client, article, posted, make_comment
):
    client.post(edit_url(posted), {"body": "Second thoughts."})
    make_comment(article, user_name="Omar", parent=posted, reply_to=posted)

    client.post(reverse("comments:delete", kwargs={"pk": posted.pk}))

    assert not ModerationEvent.objects.exclude(previous_body="").exists()
    assert not Comment.objects.filter(body__contains="thoughts").exists()


def test_erasing_on_a_legal_request_takes_the_texts_before_edits_too(
    client, posted, moderator
):
    client.post(edit_url(posted), {"body": "Second thoughts."})

    moderation.erase([posted], by=moderator)

    assert not ModerationEvent.objects.exclude(previous_body="").exists()
