"""Telling moderators that comments wait, so that none waits unseen.

When a comment is held, or enough reports hold it, moderators get a
digest of what waits: by e-mail (Django's mailers) and, when
NEWSROOM_ALERT_WEBHOOK_URL is set, as Slack-compatible JSON posted to that
address (and to every webhook that asked for alerts: webhooks/). At most
one digest goes out per NEWSROOM_ALERT_MINUTES; what is
held in between is in the next one, which the worker sends when the quiet
time ends. Sending is a background task, so a reader's post never waits on
mail or a webhook, and a failure to send is logged, never raised (a
webhook is tried again later).
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.tasks import default_task_backend, task
from django.template.defaultfilters import truncatechars
from django.urls import reverse
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext, ngettext

from protection.outages import without_cache
from webhooks import delivery as webhooks
from webhooks.models import Event

from .models import Comment

logger = logging.getLogger(__name__)

QUIET_KEY = "alerts:quiet-until"
FOLLOW_UP_KEY = "alerts:follow-up"
LISTED = 10


def comment_waits() -> None:
    """A comment has just been held: alert moderators once this commits."""
    transaction.on_commit(send_alerts.enqueue)


@task
def send_alerts() -> int:
    """Send the digest of what waits, unless one went out lately; returns
    how many messages went out."""
    waiting = Comment.objects.needs_attention().select_related("article")
    count = waiting.count()
    if not count:
        return 0
    quiet = timedelta(minutes=settings.NEWSROOM_ALERT_MINUTES)
    now = timezone.now()
    # Without the cache, better an alert too many.
    due = True
    with without_cache("alerting without the rate cap"):
        due = cache.add(QUIET_KEY, now + quiet, int(quiet.total_seconds()))
        if not due:
            _follow_up(cache.get(QUIET_KEY, now + quiet))
    if not due:
        return 0
    comments = list(
        waiting.with_waiting_since().order_by(F("waiting_since").asc())[:LISTED]
    )
    subject = ngettext(
        "%(count)d comment waits for a moderator, the oldest for %(since)s",
        "%(count)d comments wait for a moderator, the oldest for %(since)s",
        count,
    ) % {"count": count, "since": timesince(comments[0].waiting_since)}  # type: ignore[attr-defined]
    lines = [
        gettext("- %(name)s on “%(headline)s”: %(text)s")
        % {
            "name": comment.user_name,
            "headline": comment.article.headline,
            "text": truncatechars(comment.body, 120),
        }
        + f"\n  {card_url(comment)}"
        for comment in comments
    ]
    if count > LISTED:
        lines.append(
            gettext("… and %(count)d more in the workspace.")
            % {"count": count - LISTED}
        )
    body = "\n".join([subject + ".", "", *lines])
    # Slack-compatible ("text"), to NEWSROOM_ALERT_WEBHOOK_URL and to the
    # webhooks that asked for alerts; signed and tried again like the rest.
    return _mail(subject, body) + webhooks.send(
        Event.ALERT, {"text": body, "waiting": count}
    )


def card_url(comment: Comment) -> str:
    workspace = reverse("admin:comments_comment_workspace")
    return f"{settings.NEWSROOM_SITE_URL}{workspace}#card-{comment.pk}"


def _follow_up(quiet_until) -> None:
    """Send what was held during the quiet time when it ends, once."""
    if not default_task_backend.supports_defer:
        return  # without a worker the next held comment sends it
    seconds = max(1, int((quiet_until - timezone.now()).total_seconds()))
    if cache.add(FOLLOW_UP_KEY, True, seconds):
        send_alerts.using(run_after=quiet_until).enqueue()


def _mail(subject: str, body: str) -> int:
    moderators = list(
        get_user_model()
        .objects.filter(groups__name="Moderators", is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if not moderators:
        return 0
    try:
        return send_mail(subject, body, None, moderators)
    except Exception:
        logger.exception("Could not mail the moderators an alert")
        return 0
