"""Flood limits: how often one client address may do each thing.

Each limit in settings.NEWSROOM_FLOOD_LIMITS (comments, tips, newsletter
sign-ups, captcha failures, captchas issued, ...) has a minimum interval
between two uses and a cap per hour. take() checks and records in one
atomic cache operation each (add for the interval, incr for the hourly
count), so parallel requests cannot all pass a check before any of them is
recorded. The cache is Redis in production, shared by every worker; without
Redis the site runs one worker process (gunicorn.conf.py), whose threads
share its local cache. When the cache cannot be reached the limits are
skipped rather than turning readers away; the captcha still stands in front
of every form.
"""

import hashlib
import logging
import math
import time

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

HOUR = 3600


class TooSoon(Exception):
    """The address has done this too often, too fast."""

    def __init__(self, retry_after: int):
        super().__init__(retry_after)
        self.retry_after = retry_after


def take(limit: str, client: str | None) -> None:
    """Count one use by this client, or raise TooSoon if it would be one too
    many. The client is an address, or any other key (an e-mail address is
    hashed, so that it is not kept in the cache)."""
    if not client:
        return
    rule = settings.NEWSROOM_FLOOD_LIMITS[limit]
    now = time.time()
    try:
        if rule["interval_seconds"]:
            key = last_key(limit, client)
            if not cache.add(key, now, rule["interval_seconds"]):
                last = cache.get(key, now)
                raise TooSoon(max(1, math.ceil(last + rule["interval_seconds"] - now)))
        if rule["per_hour"]:
            key = hour_key(limit, client, now)
            cache.add(key, 0, HOUR)
            if cache.incr(key) > rule["per_hour"]:
                raise TooSoon(max(1, math.ceil(HOUR - now % HOUR)))
    except TooSoon:
        raise
    except Exception:  # any cache failure: fail open, and log it
        logger.exception("Cache unavailable; %s limit skipped", limit)


def give_back(limit: str, client: str | None) -> None:
    """Undo one take() within the hour, for a use that should not count."""
    if not client or not settings.NEWSROOM_FLOOD_LIMITS[limit]["per_hour"]:
        return
    try:
        cache.decr(hour_key(limit, client, time.time()))
    except Exception:  # gone or unreachable: nothing to give back
        logger.info("Could not give back one %s use", limit)


def last_key(limit: str, client: str) -> str:
    return f"limits:{limit}:last:{digest(client)}"


def hour_key(limit: str, client: str, now: float) -> str:
    return f"limits:{limit}:hour:{int(now // HOUR)}:{digest(client)}"


def digest(client: str) -> str:
    return hashlib.sha256(client.encode()).hexdigest()[:32]
