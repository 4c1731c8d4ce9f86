"""Flood control: how often one client address may post comments.

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


def seconds_until_allowed(ip_address: str) -> int:
    """How long this address must wait before its next comment; 0 if none."""
    now = time.time()
    try:
        last = cache.get(last_key(ip_address))
        posted = cache.get(hour_key(ip_address, now), 0)
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


def record_comment(ip_address: str) -> None:
    now = time.time()
    try:
        if settings.NEWSROOM_COMMENT_INTERVAL_SECONDS:
            cache.set(
                last_key(ip_address), now, settings.NEWSROOM_COMMENT_INTERVAL_SECONDS
            )
        key = hour_key(ip_address, now)
        cache.add(key, 0, HOUR)
        cache.incr(key)
    except Exception:  # as in seconds_until_allowed
        logger.exception("Cache unavailable; comment not counted for rate limits")


def last_key(ip_address: str) -> str:
    return f"comments:last:{ip_address}"


def hour_key(ip_address: str, now: float) -> str:
    return f"comments:hour:{int(now // HOUR)}:{ip_address}"
