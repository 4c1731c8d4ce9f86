"""Readers' reports and notices of illegal content, and the hold that
enough of them put on a comment."""

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext

from protection import limits
from webhooks import delivery as webhooks
from webhooks.models import Event

from .. import alerts, rules
from ..models import (
    Comment,
    CommentStatus,
    HoldRule,
    ModerationEvent,
    PosterStanding,
    Reason,
    Report,
    ReportOutcome,
)
from .recorder import event_data, record


def report(
    *, comment: Comment, reason: Reason, reporter_ip: str, explanation: str = ""
) -> Report:
    """Record a reader's report, or notice of illegal content. Reports from
    enough different networks hold the comment for review, unless staff or
    a trusted poster wrote it; reporters whose earlier reports a moderator
    dismissed no longer count on it.

    Raises limits.TooSoon when the address reports too often. A second
    report by the same address on the same comment is ignored.
    """
    limits.take("reports", reporter_ip)
    with transaction.atomic():
        # One report at a time per comment, so that the one that makes
        # enough networks is never missed by two counting at once.
        Comment.objects.select_for_update().filter(pk=comment.pk).first()
        report, created = Report.objects.get_or_create(
            comment=comment,
            reporter_ip=reporter_ip,
            defaults={
                "reason": reason,
                "explanation": explanation,
                "reporter_network": rules.network(reporter_ip),
            },
        )
        if not created:
            limits.give_back("reports", reporter_ip)
            return report
        webhooks.send(Event.REPORTED, event_data(comment) | {"reason": reason})
        if reason == Reason.ILLEGAL:
            # The law expects notices handled promptly, held or not.
            alerts.comment_waits()
        if not _immune_to_reports(comment):
            networks = _reporting_networks(comment)
            if networks >= settings.NEWSROOM_REPORTS_TO_HOLD:
                _hold_for_reports(comment, networks)
    return report


def _reporting_networks(comment: Comment) -> int:
    """How many networks report the comment now, leaving out those whose
    reports on it a moderator dismissed."""
    dismissed = comment.reports.filter(outcome=ReportOutcome.DISMISSED).values(
        "reporter_network"
    )
    return (
        comment.reports.open()
        .exclude(reporter_network__in=dismissed)
        .values("reporter_network")
        .distinct()
        .count()
    )


def _immune_to_reports(comment: Comment) -> bool:
    """Staff and trusted posters' comments are held by no number of reports:
    a moderator reads the reports in the queue instead."""
    return (
        comment.author_id is not None
        or PosterStanding.objects.active()
        .trusted()
        .matching(ip_address=comment.ip_address, user_name=comment.user_name)
        .exists()
    )


def _hold_for_reports(comment: Comment, networks: int) -> None:
    detail = gettext("Reported from %(count)d networks") % {"count": networks}
    changed = Comment.objects.filter(
        pk=comment.pk, status=CommentStatus.PUBLISHED
    ).update(status=CommentStatus.HELD, hold_rule=HoldRule.REPORTS, hold_detail=detail)
    if changed:
        record(
            [comment],
            action=ModerationEvent.Action.HELD,
            to=CommentStatus.HELD,
            was=CommentStatus.PUBLISHED,
            rule=HoldRule.REPORTS,
            detail=detail,
        )
        comment.status, comment.hold_rule = CommentStatus.HELD, HoldRule.REPORTS
        comment.hold_detail = detail
        alerts.comment_waits()
