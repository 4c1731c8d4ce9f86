"""What the moderation workspace shows: one card per comment that waits,
oldest first, with what triggered its rule highlighted and its poster's
history beside it.

A page of cards costs a fixed number of queries however long the posters'
histories are: their counts, other names, removals and bans are read for
the whole page at once, by user name and by address.
"""

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from html import escape
from itertools import pairwise
from typing import Any

from django.db.models import Count, F, Max, Min, Q
from django.utils.safestring import SafeString, mark_safe

from protection.numbers import whole_number

from . import rules
from .models import (
    Ban,
    Comment,
    CommentQuerySet,
    HoldRule,
    PosterNote,
    PosterStanding,
    QueueOrder,
    Reason,
    Report,
    ReportOutcome,
)

QUEUES = {
    "attention": CommentQuerySet.needs_attention,
    "held": CommentQuerySet.held,
    "reported": CommentQuerySet.reported,
}
# The section filter's value for every section, past a moderator's own.
ALL_SECTIONS = "all"
REMOVALS_SHOWN = 3
OTHER_NAMES_SHOWN = 5


def waiting(
    *,
    queue: str,
    story: str = "",
    section: str = "",
    rule: str = "",
    order: str = QueueOrder.OLDEST,
    sections: Sequence[int] = (),
) -> CommentQuerySet:
    """The comments a moderator should decide on, oldest first (or the
    riskiest first, then oldest; comments never scored last); of these
    sections only, when given (a moderator's scope)."""
    comments = QUEUES.get(queue, CommentQuerySet.needs_attention)(Comment.objects.all())
    if story_id := whole_number(story):
        comments = comments.filter(article_id=story_id)
    if section and section != ALL_SECTIONS:
        comments = comments.filter(article__section__slug=section)
    if sections:
        comments = comments.filter(article__section__in=sections)
    if rule in HoldRule.values:
        comments = comments.filter(hold_rule=rule)
    oldest_first = (F("waiting_since").asc(), "pk")
    if order == QueueOrder.RISK:
        return comments.with_waiting_since().order_by(
            F("risk").desc(nulls_last=True), *oldest_first
        )
    return comments.with_waiting_since().order_by(*oldest_first)


@dataclass
class Tally:
    published: int = 0
    held: int = 0
    removed: int = 0


@dataclass
class Poster:
    """What the site knows of whoever wrote a comment."""

    by_name: Tally = field(default_factory=Tally)
    by_address: Tally = field(default_factory=Tally)
    other_names: list[str] = field(default_factory=list)
    removal_reasons: list[str] = field(default_factory=list)
    bans: list[Ban] = field(default_factory=list)
    standings: list[PosterStanding] = field(default_factory=list)
    notes: list[PosterNote] = field(default_factory=list)

    @property
    def active_bans(self) -> list[Ban]:
        return [ban for ban in self.bans if ban.is_active]


@dataclass
class Card:
    comment: Comment
    body: SafeString
    waited_since: datetime
    reports: list[Report]
    poster: Poster
    next_pk: int | None = None


def cards(comments: list[Comment]) -> list[Card]:
    """Cards for a page of comments (from waiting(), fetched with their
    stories and reports)."""
    names = {comment.user_name for comment in comments}
    addresses = {comment.ip_address for comment in comments if comment.ip_address}
    readers = {comment.reader_key for comment in comments if comment.reader_key}
    posters = poster_histories(names, addresses, readers)
    result = []
    for comment in comments:
        open_reports = [
            report
            for report in comment.reports.all()
            if report.outcome == ReportOutcome.OPEN
        ]
        result.append(
            Card(
                comment=comment,
                body=highlighted(comment),
                waited_since=comment.waiting_since,  # type: ignore[attr-defined]  # waiting()'s
                reports=open_reports,
                poster=posters(comment),
            )
        )
    for card, following in pairwise(result):
        card.next_pk = following.comment.pk
    return result


def poster_histories(names: set[str], addresses: set[str], readers: Iterable[str] = ()):
    """A function giving each comment's Poster, from seven queries in all."""
    by_name: dict[str, Tally] = defaultdict(Tally)
    for row in (
        Comment.objects.filter(user_name__in=names)
        .values("user_name", "status")
        .annotate(count=Count("pk"))
        .order_by()
    ):
        setattr(by_name[row["user_name"]], row["status"], row["count"])
    by_address: dict[str, Tally] = defaultdict(Tally)
    names_at: dict[str, set[str]] = defaultdict(set)
    for at_address in (
        Comment.objects.filter(ip_address__in=addresses)
        .values("ip_address", "user_name", "status")
        .annotate(count=Count("pk"))
        .order_by()
    ):
        address = at_address["ip_address"] or ""
        tally = by_address[address]
        status, count = at_address["status"], at_address["count"]
        setattr(tally, status, getattr(tally, status) + count)
        names_at[address].add(at_address["user_name"])
    reasons: dict[str, list[str]] = defaultdict(list)
    for removal in (
        Comment.objects.removed()
        .filter(Q(user_name__in=names) | Q(ip_address__in=addresses))
        .order_by("-created_at")
        .values("user_name", "ip_address", "removal_reason")[:500]
    ):
        label = str(Reason(removal["removal_reason"]).label)
        for key in (removal["user_name"], removal["ip_address"]):
            if key and len(reasons[key]) < REMOVALS_SHOWN:
                reasons[key].append(label)
    keys = {rules.name_key(name) for name in names} - {""}
    same_poster = (
        Q(name_key__in=keys)
        | Q(ip_address__in=addresses)
        | Q(reader_key__in=set(readers))
    )
    bans = list(Ban.objects.filter(same_poster))
    standings = list(PosterStanding.objects.active().filter(same_poster))
    notes = list(PosterNote.objects.filter(same_poster).select_related("created_by"))

    def theirs(
        decision: Ban | PosterStanding | PosterNote, comment: Comment, key: str
    ) -> bool:
        return bool(
            (key and decision.name_key == key)
            or (comment.ip_address and decision.ip_address == comment.ip_address)
            or (comment.reader_key and decision.reader_key == comment.reader_key)
        )

    def poster(comment: Comment) -> Poster:
        key = rules.name_key(comment.user_name)
        seen = Counter(
            reasons[comment.user_name] + reasons.get(comment.ip_address or "", [])
        )
        return Poster(
            by_name=by_name[comment.user_name],
            by_address=by_address.get(comment.ip_address or "", Tally()),
            other_names=sorted(
                names_at.get(comment.ip_address or "", set()) - {comment.user_name}
            )[:OTHER_NAMES_SHOWN],
            removal_reasons=[reason for reason, _count in seen.most_common(3)],
            bans=[ban for ban in bans if theirs(ban, comment, key)],
            standings=[each for each in standings if theirs(each, comment, key)],
            notes=[note for note in notes if theirs(note, comment, key)],
        )

    return poster


def shared_addresses(comments: CommentQuerySet) -> dict[int, list[str]]:
    """For each of these comments posted from an address other names post
    from too, those other names (a few): banning the address bans them.
    Three queries, however many comments."""
    posted_from = comments.exclude(ip_address=None).values("ip_address")
    shared = (
        Comment.objects.filter(ip_address__in=posted_from)
        .values("ip_address")
        .annotate(names=Count("user_name", distinct=True))
        .filter(names__gt=1)
        .values("ip_address")
    )
    names_at: dict[str | None, set[str]] = defaultdict(set)
    for address, name in (
        Comment.objects.filter(ip_address__in=shared)
        .values_list("ip_address", "user_name")
        .distinct()
    ):
        names_at[address].add(name)
    return {
        pk: sorted(names_at[address] - {name})[:OTHER_NAMES_SHOWN]
        for pk, address, name in comments.filter(
            ip_address__in=list(names_at)
        ).values_list("pk", "ip_address", "user_name")
    }


def highlighted(comment: Comment) -> SafeString:
    """The comment's text, escaped, with what held it marked."""
    spans = []
    if comment.hold_rule == HoldRule.BANNED_WORD and comment.hold_detail:
        letters = [re.escape(char) for char in comment.hold_detail if char.isalnum()]
        if letters:
            # The word, also spaced or punctuated out: "s p a m", "s.p.a.m".
            pattern = re.compile(r"[\W_]*".join(letters), re.IGNORECASE)
            spans += [match.span() for match in pattern.finditer(comment.body)]
    if comment.hold_rule == HoldRule.TOO_MANY_LINKS:
        spans += [match.span() for match in rules.LINK.finditer(comment.body)]
    pieces, position = [], 0
    for start, end in sorted(spans):
        if start < position:
            continue
        pieces.append(escape(comment.body[position:start]))
        pieces.append(f"<mark>{escape(comment.body[start:end])}</mark>")
        position = end
    pieces.append(escape(comment.body[position:]))
    return mark_safe("".join(pieces).replace("\n", "<br>"))  # escaped above


def waiting_by_story(limit: int = 5) -> list[Mapping[str, Any]]:
    """The stories with comments waiting, longest waiting first: each
    story's id and headline, how many wait and since when."""
    return list(
        Comment.objects.needs_attention()
        .with_waiting_since()
        .values("article_id", "article__headline")
        .annotate(count=Count("pk"), since=Min("waiting_since"))
        .order_by("since")[:limit]
    )


def oldest_wait(comments: CommentQuerySet) -> datetime | None:
    waits = comments.with_waiting_since().aggregate(oldest=Min("waiting_since"))
    return waits["oldest"]


@dataclass
class Reporter:
    """An address's record as a reporter."""

    address: str
    network: str
    reports: int
    upheld: int
    dismissed: int
    waiting: int
    last: datetime

    @property
    def upheld_share(self) -> int | None:
        """Of its reports a moderator decided on, the percentage upheld."""
        decided = self.upheld + self.dismissed
        return round(100 * self.upheld / decided) if decided else None


REPORTERS_SHOWN = 100


def reporters() -> list[Reporter]:
    """The addresses that report most (those the retention period still
    keeps), with how often moderators agreed."""
    rows = (
        Report.objects.filter(reporter_ip__isnull=False)
        .values("reporter_ip", "reporter_network")
        .annotate(
            reports=Count("pk"),
            upheld=Count("pk", filter=Q(outcome=ReportOutcome.UPHELD)),
            dismissed=Count("pk", filter=Q(outcome=ReportOutcome.DISMISSED)),
            waiting=Count("pk", filter=Q(outcome=ReportOutcome.OPEN)),
            last=Max("created_at"),
        )
        .order_by("-reports", "-last")[:REPORTERS_SHOWN]
    )
    return [
        Reporter(
            address=str(row["reporter_ip"]),
            network=row["reporter_network"],
            reports=row["reports"],
            upheld=row["upheld"],
            dismissed=row["dismissed"],
            waiting=row["waiting"],
            last=row["last"],
        )
        for row in rows
    ]
