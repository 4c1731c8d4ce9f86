"""Webhooks: the newsroom's own tools hear of holds, decisions, reports and
picks as signed JSON, tried again with backoff when they do not answer."""

import hashlib
import hmac
import json
from datetime import timedelta

import pytest
from django.utils import timezone

from comments import moderation
from comments.models import Comment, Reason
from protection import housekeeping
from webhooks import delivery
from webhooks.models import Delivery, Endpoint

from .support import WebhookReceiver, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def tool():
    with WebhookReceiver() as receiver:
        receiver.endpoint = Endpoint.objects.create(
            url=receiver.url,
            events=["comment.held", "comment.decided", "comment.reported"],
        )
        yield receiver


def hold(article, body="Waiting for a moderator.") -> Comment:
    article.premoderated = True
    article.save()
    return submit(article, body=body, ip="192.0.2.9")


def test_a_hold_and_a_decision_reach_the_tool_signed(
    article, tool, moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        comment = hold(article)
        moderation.approve([comment], by=moderator)

    held, decided = tool.received
    headers, body = held
    assert headers["X-Newsroom-Event"] == "comment.held"
    stamp, digest = headers["X-Newsroom-Signature"].removeprefix("t=").split(",v1=")
    expected = hmac.new(
        tool.endpoint.secret.encode(), f"{stamp}.".encode() + body, hashlib.sha256
    ).hexdigest()
    assert hmac.compare_digest(digest, expected)
    sent = json.loads(body)
    assert sent["comment"]["id"] == comment.pk
    assert sent["comment"]["hold_rule"] == "premoderation"
    assert f"#card-{comment.pk}" in sent["comment"]["admin_url"]
    # Enough to find the comment; nothing of the reader's.
    assert "Lena" not in body.decode() and "192.0.2.9" not in body.decode()
    assert "Waiting for a moderator" not in body.decode()
    assert json.loads(decided[1])["comment"]["status"] == "published"
    assert json.loads(decided[1])["moderator"] == moderator.username
    assert Delivery.objects.filter(delivered_at__isnull=False).count() == 2


def test_a_report_reaches_the_tool_and_other_events_do_not(
    article, make_comment, tool, moderator, django_capture_on_commit_callbacks
):
    comment = make_comment(article)
    with django_capture_on_commit_callbacks(execute=True):
        moderation.report(
            comment=comment, reason=Reason.SPAM, reporter_ip="198.51.100.4"
        )
        moderation.pick([comment], by=moderator)  # not asked for

    [(headers, body)] = tool.received
    assert headers["X-Newsroom-Event"] == "comment.reported"
    assert json.loads(body)["reason"] == "spam"


def test_a_tool_that_does_not_answer_is_tried_again_then_given_up(
    article, moderator, django_capture_on_commit_callbacks
):
    Endpoint.objects.create(url="http://127.0.0.1:9/down", events=["comment.held"])
    with django_capture_on_commit_callbacks(execute=True):
        hold(article)

    waiting = Delivery.objects.get()
    assert waiting.attempts == 1 and waiting.delivered_at is None
    assert waiting.next_attempt_at > timezone.now() + timedelta(seconds=50)
    for attempt in range(2, delivery.ATTEMPTS + 1):
        Delivery.objects.update(next_attempt_at=timezone.now() - timedelta(seconds=1))
        housekeeping.clean_stale_rows()
        assert Delivery.objects.get().attempts == attempt

    given_up = Delivery.objects.get()
    assert given_up.next_attempt_at is None and given_up.last_error
    housekeeping.clean_stale_rows()
    assert Delivery.objects.get().attempts == delivery.ATTEMPTS


def test_a_tool_that_answers_500_is_tried_again(
    article, django_capture_on_commit_callbacks
):
    with WebhookReceiver(status=500) as failing:
        Endpoint.objects.create(url=failing.url, events=["comment.held"])
        with django_capture_on_commit_callbacks(execute=True):
            hold(article)

    waiting = Delivery.objects.get()
    assert waiting.last_status == 500 and waiting.delivered_at is None


def test_deliveries_are_forgotten_after_the_retention_period(settings):
    Delivery.objects.create(
        url="http://127.0.0.1:9/",
        event="comment.held",
        payload={},
        created_at=timezone.now()
        - timedelta(days=settings.NEWSROOM_RETENTION_DAYS + 1),
        delivered_at=timezone.now(),
    )

    delivery.retry_and_forget()

    assert not Delivery.objects.exists()


def test_a_delivery_asked_for_twice_is_posted_once(article, tool):
    comment = hold(article)  # stored, not yet sent: nothing committed here
    [waiting] = Delivery.objects.all()
    assert json.loads(json.dumps(waiting.payload))["comment"]["id"] == comment.pk

    assert delivery.deliver.call(waiting.pk) is True
    assert delivery.deliver.call(waiting.pk) is False
    assert len(tool.received) == 1
