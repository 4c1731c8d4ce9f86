"""Moderation events, sent to the newsroom's own tools as signed JSON.

`send(event, data)` stores one delivery per webhook that asked for the
event, in the caller's transaction, and the task worker posts each once it
commits: `{"event": ..., **data}`, with `X-Newsroom-Event` and
`X-Newsroom-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<body>">`.
A delivery not answered with 2xx is tried again after 1, 2, 4, 8 and 16
minutes (by the worker, or by the hourly housekeeping where no worker
defers tasks), then given up and left in the admin with its last error.
The alert digest (comments.alerts) is one of these events, and goes to
NEWSROOM_ALERT_WEBHOOK_URL too, as Slack-compatible JSON ("text").
Deliveries are forgotten after the retention period.
"""

import hashlib
import hmac
import json
import logging
import time
import urllib.error
import urllib.request
from datetime import timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q
from django.tasks import default_task_backend, task
from django.utils import timezone

from .models import Delivery, Endpoint, Event

logger = logging.getLogger(__name__)

ATTEMPTS = 6
FIRST_WAIT = timedelta(minutes=1)
TIMEOUT = 5
LEASE = timedelta(seconds=TIMEOUT * 4)


def send(event: Event, *each: dict[str, Any]) -> int:
    """Store the event, once for each of its data (one comment's, say), for
    every webhook that wants it, reading the webhooks once; returns how
    many deliveries."""
    addresses: list[tuple[Endpoint | None, str]] = [
        (endpoint, endpoint.url)
        for endpoint in Endpoint.objects.filter(active=True)
        if event in endpoint.events
    ]
    if event == Event.ALERT and settings.NEWSROOM_ALERT_WEBHOOK_URL:
        addresses.append((None, settings.NEWSROOM_ALERT_WEBHOOK_URL))
    deliveries = Delivery.objects.bulk_create(
        Delivery(endpoint=endpoint, url=url, event=event, payload=data)
        for data in each
        for endpoint, url in addresses
    )
    for stored in deliveries:
        transaction.on_commit(partial(deliver.enqueue, stored.pk))
    return len(deliveries)


def signature(secret: str, timestamp: str, body: bytes) -> str:
    digest = hmac.new(
        secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256
    ).hexdigest()
    return f"t={timestamp},v1={digest}"


@task
def deliver(delivery_id: int) -> bool:
    """Post one delivery; on failure, try again later. True when delivered."""
    now = timezone.now()
    delivery = (
        Delivery.objects.select_related("endpoint")
        .filter(Q(next_attempt_at=None) | Q(next_attempt_at__lte=now))
        .filter(pk=delivery_id, delivered_at=None, attempts__lt=ATTEMPTS)
        .first()
    )
    if delivery is None:
        return False
    # Claimed by counting the attempt, with a lease on it: a second task for
    # the same delivery (the worker's and the housekeeping's) finds the
    # count moved or the next attempt not due, and leaves it. No transaction
    # stays open while the other end answers.
    attempt = delivery.attempts + 1
    claimed = Delivery.objects.filter(
        pk=delivery.pk, attempts=delivery.attempts, delivered_at=None
    ).update(attempts=attempt, next_attempt_at=now + LEASE)
    if not claimed:
        return False
    status, error = _post(delivery)
    if error is None:
        Delivery.objects.filter(pk=delivery.pk).update(
            delivered_at=timezone.now(),
            next_attempt_at=None,
            last_status=status,
            last_error="",
        )
        return True
    logger.warning(
        "Could not post the %s event to a webhook (attempt %d)", delivery.event, attempt
    )
    later = (
        timezone.now() + FIRST_WAIT * 2 ** (attempt - 1) if attempt < ATTEMPTS else None
    )
    Delivery.objects.filter(pk=delivery.pk).update(
        next_attempt_at=later, last_status=status, last_error=error[:300]
    )
    if later and default_task_backend.supports_defer:
        deliver.using(run_after=later).enqueue(delivery.pk)
    return False


def _post(delivery: Delivery) -> tuple[int | None, str | None]:
    """The answer's status, and what went wrong (None when it was 2xx)."""
    body = json.dumps(
        {"event": delivery.event, **delivery.payload}, cls=DjangoJSONEncoder
    ).encode()
    headers = {"Content-Type": "application/json", "X-Newsroom-Event": delivery.event}
    if delivery.endpoint is not None:
        headers["X-Newsroom-Signature"] = signature(
            delivery.endpoint.secret, str(int(time.time())), body
        )
    request = urllib.request.Request(
        delivery.url, data=body, headers=headers, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            response.read(1024)
            return response.status, None
    except urllib.error.HTTPError as error:
        return error.code, f"{error.code} {error.reason}"
    except Exception as error:  # refused, timed out, no such host
        return None, str(error) or type(error).__name__


def retry_and_forget() -> int:
    """Housekeeping: send again what is due (where no worker deferred it),
    and forget deliveries past the retention period. Returns how many."""
    due = list(
        Delivery.objects.filter(
            delivered_at=None,
            attempts__lt=ATTEMPTS,
            next_attempt_at__lte=timezone.now(),
        ).values_list("pk", flat=True)[:500]
    )
    for pk in due:
        deliver.enqueue(pk)
    old = timezone.now() - timedelta(days=settings.NEWSROOM_RETENTION_DAYS)
    forgotten, _kinds = Delivery.objects.filter(created_at__lt=old).delete()
    return len(due) + forgotten
