"""How long the moderators' time-bound decisions last: each length named
once, for the admin's forms, the workspace's one-key decisions and the
help that describes them."""

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# How long a ban (or the workspace's watch) lasts, as the admin offers it;
# None is for good.
BAN_DURATIONS: dict[str, tuple[str | Promise, timedelta | None]] = {
    "1": (_("1 day"), timedelta(days=1)),
    "7": (_("7 days"), timedelta(days=7)),
    "30": (_("30 days"), timedelta(days=30)),
    "forever": (_("For good"), None),
}
DEFAULT_BAN = "7"
# What the workspace's one-key Ban and its Watch decide.
QUICK_BAN = DEFAULT_BAN
QUICK_WATCH = "30"
# How long a moderator may take back their last decision on a comment.
UNDO_WINDOW = timedelta(minutes=5)


def ends_at(duration: str) -> datetime | None:
    """When a decision made now for one of BAN_DURATIONS ends."""
    length = BAN_DURATIONS[duration][1]
    return timezone.now() + length if length else None


def length_text(duration: str) -> str:
    return str(BAN_DURATIONS[duration][0]).lower()


def edit_window() -> timedelta:
    """How long a poster may edit or delete their comment from their browser."""
    return timedelta(minutes=settings.NEWSROOM_EDIT_MINUTES)


def editable_until(comment) -> datetime:
    """Until when its poster may edit or delete a comment (posted at)."""
    return comment.created_at + edit_window()
