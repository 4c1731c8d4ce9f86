"""A poster's own changes: editing or deleting their comment, for a few
minutes, from the browser that posted it.

That browser holds the comment's secret (posting.py makes it; the comment
keeps only its digest). An edit runs the hold rules again and keeps the text
before in the history for moderators; the page says "edited". Neither is
possible once a moderator has decided on the comment or the window has
passed; an edit is not possible once someone has replied either, but
deleting is, and leaves a line saying the poster deleted it. Each change
locks the comment first, so parallel edits, or an edit racing a moderator,
happen one after the other and see each other's result.
"""

import enum
import hmac

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from protection import limits

from .. import alerts, extensions, text
from ..models import (
    Comment,
    CommentSettings,
    CommentStatus,
    ModerationEvent,
    Reason,
    Report,
    ReportOutcome,
)
from . import scores
from .durations import editable_until
from .posting import _digest, _hold_rule_for, _standings_of
from .recorder import GONE, Retire, record

# The flood limit posters' edits count against.
EDITS = "comment_edits"


class Refusal(enum.Enum):
    """Why a poster cannot change their comment now."""

    NOT_THIS_BROWSER = "browser"
    TOO_LATE = "late"
    DECIDED = "decided"
    REPLIED = "replied"
    GONE = "gone"


class NotEditable(Exception):
    def __init__(self, refusal: Refusal):
        super().__init__(refusal)
        self.refusal = refusal


def holds_key(comment: Comment, secret: str) -> bool:
    """Whether secret is this comment's own (compared in constant time)."""
    return bool(comment.edit_key and secret) and hmac.compare_digest(
        comment.edit_key, _digest(secret)
    )


def refusal(comment: Comment, secret: str, *, editing: bool = True) -> Refusal | None:
    """What stops the holder of secret from editing (or deleting) the
    comment now, if anything."""
    if not holds_key(comment, secret):
        return Refusal.NOT_THIS_BROWSER
    if comment.erased_at or comment.withdrawn_at:
        return Refusal.GONE
    if comment.status not in (CommentStatus.PUBLISHED, CommentStatus.HELD):
        return Refusal.DECIDED
    if comment.history.exclude(moderator=None).exists():
        return Refusal.DECIDED
    if timezone.now() > editable_until(comment):
        return Refusal.TOO_LATE
    if editing and _answered(comment):
        return Refusal.REPLIED
    return None


def _answered(comment: Comment) -> bool:
    """Someone replied to it: in its thread, or to this reply."""
    return Comment.objects.filter(Q(parent=comment) | Q(reply_to=comment)).exists()


def _locked(comment: Comment, secret: str, *, editing: bool) -> Comment:
    locked = (
        Comment.objects.select_for_update().select_related("article").get(pk=comment.pk)
    )
    if why := refusal(locked, secret, editing=editing):
        raise NotEditable(why)
    return locked


def edit(
    comment: Comment, *, secret: str, body: str, ip_address: str | None
) -> Comment:
    """The poster's new text, held for a moderator when a rule says so.

    Raises NotEditable when the poster may not edit it now, limits.TooSoon
    when this address edits too often.
    """
    with transaction.atomic():
        comment = _locked(comment, secret, editing=True)
        limits.take(EDITS, ip_address)
        previous = comment.body
        if body == previous:
            return comment
        was = comment.status
        rule, detail = None, ""
        switches = CommentSettings.current()
        threshold = switches.risk_threshold_for(comment.article)
        risk = (
            extensions.risk_of(comment.user_name, body)
            if scores.score_now(threshold)
            else None
        )
        if was == CommentStatus.PUBLISHED:
            rule, detail = _hold_rule_for(
                article=comment.article,
                user_name=comment.user_name,
                body=body,
                standings=_standings_of(
                    ip_address=comment.ip_address,
                    user_name=comment.user_name,
                    reader_key=comment.reader_key,
                ),
                hold_everything=switches.holds_everything_now(),
                risk=risk,
                risk_threshold=threshold,
                edited=True,
            )
        comment.body = body
        for field, value in extensions.risk_fields(risk).items():
            setattr(comment, field, value)
        if risk is None:
            scores.later(comment)
        comment.fingerprint = text.fingerprint(body)
        comment.edited_at = timezone.now()
        if rule:
            comment.status = CommentStatus.HELD
            comment.hold_rule, comment.hold_detail = rule, detail
        comment.save(
            update_fields=[
                "body",
                "fingerprint",
                "edited_at",
                "risk",
                "risk_reason",
                "status",
                "hold_rule",
                "hold_detail",
            ]
        )
        record(
            [comment],
            action=ModerationEvent.Action.EDITED,
            previous_body=previous,
            to=comment.status if rule else None,
            was=was,
        )
        if rule:
            record(
                [comment],
                action=ModerationEvent.Action.HELD,
                rule=rule,
                detail=detail,
                retire=Retire.NOTHING,
            )
            alerts.comment_waits()
    return comment


def withdraw(comment: Comment, *, secret: str) -> None:
    """Delete the poster's comment at their request: gone for good, or, when
    it has replies, its name and text gone and a line in its place.

    Raises NotEditable when the poster may not delete it now.
    """
    with transaction.atomic():
        comment = _locked(comment, secret, editing=False)
        if not _answered(comment):
            Comment.objects.filter(pk=comment.pk).delete()
            record([comment], to=GONE)
            return
        was = comment.status
        comment.body = comment.fingerprint = comment.user_agent = ""
        comment.ip_address = None
        comment.status = CommentStatus.REMOVED
        comment.removal_reason = Reason.OTHER
        comment.hold_rule = comment.hold_detail = ""
        comment.withdrawn_at = timezone.now()
        comment.save()
        Report.objects.open().filter(comment=comment).update(
            outcome=ReportOutcome.UPHELD
        )
        comment.history.update(previous_body="")
        record(
            [comment],
            action=ModerationEvent.Action.WITHDRAWN,
            to=CommentStatus.REMOVED,
            was=was,
        )
