"""Moderators are told when comments wait: by e-mail and by webhook, at
most once per quiet time, never holding up the reader's post."""

import os
import sqlite3
import subprocess
import sys

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.core.cache import cache

from comments import alerts, moderation
from comments.models import Comment
from webhooks.models import Delivery

from .support import PROJECT, WebhookReceiver, migrated_sqlite

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderators(db):
    group = Group.objects.get(name="Moderators")
    for name in ("maria", "tom"):
        user = User.objects.create_user(name, email=f"{name}@newsroom.example")
        user.groups.add(group)


@pytest.fixture
def premoderated(article):
    article.premoderated = True
    article.save()
    return article


def post(article, body="Please look at this.", ip="192.0.2.9"):
    return moderation.submit(
        article=article, user_name="Lena", body=body, ip_address=ip, user_agent=""
    )


@pytest.fixture
def webhook(settings):
    with WebhookReceiver() as receiver:
        settings.NEWSROOM_ALERT_WEBHOOK_URL = receiver.url
        yield receiver


def test_a_held_comment_is_mailed_to_moderators_with_a_link_to_its_card(
    premoderated, moderators, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        comment = post(premoderated)

    [message] = mail.outbox
    assert sorted(message.to) == ["maria@newsroom.example", "tom@newsroom.example"]
    assert message.subject.startswith("1 comment waits for a moderator")
    assert f"/admin/comments/comment/workspace/#card-{comment.pk}" in message.body
    assert "Please look at this." in message.body


def test_the_webhook_gets_slack_compatible_json(
    premoderated, moderators, webhook, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post(premoderated)

    [payload] = webhook.payloads
    assert "1 comment waits for a moderator" in payload["text"]
    assert payload["event"] == "alert"


def test_at_most_one_digest_per_quiet_time(
    premoderated, moderators, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post(premoderated, body="First")
        post(premoderated, body="Second", ip="192.0.2.10")
    assert len(mail.outbox) == 1

    cache.delete(alerts.QUIET_KEY)  # the quiet time is over
    with django_capture_on_commit_callbacks(execute=True):
        post(premoderated, body="Third", ip="192.0.2.11")

    assert len(mail.outbox) == 2
    assert "3 comments wait" in mail.outbox[1].subject


def test_a_dead_webhook_loses_no_comment_and_is_logged(
    premoderated, moderators, settings, caplog, django_capture_on_commit_callbacks
):
    settings.NEWSROOM_ALERT_WEBHOOK_URL = "http://127.0.0.1:9/nobody-listens"

    with django_capture_on_commit_callbacks(execute=True):
        comment = post(premoderated)

    assert Comment.objects.get() == comment
    assert "Could not post the alert event to a webhook (attempt 1)" in caplog.text
    waiting = Delivery.objects.get()
    assert waiting.delivered_at is None and waiting.next_attempt_at is not None
    assert len(mail.outbox) == 1  # e-mail still went


def test_enough_reports_alert_moderators_too(
    article, make_comment, moderators, settings, django_capture_on_commit_callbacks
):
    settings.NEWSROOM_REPORTS_TO_HOLD = 1
    comment = make_comment(article)

    with django_capture_on_commit_callbacks(execute=True):
        moderation.report(comment=comment, reason="abusive", reporter_ip="192.0.2.5")

    assert len(mail.outbox) == 1


def test_a_notice_of_illegal_content_alerts_moderators_without_holding(
    article, make_comment, moderators, django_capture_on_commit_callbacks
):
    comment = make_comment(article)

    with django_capture_on_commit_callbacks(execute=True):
        moderation.report(
            comment=comment,
            reason="illegal",
            reporter_ip="192.0.2.5",
            explanation="A threat of violence.",
        )

    comment.refresh_from_db()
    assert comment.status == "published"
    assert len(mail.outbox) == 1


WORKER_SCRIPT = """
import django
django.setup()
from django.contrib.auth.models import Group, User
from articles.models import Article, Section
from comments import moderation
user = User.objects.create_user("maria", email="maria@newsroom.example")
user.groups.add(Group.objects.get(name="Moderators"))
section = Section.objects.create(name="World", slug="world")
article = Article.objects.create(
    headline="A story", slug="a-story", section=section, summary="s", byline="b",
    source="Newsroom", body="Body.", status="published", premoderated=True)
moderation.submit(article=article, user_name="Lena", body="Held for the worker.",
                  ip_address="192.0.2.9", user_agent="")
from django_tasks_db.models import DBTaskResult
print("queued:", DBTaskResult.objects.filter(status="READY").count())
"""


def test_the_worker_sends_alerts_in_the_background(tmp_path):
    """With the site's own settings, posting only queues the alert (and the
    comment's risk score); the worker (`manage.py db_worker`) does both."""
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DATABASE_URL": migrated_sqlite(tmp_path / "site.sqlite3"),
    }
    queued = subprocess.run(
        [sys.executable, "-c", WORKER_SCRIPT],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "queued: 2" in queued.stdout

    worker = subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )

    # The console mailer prints the message the worker sent.
    assert "Subject: 1 comment waits for a moderator" in worker.stdout
    assert "Held for the worker." in worker.stdout
    with sqlite3.connect(tmp_path / "site.sqlite3") as database:
        [(risk,)] = database.execute("select risk from comments_comment").fetchall()
    assert 0 <= risk < 0.5
