"""Cleaning up rows nobody needs any more: expired captchas, old sessions.

Runs at most once an hour, started by the traffic itself (the captcha
widget asks whenever it stores a new captcha), so development needs no
scheduler. With the default task backend it runs inside the request
that triggers it (it is quick); production may configure a task backend
with a worker, or run `manage.py clean_stale` from cron instead.
"""

import logging

from captcha.models import CaptchaStore
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.tasks import task
from django.utils import timezone

logger = logging.getLogger(__name__)

INTERVAL = 3600
LOCK = "housekeeping:last-run"


def clean_stale_rows() -> dict[str, int]:
    """Delete expired captchas and sessions; returns how many of each."""
    now = timezone.now()
    captchas, _ = CaptchaStore.objects.filter(expiration__lte=now).delete()
    sessions, _ = Session.objects.filter(expire_date__lte=now).delete()
    return {"captchas": captchas, "sessions": sessions}


@task
def clean_stale_rows_task() -> dict[str, int]:
    return clean_stale_rows()


def run_if_due() -> None:
    try:
        due = cache.add(LOCK, timezone.now().isoformat(), INTERVAL)
    except Exception:  # no cache, no schedule: the cron command still works
        logger.exception("Cache unavailable; housekeeping skipped")
        return
    if due:
        clean_stale_rows_task.enqueue()
