"""Flood limits: how often one client address may do each thing.

Each limit in settings.NEWSROOM_FLOOD_LIMITS (comments, tips, newsletter
sign-ups, captcha failures, captchas issued, ...) has a minimum interval
between two uses and a cap per hour. take() checks and records in one
atomic operation each (add for the interval, incr for the hourly count),
so parallel requests cannot all pass a check before any of them is
recorded.

The counts live in the "limits" cache: Redis in production, shared by
every worker and app server, and best a Redis that evicts nothing
(docs/deploy.md); without Redis, this process's memory. Limits fail safe:
when the cache cannot record a use (down, or full and refusing writes),
the use is counted in the database instead, and when neither can count
it, it is refused. Every key expires with its window.
"""

import hashlib
import logging
import math
import time
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import caches
from django.db import IntegrityError, transaction
from django.db.models import F

from .models import FloodCount

logger = logging.getLogger(__name__)

HOUR = 3600
# How long a client waits when no count could be kept at all.
RETRY_WHEN_UNCOUNTED = 60


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
        _take_in_cache(limit, client, rule, now)
        return
    except TooSoon:
        raise
    except Exception:
        logger.warning(
            "Cache cannot count the %s limit; counting in the database", limit
        )
    try:
        _take_in_database(limit, client, rule, now)
    except TooSoon:
        raise
    except Exception:
        logger.exception("Neither cache nor database can count; %s refused", limit)
        raise TooSoon(RETRY_WHEN_UNCOUNTED) from None


def _take_in_cache(limit: str, client: str, rule: dict[str, int], now: float) -> None:
    cache = caches["limits"]
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


def _take_in_database(
    limit: str, client: str, rule: dict[str, int], now: float
) -> None:
    if rule["interval_seconds"]:
        count, ends = count_in_database(
            last_key(limit, client), now, now + rule["interval_seconds"]
        )
        if count > 1:
            raise TooSoon(max(1, math.ceil(ends - now)))
    if rule["per_hour"]:
        count, ends = count_in_database(
            hour_key(limit, client, now), now, (now // HOUR + 1) * HOUR
        )
        if count > rule["per_hour"]:
            raise TooSoon(max(1, math.ceil(ends - now)))


def count_in_database(key: str, now: float, window_ends: float) -> tuple[int, float]:
    """Add one use to the key's current window, one started now if the last
    has passed: (uses in the window, when it ends)."""
    at = datetime.fromtimestamp(now, UTC)
    with transaction.atomic():
        current = FloodCount.objects.filter(key=key, expires_at__gt=at)
        if not current.update(count=F("count") + 1):
            FloodCount.objects.filter(key=key, expires_at__lte=at).delete()
            try:
                with transaction.atomic():
                    FloodCount.objects.create(
                        key=key,
                        count=1,
                        expires_at=datetime.fromtimestamp(window_ends, UTC),
                    )
            except IntegrityError:  # another request started it first
                current.update(count=F("count") + 1)
        count, expires_at = current.values_list("count", "expires_at").get()
    return count, expires_at.timestamp()


def give_back(limit: str, client: str | None) -> None:
    """Undo one take() within the hour, for a use that should not count."""
    if not client or not settings.NEWSROOM_FLOOD_LIMITS[limit]["per_hour"]:
        return
    key = hour_key(limit, client, time.time())
    try:
        caches["limits"].decr(key)
    except Exception:  # gone or unreachable: give it back where it was counted
        FloodCount.objects.filter(key=key, count__gt=0).update(count=F("count") - 1)


def forget_expired() -> int:
    """Housekeeping: the database's counts whose window has passed."""
    deleted, _ = FloodCount.objects.filter(expires_at__lte=datetime.now(UTC)).delete()
    return deleted


def last_key(limit: str, client: str) -> str:
    return f"limits:{limit}:last:{digest(client)}"


def hour_key(limit: str, client: str, now: float) -> str:
    return f"limits:{limit}:hour:{int(now // HOUR)}:{digest(client)}"


def digest(client: str) -> str:
    return hashlib.sha256(client.encode()).hexdigest()[:32]
