"""Answering a legal request about one poster: everything stored about a
user name or an address, as CSV or JSON, and its erasure.

What belongs to others stays out of an export: who reported the poster's
comments and why in their own words, and which moderators decided.
"""

import csv
import io
import json
from dataclasses import dataclass
from typing import Any

from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from comments import moderation
from comments.models import (
    Ban,
    Comment,
    CommentQuerySet,
    ModerationEvent,
    PosterNote,
    PosterStanding,
    Recommendation,
    Report,
)
from following import follows
from following.models import Follow

from .models import LegalRequest

Record = dict[str, Any]


@dataclass(frozen=True)
class Subject:
    """A poster, by user name and/or address."""

    user_name: str
    ip_address: str | None

    @classmethod
    def of(cls, request: LegalRequest) -> "Subject":
        return cls(request.user_name, request.ip_address)

    def _by(self, name_field: str | None, address_field: str) -> Q:
        match = Q(pk__in=[])
        if self.user_name and name_field:
            match |= Q(**{name_field: self.user_name})
        if self.ip_address:
            match |= Q(**{address_field: self.ip_address})
        return match

    def comments(self) -> CommentQuerySet:
        # An erased comment's placeholder name belongs to nobody.
        return Comment.objects.filter(
            self._by("user_name", "ip_address"), erased_at=None
        )

    def reports_made(self):
        return Report.objects.filter(self._by(None, "reporter_ip"))

    def reports_received(self):
        return Report.objects.filter(comment__in=self.comments())

    def bans(self):
        return Ban.objects.filter(self._by("user_name", "ip_address"))

    def standings(self):
        return PosterStanding.objects.filter(self._by("user_name", "ip_address"))

    def notes(self):
        return PosterNote.objects.filter(self._by("user_name", "ip_address"))

    def recommendations(self):
        return Recommendation.objects.filter(self._by(None, "ip_address"))

    def history(self):
        return ModerationEvent.objects.filter(comment__in=self.comments())

    def reply_follows(self):
        """The addresses that follow replies to the poster's comments."""
        return Follow.objects.filter(comment__in=self.comments()).select_related(
            "follower"
        )

    def counts(self) -> dict[str, int]:
        return {name: len(rows) for name, rows in records(self).items()}


def records(subject: Subject) -> dict[str, list[Record]]:
    """Everything stored about the subject, by kind."""
    return {
        "comments": [
            {
                "id": comment.pk,
                "story": comment.article.headline,
                "story_url": comment.article.get_absolute_url(),
                "user_name": comment.user_name,
                "text": comment.body,
                "posted_at": comment.created_at,
                "edited_at": comment.edited_at,
                "status": comment.status,
                "removal_reason": comment.removal_reason,
                "held_by_rule": comment.hold_rule,
                "ip_address": comment.ip_address,
                "user_agent": comment.user_agent,
                "from_a_confirmed_email_address": bool(comment.reader_key),
                "thread": comment.parent_id,
                "in_reply_to": comment.reply_to_id,
                "badge": comment.voice,
                "editors_pick": comment.is_pick,
                "recommendations": comment.recommend_count,
            }
            for comment in subject.comments().select_related("article")
        ],
        "reports_made": [
            {
                "id": report.pk,
                "comment": report.comment_id,
                "reason": report.reason,
                "explanation": report.explanation,
                "ip_address": report.reporter_ip,
                "reported_at": report.created_at,
                "outcome": report.outcome,
            }
            for report in subject.reports_made()
        ],
        "reports_received": [
            {
                "comment": report.comment_id,
                "reason": report.reason,
                "reported_at": report.created_at,
                "outcome": report.outcome,
            }
            for report in subject.reports_received()
        ],
        "bans": [
            {
                "id": ban.pk,
                "user_name": ban.user_name,
                "ip_address": ban.ip_address,
                "confirmed_email_address": bool(ban.reader_key),
                "reason": ban.reason,
                "note": ban.note,
                "comment": ban.comment_id,
                "decided_at": ban.created_at,
                "ends_at": ban.expires_at,
                "lifted_at": ban.lifted_at,
            }
            for ban in subject.bans()
        ],
        "watches_and_trust": [
            {
                "id": standing.pk,
                "standing": standing.standing,
                "user_name": standing.user_name,
                "ip_address": standing.ip_address,
                "confirmed_email_address": bool(standing.reader_key),
                "note": standing.note,
                "comment": standing.comment_id,
                "decided_at": standing.created_at,
                "ends_at": standing.expires_at,
                "lifted_at": standing.lifted_at,
            }
            for standing in subject.standings()
        ],
        "notes_on_the_poster": [
            {
                "note": note.text,
                "comment": note.comment_id,
                "written_at": note.created_at,
            }
            for note in subject.notes()
        ],
        "recommendations": [
            {
                "comment": recommendation.comment_id,
                "ip_address": recommendation.ip_address,
                "recommended_at": recommendation.created_at,
            }
            for recommendation in subject.recommendations()
        ],
        "history": [
            {
                "comment": event.comment_id,
                "action": event.action,
                "reason": event.reason,
                "rule": event.rule,
                "detail": event.detail,
                "status_before": event.previous_status,
                "text_before": event.previous_body,
                "at": event.created_at,
            }
            for event in subject.history()
        ],
        "reply_follows": [
            {
                "comment": follow.comment_id,
                "email": follow.follower.email,
                "confirmed_at": follow.follower.confirmed_at,
                "followed_at": follow.created_at,
                "last_mailed_at": follow.last_mailed_at,
            }
            for follow in subject.reply_follows()
        ],
    }


def as_json(request: LegalRequest) -> str:
    return json.dumps(
        {
            "subject": {
                "user_name": request.user_name,
                "ip_address": request.ip_address,
            },
            "reference": request.reference,
            "exported_at": timezone.now(),
            **records(Subject.of(request)),
        },
        default=str,
        ensure_ascii=False,
        indent=2,
    )


# A spreadsheet runs a cell that starts with one of these as a formula, and
# a reader chose the text: such cells are written with a quote first.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def as_csv(request: LegalRequest) -> str:
    """One row per record, its kind first; a column for every field any
    kind has."""
    rows = [
        {"record": kind, **row}
        for kind, kind_rows in records(Subject.of(request)).items()
        for row in kind_rows
    ]
    columns = list(dict.fromkeys(key for row in rows for key in row)) or ["record"]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, restval="")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: cell(value) for key, value in row.items()})
    return out.getvalue()


def cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def erase(request: LegalRequest, *, by: User) -> int:
    """Erase the poster: their comments' names and text (their threads stay
    under a line saying so), their address wherever a report or
    recommendation kept it, the e-mail addresses following replies to their
    comments, and the bans and watches about them that have ended; a ban
    still in force stays. Then the request forgets whom it was
    about. Returns how many comments were erased."""
    subject = Subject.of(request)
    with transaction.atomic():
        follows.forget_followers_of(subject.comments())
        erased = moderation.erase(subject.comments(), by=by)
        if subject.ip_address:
            moderation.forget_address(subject.ip_address)
        moderation.forget_ended_decisions_about(
            user_name=subject.user_name, ip_address=subject.ip_address
        )
        request.user_name = ""
        request.ip_address = None
        request.erased_by = by
        request.erased_at = timezone.now()
        request.erased_comments = erased
        request.save()
        # The admin's log names the request by whom it was about.
        LogEntry.objects.filter(
            content_type__app_label="privacy",
            content_type__model="legalrequest",
            object_id=str(request.pk),
        ).update(object_repr=str(request))
    return erased
