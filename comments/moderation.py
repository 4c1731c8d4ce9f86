"""Every change to a comment's state, and to who may comment, happens here.

The comment form, the admin and the management commands all call these
functions, so the rules and the history are written in one place: each step
is recorded in the comment's history and in the admin's log.
"""

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from articles import page_cache
from articles.models import Article

from . import rules, throttle
from .models import (
    Ban,
    BannedWord,
    Comment,
    CommentStatus,
    HoldRule,
    ModerationEvent,
    Reason,
    Report,
)

Action = ModerationEvent.Action


class CommentsClosed(Exception):
    """The article no longer takes comments."""


class TooSoon(Exception):
    """The poster's address has posted too much, too fast."""

    def __init__(self, retry_after: int):
        super().__init__(retry_after)
        self.retry_after = retry_after


class PosterBanned(Exception):
    """The poster's address or user name is banned."""

    def __init__(self, ban: Ban):
        super().__init__(ban)
        self.ban = ban


# Posting


def submit(
    *,
    article: Article,
    user_name: str,
    body: str,
    ip_address: str | None,
    user_agent: str,
) -> Comment:
    """Store a reader's comment: published at once unless a rule holds it."""
    if not article.accepts_comments:
        raise CommentsClosed(article)
    if ip_address and (wait := throttle.seconds_until_allowed(ip_address)):
        raise TooSoon(wait)
    ban = Ban.objects.active().matching(ip_address=ip_address, user_name=user_name)
    if found := ban.first():
        raise PosterBanned(found)
    rule, detail = hold_rule_for(article=article, user_name=user_name, body=body)
    comment = Comment(
        article=article,
        user_name=user_name,
        body=body,
        ip_address=ip_address,
        user_agent=user_agent[: Comment._meta.get_field("user_agent").max_length],
        status=CommentStatus.HELD if rule else CommentStatus.PUBLISHED,
        hold_rule=rule or "",
        hold_detail=detail,
    )
    with transaction.atomic():
        comment.save()
        if rule:
            ModerationEvent.objects.create(
                comment=comment, action=Action.HELD, rule=rule, detail=detail
            )
        else:
            page_cache.invalidate(article.slug)
    if ip_address:
        throttle.record_post(ip_address)
    return comment


def hold_rule_for(
    *, article: Article, user_name: str, body: str
) -> tuple[HoldRule | None, str]:
    """The first rule that holds this comment, with what it found."""
    banned = BannedWord.objects.values_list("word", flat=True)
    if word := rules.find_banned_word(f"{user_name}\n{body}", banned):
        return HoldRule.BANNED_WORD, word
    links = rules.count_links(body)
    if links > settings.NEWSROOM_MAX_LINKS:
        return HoldRule.TOO_MANY_LINKS, f"{links} links"
    if name := rules.imitated_name(user_name, reserved_names()):
        return HoldRule.STAFF_NAME, name
    if is_recent_duplicate(article=article, body=body):
        return HoldRule.DUPLICATE, ""
    if settings.NEWSROOM_PREMODERATION or article.premoderated:
        return HoldRule.PREMODERATION, ""
    return None, ""


def reserved_names() -> list[str]:
    staff = get_user_model().objects.filter(is_staff=True)
    return [
        *settings.NEWSROOM_RESERVED_NAMES,
        *staff.values_list("username", flat=True),
    ]


def is_recent_duplicate(*, article: Article, body: str) -> bool:
    since = timezone.now() - timedelta(hours=settings.NEWSROOM_DUPLICATE_HOURS)
    return Comment.objects.filter(
        article=article, created_at__gte=since, body__iexact=body
    ).exists()


# Reports


def report(*, comment: Comment, reason: Reason, reporter_ip: str) -> Report:
    """Record a reader's report; enough of them hold the comment for review.

    A second report by the same reader on the same comment is ignored.
    """
    with transaction.atomic():
        report, created = Report.objects.get_or_create(
            comment=comment, reporter_ip=reporter_ip, defaults={"reason": reason}
        )
        open_reports = comment.reports.filter(resolved=False).count()
        if created and open_reports >= settings.NEWSROOM_REPORTS_TO_HOLD:
            hold_for_reports(comment, open_reports)
    return report


def hold_for_reports(comment: Comment, open_reports: int) -> None:
    detail = f"{open_reports} reports"
    changed = Comment.objects.filter(
        pk=comment.pk, status=CommentStatus.PUBLISHED
    ).update(status=CommentStatus.HELD, hold_rule=HoldRule.REPORTS, hold_detail=detail)
    if changed:
        comment.status, comment.hold_rule = CommentStatus.HELD, HoldRule.REPORTS
        comment.hold_detail = detail
        page_cache.invalidate(comment.article.slug)
        ModerationEvent.objects.create(
            comment=comment, action=Action.HELD, rule=HoldRule.REPORTS, detail=detail
        )


# Moderators' decisions on comments


def approve(comments: Iterable[Comment], *, by: AbstractBaseUser) -> int:
    """Publish held comments, and keep reported ones; returns how many."""
    targets = [
        comment
        for comment in Comment.objects.needs_attention().filter(
            pk__in=[comment.pk for comment in comments]
        )
    ]
    return _decide(
        targets,
        by=by,
        action=Action.APPROVED,
        status=CommentStatus.PUBLISHED,
        message="Approved",
    )


def remove(comments: Iterable[Comment], *, by: AbstractBaseUser, reason: Reason) -> int:
    """Hide comments from readers, with a reason; returns how many."""
    targets = list(
        Comment.objects.exclude(status=CommentStatus.REMOVED).filter(
            pk__in=[comment.pk for comment in comments]
        )
    )
    held = [comment for comment in targets if comment.status == CommentStatus.HELD]
    published = [comment for comment in targets if comment not in held]
    label = Reason(reason).label
    return _decide(
        held,
        by=by,
        action=Action.REJECTED,
        status=CommentStatus.REMOVED,
        reason=reason,
        message=f"Rejected as {label}",
    ) + _decide(
        published,
        by=by,
        action=Action.REMOVED,
        status=CommentStatus.REMOVED,
        reason=reason,
        message=f"Removed as {label}",
    )


def restore(comments: Iterable[Comment], *, by: AbstractBaseUser) -> int:
    """Publish removed comments again; returns how many."""
    targets = list(
        Comment.objects.removed().filter(pk__in=[comment.pk for comment in comments])
    )
    return _decide(
        targets,
        by=by,
        action=Action.RESTORED,
        status=CommentStatus.PUBLISHED,
        message="Restored",
    )


def _decide(
    comments: list[Comment],
    *,
    by: AbstractBaseUser,
    action: str,
    status: CommentStatus,
    message: str,
    reason: Reason | str = "",
) -> int:
    if not comments:
        return 0
    ids = [comment.pk for comment in comments]
    with transaction.atomic():
        Comment.objects.filter(pk__in=ids).update(
            status=status, removal_reason=reason, hold_rule="", hold_detail=""
        )
        Report.objects.filter(comment__in=ids, resolved=False).update(resolved=True)
        ModerationEvent.objects.bulk_create(
            ModerationEvent(comment=comment, action=action, moderator=by, reason=reason)
            for comment in comments
        )
        LogEntry.objects.log_actions(
            user_id=by.pk, queryset=comments, action_flag=CHANGE, change_message=message
        )
        stories = Article.objects.filter(comments__in=ids).values_list(
            "slug", flat=True
        )
        for slug in set(stories):
            page_cache.invalidate(slug)
    return len(comments)


# Stories


def close_comments(articles: Iterable[Article], *, by: AbstractBaseUser) -> int:
    return _set_comments_open(articles, False, by=by, message="Closed comments")


def reopen_comments(articles: Iterable[Article], *, by: AbstractBaseUser) -> int:
    return _set_comments_open(articles, True, by=by, message="Reopened comments")


def _set_comments_open(
    articles: Iterable[Article], is_open: bool, *, by: AbstractBaseUser, message: str
) -> int:
    targets = list(
        Article.objects.filter(
            pk__in=[article.pk for article in articles], comments_open=not is_open
        )
    )
    if targets:
        with transaction.atomic():
            Article.objects.filter(pk__in=[a.pk for a in targets]).update(
                comments_open=is_open
            )
            LogEntry.objects.log_actions(
                user_id=by.pk,
                queryset=targets,
                action_flag=CHANGE,
                change_message=message,
            )
            for article in targets:
                page_cache.invalidate(article.slug)
    return len(targets)


# Posters


def ban(new_ban: Ban, *, by: AbstractBaseUser) -> Ban:
    """Save a ban made in the admin or from comments, and record it."""
    new_ban.created_by = by
    with transaction.atomic():
        new_ban.save()
        if new_ban.comment_id:
            ModerationEvent.objects.create(
                comment_id=new_ban.comment_id,
                action=Action.POSTER_BANNED,
                moderator=by,
                reason=new_ban.reason,
                detail=ban_duration(new_ban.expires_at),
            )
        LogEntry.objects.log_actions(
            user_id=by.pk,
            queryset=[new_ban],
            action_flag=ADDITION,
            change_message=f"Banned {ban_duration(new_ban.expires_at)}",
        )
    return new_ban


def ban_posters(
    comments: Iterable[Comment],
    *,
    by: AbstractBaseUser,
    reason: Reason,
    expires_at: datetime | None,
    note: str = "",
) -> list[Ban]:
    """Ban the IP address and user name of each comment's poster."""
    return [
        ban(
            Ban(
                ip_address=comment.ip_address,
                user_name=comment.user_name,
                reason=reason,
                note=note,
                comment=comment,
                expires_at=expires_at,
            ),
            by=by,
        )
        for comment in comments
    ]


def lift(bans: Iterable[Ban], *, by: AbstractBaseUser) -> int:
    """End bans early; the record stays."""
    targets = list(Ban.objects.active().filter(pk__in=[ban.pk for ban in bans]))
    if targets:
        with transaction.atomic():
            Ban.objects.filter(pk__in=[b.pk for b in targets]).update(
                lifted_at=timezone.now(), lifted_by=by
            )
            LogEntry.objects.log_actions(
                user_id=by.pk,
                queryset=targets,
                action_flag=CHANGE,
                change_message="Lifted",
            )
    return len(targets)


def ban_duration(expires_at: datetime | None) -> str:
    if expires_at is None:
        return "for good"
    return f"until {timezone.localtime(expires_at):%B %-d, %Y %H:%M}"
