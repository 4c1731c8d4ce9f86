"""Cleaning up rows nobody needs any more: expired captchas, old sessions,
and what the apps that own other rows register (the privacy app forgets
addresses kept past their retention period).

Runs at most once an hour, started by the traffic itself (the captcha
widget asks whenever it stores a new captcha), so development needs no
scheduler. With the default task backend it runs inside the request
that triggers it (it is quick); production may configure a task backend
with a worker, or run `manage.py clean_stale` from cron instead.
"""

import logging
from collections.abc import Callable

from captcha.models import CaptchaStore
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.tasks import task
from django.utils import timezone

from . import limits
from .hooks import Hook
from .outages import without_cache

logger = logging.getLogger(__name__)

INTERVAL = 3600
LOCK = "housekeeping:last-run"

# Named jobs the other apps add in their ready(); each returns how many
# rows it cleaned.
jobs: Hook[Callable[[], int]] = Hook("housekeeping jobs")


def clean_stale_rows() -> dict[str, int]:
    """Delete expired captchas and sessions, then run the registered jobs;
    returns how many rows each cleaned."""
    now = timezone.now()
    captchas, _ = CaptchaStore.objects.filter(expiration__lte=now).delete()
    sessions, _ = Session.objects.filter(expire_date__lte=now).delete()
    return {
        "captchas": captchas,
        "sessions": sessions,
        "flood counts": limits.forget_expired(),
        **{name: job() for name, job in jobs.items()},
    }


@task
def clean_stale_rows_task() -> dict[str, int]:
    return clean_stale_rows()


def run_if_due() -> None:
    # No cache, no schedule: the cron command still works.
    due = False
    with without_cache("housekeeping skipped"):
        due = cache.add(LOCK, timezone.now().isoformat(), INTERVAL)
    if due:
        clean_stale_rows_task.enqueue()
