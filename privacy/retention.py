"""Addresses kept no longer than needed.

Posters', reporters' and tip senders' addresses and browsers serve bans,
the duplicate rule and report counting for NEWSROOM_RETENTION_DAYS; the
housekeeping task then forgets them (registered in apps.py), except the
addresses under an active ban, watch or trust, which keep the comments that
explain the decision. Decisions that ended that long ago forget their
address too.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from comments import moderation
from comments.models import Ban, PosterStanding
from tips import inbox


def cutoff():
    return timezone.now() - timedelta(days=settings.NEWSROOM_RETENTION_DAYS)


def forget_old_addresses() -> int:
    """Forget what is past the retention period; returns how many rows changed."""
    before = cutoff()
    kept = {
        str(address)
        for model in (Ban, PosterStanding)
        for address in model.objects.active()
        .filter(ip_address__isnull=False)
        .values_list("ip_address", flat=True)
    }
    return (
        moderation.forget_addresses(before=before, keep=kept)
        + moderation.forget_ended_decisions(before=before)
        + inbox.forget_addresses(before=before, keep=kept)
    )
