"""Addresses kept no longer than needed.

Posters', reporters' and tip senders' addresses and browsers (and the keys
of the e-mail addresses posters confirmed) serve bans,
the duplicate rule and report counting for NEWSROOM_RETENTION_DAYS; the
housekeeping task then forgets them (registered in apps.py), with the
browser keys of recommendations, the files uploaded for imports and the
login protection's records of admin sign-ins, except the
addresses under an active ban, watch or trust, which keep the comments that
explain the decision. Decisions that ended that long ago forget their
address too.
"""

from datetime import timedelta

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.utils import timezone

from comments import moderation
from comments.models import Ban, PosterStanding
from portability import imports
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
    kept_readers = {
        key
        for model in (Ban, PosterStanding)
        for key in model.objects.active()
        .exclude(reader_key="")
        .values_list("reader_key", flat=True)
    }
    return (
        moderation.forget_addresses(before=before, keep=kept, keep_readers=kept_readers)
        + moderation.forget_ended_decisions(before=before)
        + inbox.forget_addresses(before=before, keep=kept)
        + imports.forget_uploads(before=before)
        + forget_sign_in_records(before=before)
    )


def forget_sign_in_records(*, before) -> int:
    """The login protection's records (address, browser and user name of
    each admin sign-in and failure): kept for the retention period, and a
    paused address at least until its pause ends."""
    attempts_before = min(before, timezone.now() - settings.AXES_COOLOFF_TIME)
    return (
        AccessAttempt.objects.filter(attempt_time__lt=attempts_before).delete()[0]
        + AccessFailureLog.objects.filter(attempt_time__lt=before).delete()[0]
        + AccessLog.objects.filter(attempt_time__lt=before).delete()[0]
    )
