"""Figures for the moderation dashboard: what came in, what was decided,
how fast and by whom, over the last days. Each is one grouped query."""

import statistics
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, F, OuterRef, Q
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.formats import date_format

from .models import Comment, HoldRule, ModerationEvent, Reason

DAYS = 30
DECISIONS_SAMPLED = 2000
Action = ModerationEvent.Action


@dataclass
class Bar:
    """A bar of a chart drawn on the server: its label, its value, and its
    length as a share (0 to 100) of the longest bar's."""

    label: str
    value: int
    share: float


def bars(pairs: list[tuple[str, int]]) -> list[Bar]:
    longest = max((value for _label, value in pairs), default=0) or 1
    return [
        Bar(label, value, share=round(100 * value / longest, 1))
        for label, value in pairs
    ]


def since() -> datetime:
    return timezone.now() - timedelta(days=DAYS)


def comments_per_day() -> list[Bar]:
    counted = dict(
        Comment.objects.filter(created_at__gte=since())
        .annotate(day=TruncDate("created_at"))
        .values("day")
        .annotate(count=Count("pk"))
        .values_list("day", "count")
        .order_by()
    )
    today = timezone.localdate()
    days = [today - timedelta(days=back) for back in range(DAYS - 1, -1, -1)]
    return bars(
        [(date_format(day, "MONTH_DAY_FORMAT"), counted.get(day, 0)) for day in days]
    )


def removed_by_reason() -> list[Bar]:
    counted = dict(
        Comment.objects.removed()
        .filter(created_at__gte=since())
        .values("removal_reason")
        .annotate(count=Count("pk"))
        .values_list("removal_reason", "count")
        .order_by()
    )
    return bars([(str(reason.label), counted.get(reason, 0)) for reason in Reason])


def held_by_rule() -> list[Bar]:
    counted = dict(
        ModerationEvent.objects.filter(action=Action.HELD, created_at__gte=since())
        .values("rule")
        .annotate(count=Count("pk"))
        .values_list("rule", "count")
        .order_by()
    )
    return bars([(str(rule.label), counted.get(rule, 0)) for rule in HoldRule])


@dataclass
class HoldOutcome:
    """How often a rule held a comment that a moderator then approved."""

    rule: str
    held: int
    approved: int

    @property
    def false_hold_rate(self) -> int:
        return round(100 * self.approved / self.held) if self.held else 0


def false_holds() -> list[HoldOutcome]:
    """For each rule that held comments lately: how many, and how many of
    them a moderator approved (the rule's false holds)."""
    approved = ModerationEvent.objects.filter(
        comment=OuterRef("comment"), action=Action.APPROVED
    )
    counted = {
        row["rule"]: row
        for row in ModerationEvent.objects.filter(
            action=Action.HELD, created_at__gte=since()
        )
        .annotate(was_approved=Exists(approved))
        .values("rule")
        .annotate(held=Count("pk"), approved=Count("pk", filter=Q(was_approved=True)))
        .order_by()
    }
    return [
        HoldOutcome(str(rule.label), row["held"], row["approved"])
        for rule in HoldRule
        if (row := counted.get(rule))
    ]


def decisions_by_moderator() -> list[Bar]:
    names = dict(get_user_model().objects.values_list("pk", "username"))
    counted = (
        ModerationEvent.objects.filter(created_at__gte=since(), moderator__isnull=False)
        .exclude(action__in=[Action.HELD, Action.UNDONE])
        .values("moderator")
        .annotate(count=Count("pk"))
        .values_list("moderator", "count")
        .order_by("-count")
    )
    return bars([(names.get(pk, "?"), count) for pk, count in counted])


def median_wait() -> timedelta | None:
    """From posting to a moderator's decision, for held comments decided
    lately (the latest few thousand decisions)."""
    decided = (
        ModerationEvent.objects.filter(
            created_at__gte=since(),
            action__in=[Action.APPROVED, Action.REMOVED, Action.REJECTED],
            previous_status=Comment.Status.HELD,
        )
        .order_by("-created_at")
        .values_list("created_at", "comment__created_at")[:DECISIONS_SAMPLED]
    )
    waits = [(decided_at - posted).total_seconds() for decided_at, posted in decided]
    return timedelta(seconds=statistics.median(waits)) if waits else None


def oldest_waiting() -> Comment | None:
    return (
        Comment.objects.needs_attention()
        .with_waiting_since()
        .select_related("article")
        .order_by(F("waiting_since").asc())
        .first()
    )
