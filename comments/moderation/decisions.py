"""The decisions a moderator takes on one comment, from a card of the
workspace or the comment's own page: each named once, with who may take
it, the key that takes it and what the moderator is told."""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils.text import format_lazy
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from ..models import Comment, Reason
from . import picks, posters, status
from .durations import (
    BAN_DURATIONS,
    QUICK_BAN,
    QUICK_WATCH,
    ends_at,
    length_text,
)

MODERATE = "comments.can_moderate"


class Decision(models.TextChoices):
    APPROVE = "approve", _("Approve")
    REMOVE = "remove", _("Remove")
    BAN = (
        "ban",
        format_lazy(_("Ban {length}"), length=BAN_DURATIONS[QUICK_BAN][0]),
    )
    # For an address other names post from too: the name alone is banned.
    BAN_NAME = (
        "ban_name",
        format_lazy(
            _("Ban the name only, {length}"), length=BAN_DURATIONS[QUICK_BAN][0]
        ),
    )
    WATCH = "watch", _("Watch poster")
    TRUST = "trust", _("Trust poster")
    PICK = "pick", pgettext_lazy("decision", "Pick")
    UNPICK = "unpick", pgettext_lazy("decision", "Unpick")
    UNDO = "undo", _("Undo")

    @property
    def permissions(self) -> tuple[str, ...]:
        return {
            Decision.PICK: ("comments.can_pick",),
            Decision.UNPICK: ("comments.can_pick",),
            Decision.BAN: (MODERATE, "comments.add_ban"),
            Decision.BAN_NAME: (MODERATE, "comments.add_ban"),
            Decision.WATCH: (MODERATE, "comments.add_posterstanding"),
            Decision.TRUST: (MODERATE, "comments.add_posterstanding"),
        }.get(self, (MODERATE,))

    def allowed(self, user: User | AnonymousUser) -> bool:
        return user.has_perms(self.permissions)

    @property
    def key(self) -> str:
        """The workspace's key for it (removals take 1 to 9, by reason)."""
        return {Decision.APPROVE: "a", Decision.BAN: "b", Decision.UNDO: "u"}.get(
            self, ""
        )

    @property
    def help(self) -> str:
        """What the key does, for the workspace's list of keys."""
        if self == Decision.BAN:
            return gettext("Remove as abusive and ban the poster for %(length)s") % {
                "length": length_text(QUICK_BAN)
            }
        return gettext("Undo the last decision") if self == Decision.UNDO else ""

    def value_for(self, reason: Reason) -> str:
        """What a removal or ban button sends: the decision and its reason."""
        return f"{self.value}:{reason.value}"

    @property
    def removes(self) -> bool:
        """Whether it takes the comment down, with a reason."""
        return self in (Decision.REMOVE, Decision.BAN, Decision.BAN_NAME)

    @classmethod
    def read(cls, sent: str) -> tuple["Decision", Reason | None]:
        """The decision (and reason, which a removal needs and a ban may
        have) a button sent.

        Raises ValueError for anything else."""
        name, colon, reason = sent.partition(":")
        decision = cls(name)
        if (decision == cls.REMOVE or colon) and not reason:
            raise ValueError(sent)
        if reason and not decision.removes:
            raise ValueError(sent)
        return decision, Reason(reason) if reason else None


@dataclass(frozen=True)
class Outcome:
    done: bool
    # The comment left the queue (a decision about its poster, or a pick,
    # leaves it where it is).
    decided: bool
    message: str


def take(
    decision: Decision, comment: Comment, *, by, reason: Reason | None = None
) -> Outcome:
    """Take one decision on one comment, as the moderator by.

    Raises PermissionDenied when they may not. A decision of two steps (a
    removal and a ban) is taken whole or not at all."""
    if not decision.allowed(by):
        raise PermissionDenied
    with transaction.atomic():
        return _take(decision, comment, by=by, reason=reason)


def _take(
    decision: Decision, comment: Comment, *, by, reason: Reason | None
) -> Outcome:
    decided = decision == Decision.APPROVE or decision.removes
    if decision == Decision.APPROVE:
        done = status.approve([comment], by=by)
        message = gettext("Approved.")
    elif decision == Decision.REMOVE:
        reason = reason or Reason.OTHER
        done = status.remove([comment], by=by, reason=reason)
        message = gettext("Removed as %s.") % str(reason.label).lower()
    elif decision in (Decision.BAN, Decision.BAN_NAME):
        # The comment may already be down (removed a moment ago): the ban
        # still counts.
        reason = reason or Reason.ABUSIVE
        removed = status.remove([comment], by=by, reason=reason)
        bans = posters.ban_posters(
            [comment],
            by=by,
            reason=reason,
            expires_at=ends_at(QUICK_BAN),
            name_only=decision == Decision.BAN_NAME,
        )
        done = removed + len(bans)
        message = (
            gettext("Removed as %(reason)s, and the poster banned for %(length)s.")
            if removed
            else gettext("The poster is banned for %(length)s.")
        )
        if decision == Decision.BAN_NAME:
            message = (
                gettext("Removed as %(reason)s, and the name banned for %(length)s.")
                if removed
                else gettext("The name is banned for %(length)s.")
            )
        message %= {
            "reason": str(reason.label).lower(),
            "length": length_text(QUICK_BAN),
        }
    elif decision == Decision.WATCH:
        done = len(posters.watch([comment], by=by, expires_at=ends_at(QUICK_WATCH)))
        message = gettext("The poster is watched for %(length)s.") % {
            "length": length_text(QUICK_WATCH)
        }
    elif decision == Decision.TRUST:
        done = len(posters.trust([comment], by=by))
        message = gettext("The poster is trusted.")
    elif decision == Decision.PICK:
        done = picks.pick([comment], by=by)
        message = gettext("Now an editors' pick.")
    elif decision == Decision.UNPICK:
        done = picks.unpick([comment], by=by)
        message = gettext("No longer an editors' pick.")
    else:
        done = status.undo(comment, by=by)
        message = gettext("Undone.")
    if not done:
        message = gettext("Nothing to do: someone has already decided on it.")
    return Outcome(done=bool(done), decided=decided, message=message)
