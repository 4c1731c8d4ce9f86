"""Flood control: how often one client address may post (comments, tips,
newsletter sign-ups; each counted on its own).

Two limits, both kept in the cache (Redis in production, so they hold
across app servers): a minimum interval between comments and a cap per
hour. When the cache cannot be reached the limits are skipped rather than
turning readers away; the captcha still stands in front of the form.
"""

import logging
import math
import time

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

HOUR = 3600


def seconds_until_allowed(ip_address: str, scope: str = "comments") -> int:
    """How long this address must wait before its next post; 0 if none."""
    now = time.time()
    try:
        last = cache.get(last_key(ip_address, scope))
        posted = cache.get(hour_key(ip_address, now, scope), 0)
    except Exception:  # any cache failure: fail open, and log it
        logger.exception("Cache unavailable; comment rate limits skipped")
        return 0
    waits = [0]
    interval = settings.NEWSROOM_COMMENT_INTERVAL_SECONDS
    if interval and last is not None:
        waits.append(last + interval - now)
    cap = settings.NEWSROOM_COMMENTS_PER_HOUR
    if cap and posted >= cap:
        waits.append(HOUR - now % HOUR)
    return max(0, math.ceil(max(waits)))


def record_post(ip_address: str, scope: str = "comments") -> None:
    now = time.time()
    try:
        if settings.NEWSROOM_COMMENT_INTERVAL_SECONDS:
            cache.set(
                last_key(ip_address, scope),
                now,
                settings.NEWSROOM_COMMENT_INTERVAL_SECONDS,
            )
        key = hour_key(ip_address, now, scope)
        cache.add(key, 0, HOUR)
        cache.incr(key)
    except Exception:  # as in seconds_until_allowed
        logger.exception("Cache unavailable; comment not counted for rate limits")


def last_key(ip_address: str, scope: str) -> str:
    return f"{scope}:last:{ip_address}"


def hour_key(ip_address: str, now: float, scope: str) -> str:
    return f"{scope}:hour:{int(now // HOUR)}:{ip_address}"
