"""Flood limits: how often one client address may use each public form.

Each form (comments, tips, newsletter sign-ups) has its own limits in
settings.NEWSROOM_FLOOD_LIMITS: a minimum interval between two posts and a
cap per hour, both kept in the cache (Redis in production, so they hold
across app servers). When the cache cannot be reached the limits are
skipped rather than turning readers away; the captcha still stands in front
of the form.
"""

import logging
import math
import time

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

HOUR = 3600


class TooSoon(Exception):
    """The address has used this form too much, too fast."""

    def __init__(self, retry_after: int):
        super().__init__(retry_after)
        self.retry_after = retry_after


def check(form: str, ip_address: str | None) -> None:
    """Raise TooSoon when this address must wait before using the form again."""
    if ip_address and (wait := seconds_until_allowed(form, ip_address)):
        raise TooSoon(wait)


def seconds_until_allowed(form: str, ip_address: str) -> int:
    """How long this address must wait before its next post; 0 if none."""
    limit = settings.NEWSROOM_FLOOD_LIMITS[form]
    now = time.time()
    try:
        last = cache.get(last_key(form, ip_address))
        posted = cache.get(hour_key(form, ip_address, now), 0)
    except Exception:  # any cache failure: fail open, and log it
        logger.exception("Cache unavailable; %s flood limits skipped", form)
        return 0
    waits = [0.0]
    if limit["interval_seconds"] and last is not None:
        waits.append(last + limit["interval_seconds"] - now)
    if limit["per_hour"] and posted >= limit["per_hour"]:
        waits.append(HOUR - now % HOUR)
    return max(0, math.ceil(max(waits)))


def record(form: str, ip_address: str | None) -> None:
    if not ip_address:
        return
    limit = settings.NEWSROOM_FLOOD_LIMITS[form]
    now = time.time()
    try:
        if limit["interval_seconds"]:
            cache.set(last_key(form, ip_address), now, limit["interval_seconds"])
        key = hour_key(form, ip_address, now)
        cache.add(key, 0, HOUR)
        cache.incr(key)
    except Exception:  # as in seconds_until_allowed
        logger.exception("Cache unavailable; %s post not counted for limits", form)


def last_key(form: str, ip_address: str) -> str:
    return f"{form}:last:{ip_address}"


def hour_key(form: str, ip_address: str, now: float) -> str:
    return f"{form}:hour:{int(now // HOUR)}:{ip_address}"
