"""Decisions about posters rather than comments: bans, watching and trust,
how long each lasts, and lifting them early."""

from collections.abc import Iterable
from datetime import datetime

from django.contrib.admin.models import ADDITION
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from .. import rules
from ..models import (
    Ban,
    Comment,
    ModerationEvent,
    PosterNote,
    PosterStanding,
    Reason,
    Standing,
)
from .recorder import Retire, ids_of, record

Action = ModerationEvent.Action


def ban(new_ban: Ban, *, by: User) -> Ban:
    """Save a ban made in the admin or from comments, and record it."""
    new_ban.created_by = by
    new_ban.name_key = rules.name_key(new_ban.user_name)
    with transaction.atomic():
        new_ban.save()
        record(
            [new_ban.comment] if new_ban.comment else [],
            action=Action.POSTER_BANNED,
            by=by,
            reason=new_ban.reason,
            detail=new_ban.duration_text,
            logged=[new_ban],
            log_flag=ADDITION,
            message=gettext("Banned %(duration)s")
            % {"duration": new_ban.duration_text},
            retire=Retire.NOTHING,
        )
    return new_ban


def ban_posters(
    comments: Iterable[Comment],
    *,
    by: User,
    reason: Reason,
    expires_at: datetime | None,
    note: str = "",
    name_only: bool = False,
) -> list[Ban]:
    """Ban the IP address, user name and confirmed e-mail address of each
    comment's poster (or, with name_only, not the IP address: others post
    from it too)."""
    return [
        ban(
            Ban(
                ip_address=None if name_only else comment.ip_address,
                user_name=comment.user_name,
                reader_key=comment.reader_key,
                reason=reason,
                note=note,
                comment=comment,
                expires_at=expires_at,
            ),
            by=by,
        )
        for comment in comments
    ]


STANDING_ACTIONS = {
    Standing.WATCHED: Action.POSTER_WATCHED,
    Standing.TRUSTED: Action.POSTER_TRUSTED,
}


def set_standing(new_standing: PosterStanding, *, by: User | None) -> PosterStanding:
    """Save a decision to watch or trust a poster, and record it."""
    new_standing.created_by = by
    new_standing.name_key = rules.name_key(new_standing.user_name)
    action = STANDING_ACTIONS[Standing(new_standing.standing)]
    with transaction.atomic():
        new_standing.save()
        record(
            [new_standing.comment] if new_standing.comment else [],
            action=action,
            by=by,
            detail=new_standing.note[:200],
            logged=[new_standing],
            log_flag=ADDITION,
            retire=Retire.NOTHING,
        )
    return new_standing


def watch(
    comments: Iterable[Comment], *, by: User | None, expires_at: datetime | None
) -> list[PosterStanding]:
    """Hold what the posters of these comments write next, until expires_at
    (by nobody: a policy decided)."""
    return _judge_posters(comments, Standing.WATCHED, by=by, expires_at=expires_at)


def trust(comments: Iterable[Comment], *, by: User) -> list[PosterStanding]:
    """Let the posters of these comments skip the link, duplicate and
    pre-moderation holds."""
    return _judge_posters(comments, Standing.TRUSTED, by=by, expires_at=None)


def _judge_posters(
    comments: Iterable[Comment],
    standing: Standing,
    *,
    by: User | None,
    expires_at: datetime | None,
) -> list[PosterStanding]:
    return [
        set_standing(
            PosterStanding(
                standing=standing,
                ip_address=comment.ip_address,
                user_name=comment.user_name,
                reader_key=comment.reader_key,
                comment=comment,
                expires_at=expires_at,
            ),
            by=by,
        )
        for comment in comments
    ]


def lift(bans: Iterable[Ban], *, by: User) -> int:
    """End bans early; the record stays."""
    return _lift(Ban, bans, by=by)


def lift_standings(standings: Iterable[PosterStanding], *, by: User) -> int:
    """End watches or trust early; the record stays."""
    return _lift(PosterStanding, standings, by=by)


def _lift(
    model: type[Ban] | type[PosterStanding],
    decisions: Iterable[Ban] | Iterable[PosterStanding],
    *,
    by: User,
) -> int:
    with transaction.atomic():
        targets = list(model.objects.active().filter(pk__in=ids_of(decisions)))
        if targets:
            model.objects.filter(pk__in=ids_of(targets)).update(
                lifted_at=timezone.now(), lifted_by=by
            )
            record(
                [],
                by=by,
                logged=targets,
                message=gettext("Lifted"),
                retire=Retire.NOTHING,
            )
    return len(targets)


def note_poster(comment: Comment, text: str, *, by: User) -> PosterNote:
    """Keep a moderator's note on the poster of a comment, for every card of
    theirs; the admin's log says who wrote it."""
    note = PosterNote(
        user_name=comment.user_name,
        name_key=rules.name_key(comment.user_name),
        ip_address=comment.ip_address,
        reader_key=comment.reader_key,
        text=text.strip()[: PosterNote._meta.get_field("text").max_length],
        comment=comment,
        created_by=by,
    )
    with transaction.atomic():
        note.save()
        record(
            [],
            by=by,
            logged=[note],
            log_flag=ADDITION,
            message=gettext("Note on the poster"),
            retire=Retire.NOTHING,
            told=False,
        )
    return note
