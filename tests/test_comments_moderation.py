from datetime import timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import publishing
from comments import moderation
from comments.models import (
    Ban,
    BannedWord,
    Comment,
    CommentSettings,
    HoldRule,
    ModerationEvent,
    Reason,
    ReportOutcome,
)

from .support import submit

pytestmark = pytest.mark.django_db

Status = Comment.Status
Action = ModerationEvent.Action


@pytest.fixture(autouse=True)
def no_flood_limits(flood_limit):
    """These tests post many comments from one address; test_protection_limits
    covers that."""
    flood_limit("comments")


def test_comments_are_published_at_once_by_default(article):
    comment = submit(article)

    assert comment.status == Status.PUBLISHED
    assert not comment.history.exists()


def test_site_wide_premoderation_holds_every_comment(article, settings):
    CommentSettings.objects.create(pk=1, premoderate_all=True)

    comment = submit(article)

    assert (comment.status, comment.hold_rule) == (Status.HELD, HoldRule.PREMODERATION)


def test_premoderated_story_holds_its_comments(article, make_article):
    article.premoderated = True
    article.save()

    assert submit(article).hold_rule == HoldRule.PREMODERATION
    assert submit(make_article()).status == Status.PUBLISHED


def test_banned_word_holds_and_records_the_word(article):
    BannedWord.objects.create(word="scoundrel")

    comment = submit(article, body="The mayor is a S-C-O-U-N-D-R-E-L.")

    assert (comment.status, comment.hold_rule) == (Status.HELD, HoldRule.BANNED_WORD)
    assert comment.hold_detail == "scoundrel"
    event = comment.history.get()
    assert (event.action, event.rule, event.moderator) == (
        Action.HELD,
        HoldRule.BANNED_WORD,
        None,
    )


def test_banned_word_in_the_user_name_holds_too(article):
    BannedWord.objects.create(word="scoundrel")

    assert submit(article, user_name="Scoundrel99 x").status == Status.PUBLISHED
    assert submit(article, user_name="Big Scoundrel").hold_rule == HoldRule.BANNED_WORD


def test_the_word_lists_are_read_once_per_change_and_every_change_counts(
    article, django_user_model
):
    def checked_against(**post) -> set[str]:
        """The tables a post reads its word lists from."""
        with CaptureQueriesContext(connection) as queries:
            submit(article, **post)
        return {
            table
            for table in ("comments_bannedword", "auth_user")
            if any(f'FROM "{table}"' in query["sql"] for query in queries)
        }

    assert checked_against(body="First.") == {"comments_bannedword", "auth_user"}
    assert checked_against(body="Second.") == set()

    word = BannedWord.objects.create(word="scoundrel")
    assert submit(article, body="A scoundrel.").hold_rule == HoldRule.BANNED_WORD
    word.delete()
    assert submit(article, body="A scoundrel again.").status == Status.PUBLISHED

    editor = django_user_model.objects.create_user("ines", is_staff=True)
    assert submit(article, user_name="Ines").hold_rule == HoldRule.STAFF_NAME
    editor.first_name, editor.last_name = "Ines", "Duarte"
    editor.save()
    assert submit(article, user_name="Ines Duarte").hold_rule == HoldRule.STAFF_NAME
    editor.delete()
    assert (
        submit(article, user_name="Ines Duarte", body="Me.").status == Status.PUBLISHED
    )


def test_too_many_links_hold(article, settings):
    settings.NEWSROOM_MAX_LINKS = 2

    two = submit(article, body="See https://a.example and https://b.example")
    three = submit(
        article, body="Cheap: http://a.example http://b.example www.c.example"
    )

    assert two.status == Status.PUBLISHED
    assert (three.hold_rule, three.hold_detail) == (HoldRule.TOO_MANY_LINKS, "3 links")


def test_duplicate_of_a_recent_comment_on_the_same_story_is_held(article, make_article):
    submit(article, body="Buy my book now")

    again = submit(article, user_name="Other", body="buy my book NOW")
    elsewhere = submit(make_article(), body="Buy my book now")

    assert again.hold_rule == HoldRule.DUPLICATE
    assert elsewhere.status == Status.PUBLISHED


def test_an_old_duplicate_is_not_held(article, make_comment, settings):
    settings.NEWSROOM_DUPLICATE_HOURS = 24
    make_comment(
        article, body="Same words", created_at=timezone.now() - timedelta(days=2)
    )

    assert submit(article, body="Same words").status == Status.PUBLISHED


@pytest.mark.parametrize("user_name", ["Moderator", "ADMIN team", "Newsroom", "mod"])
def test_names_imitating_staff_are_held(article, moderator, user_name):
    comment = submit(article, user_name=user_name)

    assert comment.hold_rule == HoldRule.STAFF_NAME


def test_banned_poster_is_refused_by_address_or_name(article, moderator):
    moderation.ban(Ban(ip_address="192.0.2.66", reason=Reason.SPAM), by=moderator)
    moderation.ban(Ban(user_name="Troll", reason=Reason.ABUSIVE), by=moderator)

    with pytest.raises(moderation.PosterBanned):
        submit(article, ip="192.0.2.66")
    with pytest.raises(moderation.PosterBanned):
        submit(article, user_name="troll", ip="198.51.100.1")
    assert not Comment.objects.exists()


@pytest.mark.parametrize("disguise", ["Troll.", "T r o l l", "Тroll", "TRÖLL"])
def test_a_banned_name_in_disguise_is_refused(article, moderator, disguise):
    moderation.ban(Ban(user_name="Troll", reason=Reason.ABUSIVE), by=moderator)

    with pytest.raises(moderation.PosterBanned):
        submit(article, user_name=disguise, ip="198.51.100.1")
    assert submit(article, user_name="Trolley Dolly").status == Status.PUBLISHED


def test_expired_and_lifted_bans_no_longer_refuse(article, moderator):
    moderation.ban(
        Ban(
            ip_address="192.0.2.66",
            reason=Reason.SPAM,
            expires_at=timezone.now() - timedelta(minutes=1),
        ),
        by=moderator,
    )
    lifted = moderation.ban(Ban(user_name="Troll", reason=Reason.SPAM), by=moderator)
    moderation.lift([lifted], by=moderator)

    assert submit(article, user_name="Troll", ip="192.0.2.66").pk


def test_closed_and_auto_closed_stories_refuse(article, make_article, settings):
    article.comments_open = False
    article.save()
    settings.NEWSROOM_CLOSE_COMMENTS_AFTER_DAYS = 14
    old = make_article(published_at=timezone.now() - timedelta(days=15))

    with pytest.raises(moderation.CommentsClosed):
        submit(article)
    with pytest.raises(moderation.CommentsClosed):
        submit(old)


def test_approve_publishes_held_comments_and_records_who(
    article, make_comment, moderator
):
    held = make_comment(article, status=Status.HELD)

    assert moderation.approve([held], by=moderator) == 1

    held.refresh_from_db()
    assert (held.status, held.hold_rule) == (Status.PUBLISHED, "")
    event = held.history.get()
    assert (event.action, event.moderator) == (Action.APPROVED, moderator)
    log = LogEntry.objects.get(object_id=str(held.pk))
    assert (log.user, log.change_message) == (moderator, "Approved")


def test_remove_hides_with_a_reason_and_restore_undoes_it(
    article, make_comment, moderator
):
    comment = make_comment(article)

    moderation.remove([comment], by=moderator, reason=Reason.RACIST)
    comment.refresh_from_db()
    assert (comment.status, comment.removal_reason) == (Status.REMOVED, "racist")

    moderation.restore([comment], by=moderator)
    comment.refresh_from_db()
    assert (comment.status, comment.removal_reason) == (Status.PUBLISHED, "")

    assert [(e.action, e.reason) for e in comment.history.all()] == [
        (Action.REMOVED, "racist"),
        (Action.RESTORED, ""),
    ]
    assert list(
        LogEntry.objects.filter(object_id=str(comment.pk))
        .order_by("action_time", "pk")
        .values_list("change_message", flat=True)
    ) == ["Removed as Racist", "Restored"]


def test_removing_a_held_comment_is_recorded_as_the_button_says(
    article, make_comment, moderator
):
    held = make_comment(article, status=Status.HELD)

    moderation.remove([held], by=moderator, reason=Reason.SPAM)

    held.refresh_from_db()
    assert held.status == Status.REMOVED
    assert held.history.get().action == Action.REMOVED


def test_actions_skip_comments_they_do_not_apply_to(article, make_comment, moderator):
    published = make_comment(article)
    removed = make_comment(article, status=Status.REMOVED)

    assert moderation.approve([published], by=moderator) == 0
    assert moderation.restore([published], by=moderator) == 0
    assert moderation.remove([removed], by=moderator, reason=Reason.SPAM) == 0
    assert not ModerationEvent.objects.exists()


def test_enough_reports_hold_a_comment_until_a_moderator_decides(
    article, make_comment, moderator, settings
):
    settings.NEWSROOM_REPORTS_TO_HOLD = 3
    comment = make_comment(article)

    for number in range(3):
        moderation.report(
            comment=comment, reason=Reason.ABUSIVE, reporter_ip=f"192.0.{number}.1"
        )

    comment.refresh_from_db()
    assert (comment.status, comment.hold_rule) == (Status.HELD, HoldRule.REPORTS)
    assert comment.history.get().detail == "Reported from 3 networks"

    moderation.approve([comment], by=moderator)
    comment.refresh_from_db()
    assert comment.status == Status.PUBLISHED
    assert not Comment.objects.needs_attention().exists()


def test_repeated_reports_from_one_reader_count_once(article, make_comment, settings):
    settings.NEWSROOM_REPORTS_TO_HOLD = 2
    comment = make_comment(article)

    for _ in range(5):
        moderation.report(comment=comment, reason=Reason.SPAM, reporter_ip="192.0.2.9")

    comment.refresh_from_db()
    assert comment.status == Status.PUBLISHED
    assert comment.reports.count() == 1


def test_reported_comments_need_attention_until_kept(article, make_comment, moderator):
    comment = make_comment(article)
    moderation.report(comment=comment, reason=Reason.SPAM, reporter_ip="192.0.2.9")
    assert list(Comment.objects.needs_attention()) == [comment]

    moderation.approve([comment], by=moderator)

    assert not Comment.objects.needs_attention().exists()
    assert comment.reports.get().outcome == ReportOutcome.DISMISSED


def test_banning_posters_from_comments_records_it_on_each(
    article, make_comment, moderator
):
    comment = make_comment(article, user_name="Troll", ip_address="192.0.2.66")

    [ban] = moderation.ban_posters(
        [comment], by=moderator, reason=Reason.ABUSIVE, expires_at=None
    )

    assert (ban.user_name, ban.ip_address, ban.created_by) == (
        "Troll",
        "192.0.2.66",
        moderator,
    )
    event = comment.history.get()
    assert (event.action, event.detail) == (Action.POSTER_BANNED, "for good")
    assert LogEntry.objects.filter(object_id=str(ban.pk)).exists()


def test_closing_and_reopening_comments_is_logged(article, moderator):
    assert publishing.close_comments([article], by=moderator) == 1
    article.refresh_from_db()
    assert not article.comments_open

    assert publishing.reopen_comments([article], by=moderator) == 1
    article.refresh_from_db()
    assert article.comments_open
    assert list(
        LogEntry.objects.order_by("pk").values_list("change_message", flat=True)
    ) == ["Closed comments", "Reopened comments"]


def test_undo_takes_back_an_approval(article, make_comment, moderator):
    held = make_comment(article, status=Status.HELD, hold_rule=HoldRule.BANNED_WORD)
    moderation.approve([held], by=moderator)

    assert moderation.undo(held, by=moderator) == 1

    held.refresh_from_db()
    article.refresh_from_db()
    assert held.status == Status.HELD
    assert article.comment_count == 0
    assert held.history.last().action == Action.UNDONE


def test_undo_takes_back_a_removal_and_the_ban_that_came_with_it(
    article, make_comment, moderator
):
    comment = make_comment(article, user_name="Troll", ip_address="192.0.2.66")
    moderation.remove([comment], by=moderator, reason=Reason.ABUSIVE)
    [ban] = moderation.ban_posters(
        [comment], by=moderator, reason=Reason.ABUSIVE, expires_at=None
    )

    assert moderation.undo(comment, by=moderator) == 2

    comment.refresh_from_db()
    ban.refresh_from_db()
    assert comment.status == Status.PUBLISHED
    assert not ban.is_active
    assert (
        submit(article, user_name="Troll", ip="192.0.2.66").status == Status.PUBLISHED
    )


def test_undo_leaves_another_moderator_s_decision_alone(
    article, make_comment, moderator
):
    from django.contrib.auth.models import User

    other = User.objects.create_user("other", is_staff=True)
    comment = make_comment(article)
    moderation.remove([comment], by=other, reason=Reason.SPAM)

    assert moderation.undo(comment, by=moderator) == 0
    comment.refresh_from_db()
    assert comment.status == Status.REMOVED


def test_a_watched_poster_s_comments_are_held(article, make_comment, moderator):
    earlier = make_comment(article, user_name="Edgy", ip_address="192.0.2.40")
    moderation.watch([earlier], by=moderator, expires_at=None)

    comment = submit(article, user_name="Edgy.", body="Another one.", ip="198.51.100.3")

    assert (comment.status, comment.hold_rule) == (Status.HELD, HoldRule.WATCHED)
    assert earlier.history.last().action == Action.POSTER_WATCHED


def test_a_trusted_poster_skips_links_duplicates_and_premoderation(
    article, make_comment, moderator, settings
):
    moderation.trust([make_comment(article, user_name="Regular")], by=moderator)
    CommentSettings.objects.create(pk=1, premoderate_all=True)
    links = "See a.example, b.example and c.example."

    first = submit(article, user_name="Regular", body=links, ip="198.51.100.4")
    again = submit(article, user_name="Regular", body=links, ip="198.51.100.4")

    assert (first.status, again.status) == (Status.PUBLISHED, Status.PUBLISHED)


def test_trust_does_not_pass_a_banned_word(article, make_comment, moderator):
    BannedWord.objects.create(word="idiot")
    moderation.trust([make_comment(article, user_name="Regular")], by=moderator)

    comment = submit(article, user_name="Regular", body="What an idiot.")

    assert comment.hold_rule == HoldRule.BANNED_WORD


def test_lifted_standings_stop_applying(article, make_comment, moderator):
    [watch] = moderation.watch(
        [make_comment(article, user_name="Edgy")], by=moderator, expires_at=None
    )
    moderation.lift_standings([watch], by=moderator)

    assert submit(article, user_name="Edgy").status == Status.PUBLISHED
