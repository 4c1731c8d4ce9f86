"""Policies the comment settings turn on: a poster's first comment waits
for a moderator; a poster removed often lately is watched. Both off by
default."""

from datetime import timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from comments import moderation
from comments.models import (
    Comment,
    CommentSettings,
    HoldRule,
    ModeratorScope,
    PosterNote,
    PosterStanding,
    Reason,
)
from privacy import retention

from .support import comments_url, text_of

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
    known = post(client, article, comment_data, user_name="Newcomer", body="Again.")

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


# Notes on posters


def test_a_note_on_a_poster_shows_on_every_card_of_theirs(
    article, make_comment, moderator_client, moderator
):
    first = make_comment(article, status="held", user_name="Kai", body="One.")
    second = make_comment(
        article, status="held", user_name="Someone", body="Two.", ip_address="192.0.2.1"
    )
    make_comment(
        article,
        status="held",
        user_name="Other",
        body="Three.",
        ip_address="198.51.100.3",
    )
    workspace = reverse("admin:comments_comment_workspace")

    answer = moderator_client.post(
        reverse("admin:comments_comment_note"),
        {"comment": first.pk, "text": "Argues in good faith; long posts.", "query": ""},
    )

    assert answer["Location"].endswith(f"#card-{first.pk}")
    page = moderator_client.get(workspace)
    notes = {card.comment.pk: card.poster.notes for card in page.context["cards"]}
    # The same address: the same poster, whatever the name.
    assert [str(n) for n in notes[first.pk]] == ["Argues in good faith; long posts."]
    assert notes[second.pk] == notes[first.pk]
    assert [
        n for pk, each in notes.items() for n in each if pk not in (first.pk, second.pk)
    ] == []
    assert "Argues in good faith" in text_of(page)
    assert LogEntry.objects.filter(change_message="Note on the poster").exists()


def test_notes_are_forgotten_after_the_retention_period(
    article, make_comment, moderator, settings
):
    comment = make_comment(article)
    moderation.note_poster(comment, "Spams on weekends.", by=moderator)
    PosterNote.objects.update(
        created_at=timezone.now() - timedelta(days=settings.NEWSROOM_RETENTION_DAYS + 1)
    )

    retention.forget_old_addresses()

    assert not PosterNote.objects.exists()


def test_an_empty_note_is_refused_with_a_message(
    article, make_comment, moderator_client
):
    comment = make_comment(article, status="held")

    moderator_client.post(
        reverse("admin:comments_comment_note"), {"comment": comment.pk, "text": "  "}
    )

    assert not PosterNote.objects.exists()


# Moderators who cover sections


@pytest.fixture
def business_and_world(make_article, make_comment):
    from articles.models import Section

    business = Section.objects.create(name="Business", slug="business")
    world = Section.objects.get(slug="world")
    return {
        "business": make_comment(
            make_article(slug="rates", section=business),
            status="held",
            user_name="On rates",
        ),
        "world": make_comment(
            make_article(slug="floods", section=world),
            status="held",
            user_name="On floods",
        ),
        "sections": (business, world),
    }


def cover(user, sections, *, limited: bool) -> None:
    scope = ModeratorScope.objects.create(user=user, limited=limited)
    scope.sections.set(sections)


def queue(browser, query: str = "") -> list[str]:
    page = browser.get(reverse("admin:comments_comment_workspace") + query)
    return [card.comment.user_name for card in page.context["cards"]]


def test_a_moderator_covering_business_sees_its_queue_first_and_may_look_wider(
    moderator, moderator_client, business_and_world
):
    business, _world = business_and_world["sections"]
    cover(moderator, [business], limited=False)

    assert queue(moderator_client) == ["On rates"]
    assert queue(moderator_client, "?section=all") == ["On rates", "On floods"]
    assert queue(moderator_client, "?section=world") == ["On floods"]


def test_a_moderator_limited_to_business_sees_and_decides_nothing_else(
    moderator, moderator_client, business_and_world
):
    business, _world = business_and_world["sections"]
    cover(moderator, [business], limited=True)
    elsewhere = business_and_world["world"]

    assert queue(moderator_client, "?section=all") == ["On rates"]
    assert queue(moderator_client, "?section=world") == []
    refused = moderator_client.post(
        reverse("admin:comments_comment_decide"),
        {"comment": elsewhere.pk, "decision": "approve"},
    )
    assert refused.status_code == 403
    assert moderator_client.get(
        reverse("admin:comments_comment_change", args=[elsewhere.pk])
    ).status_code in (302, 404)
    elsewhere.refresh_from_db()
    assert elsewhere.status == "held"
    decided = moderator_client.post(
        reverse("admin:comments_comment_decide"),
        {"comment": business_and_world["business"].pk, "decision": "approve"},
    )
    assert decided.status_code == 302


def test_a_section_can_hold_first_comments_on_its_own(
    client, article, comment_data, section
):
    section.hold_first_comments = True
    section.save()

    held = post(client, article, comment_data, user_name="Visitor", body="Hello.")

    assert held.hold_rule == HoldRule.FIRST_COMMENT
