"""Policies the comment settings turn on: a poster's first comment waits
for a moderator; a poster removed often lately is watched. Both off by
default."""

import pytest

from comments import moderation
from comments.models import Comment, CommentSettings, HoldRule, PosterStanding, Reason

from .support import comments_url

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture(autouse=True)
def posting_unlimited(flood_limit):
    flood_limit("comments")


def turn_on(**policies) -> None:
    CommentSettings.objects.update_or_create(pk=1, defaults=policies)


def post(client, article, comment_data, **fields) -> Comment:
    client.post(comments_url(article), comment_data(**fields), **JSON)
    return Comment.objects.latest("pk")


def test_a_posters_first_comment_waits_when_the_policy_is_on(
    client, article, comment_data, make_comment, moderator
):
    first = post(client, article, comment_data, user_name="Newcomer", body="Hello.")
    assert first.status == "published"  # off by default
    turn_on(hold_first_comments=True)

    held = post(client, article, comment_data, user_name="Stranger", body="Hi all.")
    known = post(client, article, comment_data, user_name="newcomer", body="Again.")

    assert held.hold_rule == HoldRule.FIRST_COMMENT
    assert known.status == "published"
    moderation.approve([held], by=moderator)
    assert (
        post(client, article, comment_data, user_name="Stranger", body="Thanks.").status
        == "published"
    )


def test_removals_put_a_poster_on_watch_when_the_policy_is_on(
    client, article, comment_data, moderator, django_capture_on_commit_callbacks
):
    turn_on(watch_after_removals=3, watch_removals_days=30)

    def remove_one(number: int) -> None:
        comment = post(
            client, article, comment_data, user_name="Troll", body=f"Rude {number}."
        )
        with django_capture_on_commit_callbacks(execute=True):
            moderation.remove([comment], by=moderator, reason=Reason.ABUSIVE)

    remove_one(1)
    remove_one(2)
    assert not PosterStanding.objects.exists()
    remove_one(3)

    watch = PosterStanding.objects.get()
    assert watch.standing == "watched" and watch.created_by is None
    assert watch.expires_at is not None
    assert watch.comment.history.filter(action="watched").exists()
    nextone = post(client, article, comment_data, user_name="Troll", body="Still here.")
    assert nextone.hold_rule == HoldRule.WATCHED


def test_without_the_policy_removals_watch_nobody(
    client, article, comment_data, moderator, django_capture_on_commit_callbacks
):
    for number in range(4):
        comment = post(client, article, comment_data, user_name="T", body=f"x {number}")
        with django_capture_on_commit_callbacks(execute=True):
            moderation.remove([comment], by=moderator, reason=Reason.SPAM)

    assert not PosterStanding.objects.exists()


def test_the_dashboard_counts_holds_a_moderator_then_approved(
    client, article, comment_data, moderator, moderator_client
):
    turn_on(hold_first_comments=True)
    first = post(client, article, comment_data, user_name="Ana", body="Hello.")
    post(client, article, comment_data, user_name="Bo", body="Hi.")
    moderation.approve([first], by=moderator)

    page = moderator_client.get("/admin/comments/comment/dashboard/")

    [outcome] = page.context["false_holds"]
    assert (outcome.rule, outcome.held, outcome.approved) == (
        "Poster's first comment",
        2,
        1,
    )
    assert outcome.false_hold_rate == 50
