"""Addresses kept no longer than needed, and legal requests answered: an
export of everything about a poster, and their erasure."""

import csv
import io
import json
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import User
from django.core.management import call_command
from django.utils import timezone

from comments import moderation, text
from comments.models import (
    Ban,
    Comment,
    HoldRule,
    ModerationEvent,
    Reason,
    Recommendation,
    Report,
)
from privacy.models import LegalRequest
from protection import housekeeping
from tips.models import Tip

from .support import text_of

pytestmark = pytest.mark.django_db

Status = Comment.Status
LEGAL = "/admin/privacy/legalrequest/"


def days_ago(days: int):
    return timezone.now() - timedelta(days=days)


# Retention


@pytest.fixture
def old_and_new(article, make_comment, moderator):
    """Comments, reports, recommendations and tips from 31 days ago and from
    yesterday, and a ban still in force on one old address."""
    old = make_comment(
        article,
        ip_address="192.0.2.10",
        user_agent="Old browser",
        created_at=days_ago(31),
    )
    banned = make_comment(
        article,
        user_name="Banned",
        ip_address="192.0.2.66",
        user_agent="Banned browser",
        created_at=days_ago(31),
    )
    recent = make_comment(
        article,
        body="Yesterday's comment.",
        fingerprint=text.fingerprint("Yesterday's comment."),
        ip_address="192.0.2.11",
        user_agent="New browser",
        created_at=timezone.now() - timedelta(hours=2),
    )
    moderation.ban_posters([banned], by=moderator, reason=Reason.SPAM, expires_at=None)
    for comment, when in ((old, 31), (recent, 1)):
        Report.objects.create(
            comment=comment,
            reason=Reason.SPAM,
            reporter_ip="198.51.100.20",
            reporter_network="198.51.100.0/24",
            created_at=days_ago(when),
        )
        Recommendation.objects.create(
            comment=comment,
            ip_address="198.51.100.21",
            browser="a" * 32,
            created_at=days_ago(when),
        )
        Tip.objects.create(
            name="Source",
            story="Something happened.",
            ip_address="198.51.100.22",
            created_at=days_ago(when),
        )
    return {"old": old, "banned": banned, "recent": recent}


def test_housekeeping_forgets_addresses_past_the_retention_period(old_and_new):
    housekeeping.clean_stale_rows()

    old, banned, recent = (
        Comment.objects.get(pk=old_and_new[name].pk)
        for name in ("old", "banned", "recent")
    )
    assert (old.ip_address, old.user_agent) == (None, "")
    assert (recent.ip_address, recent.user_agent) == ("192.0.2.11", "New browser")
    # Kept while the ban on that address is in force.
    assert (banned.ip_address, banned.user_agent) == ("192.0.2.66", "Banned browser")
    old_report, new_report = Report.objects.order_by("created_at")
    assert old_report.reporter_ip is None
    assert old_report.reporter_network == "198.51.100.0/24"
    assert new_report.reporter_ip == "198.51.100.20"
    old_recommendation, new_recommendation = Recommendation.objects.order_by(
        "created_at"
    )
    assert old_recommendation.ip_address is None
    # The browser's key goes too: it would link the reader's browser to it.
    assert "a" * 32 not in old_recommendation.browser
    assert new_recommendation.ip_address == "198.51.100.21"
    assert new_recommendation.browser == "a" * 32
    assert list(
        Tip.objects.order_by("created_at").values_list("ip_address", flat=True)
    ) == [None, "198.51.100.22"]


def test_the_period_is_configurable(settings, old_and_new):
    settings.NEWSROOM_RETENTION_DAYS = 60

    housekeeping.clean_stale_rows()

    assert Comment.objects.get(pk=old_and_new["old"].pk).ip_address == "192.0.2.10"


def test_addresses_under_a_ban_go_once_the_ban_ends(old_and_new, moderator):
    ban = Ban.objects.get()
    moderation.lift([ban], by=moderator)
    Ban.objects.filter(pk=ban.pk).update(lifted_at=days_ago(31))

    housekeeping.clean_stale_rows()

    assert Comment.objects.get(pk=old_and_new["banned"].pk).ip_address is None
    ban.refresh_from_db()
    assert (ban.ip_address, ban.user_name) == (None, "Banned")
    assert "192.0.2.66" not in str(
        list(LogEntry.objects.values_list("object_repr", flat=True))
    )


def test_an_ended_ban_on_an_address_alone_is_forgotten(moderator):
    ban = moderation.ban(
        Ban(ip_address="192.0.2.77", reason=Reason.SPAM, expires_at=days_ago(40)),
        by=moderator,
    )
    Ban.objects.filter(pk=ban.pk).update(created_at=days_ago(47))

    housekeeping.clean_stale_rows()

    assert not Ban.objects.exists()
    assert not LogEntry.objects.filter(object_repr__contains="192.0.2.77").exists()


def test_bans_duplicates_and_report_counting_work_within_the_period(
    article, make_comment, moderator, settings, old_and_new
):
    housekeeping.clean_stale_rows()

    # The ban still stops its address.
    with pytest.raises(moderation.PosterBanned):
        moderation.submit(
            article=article,
            user_name="New name",
            body="Back again.",
            ip_address="192.0.2.66",
            user_agent="",
        )
    # A repeat of yesterday's comment is held as a duplicate.
    repeat = moderation.submit(
        article=article,
        user_name="Someone",
        body=old_and_new["recent"].body,
        ip_address="192.0.2.12",
        user_agent="",
    )
    assert repeat.hold_rule == HoldRule.DUPLICATE
    # A network whose reports were dismissed still does not count, after its
    # addresses are gone.
    settings.NEWSROOM_REPORTS_TO_HOLD = 1
    target = make_comment(article, body="Reported before.")
    moderation.report(comment=target, reason=Reason.SPAM, reporter_ip="203.0.113.9")
    moderation.approve([target], by=moderator)
    Report.objects.filter(comment=target).update(created_at=days_ago(31))
    housekeeping.clean_stale_rows()
    moderation.report(comment=target, reason=Reason.SPAM, reporter_ip="203.0.113.10")
    target.refresh_from_db()
    assert target.status == Status.PUBLISHED


def test_the_cron_command_says_what_it_forgot(capsys, old_and_new):
    call_command("clean_stale")

    assert "addresses forgotten: 4 rows cleaned." in capsys.readouterr().out


def test_the_privacy_page_says_what_is_kept_and_for_how_long(client, settings, article):
    settings.NEWSROOM_RETENTION_DAYS = 14
    settings.NEWSROOM_PRIVACY_CONTACT = "privacy@news.example"

    page = text_of(client.get("/privacy/"))

    assert "We keep them for 14 days" in page
    assert 'href="mailto:privacy@news.example"' in page
    assert 'href="/privacy/"' in text_of(client.get(article.get_absolute_url()))


# Legal requests


@pytest.fixture
def posters(article, make_comment, moderator):
    """Tomas, who posted from two addresses, was reported and banned; Ines,
    who reported him from her address and recommended his comment."""
    tomas = make_comment(
        article,
        user_name="Tomas",
        body="Tomas's first comment.",
        ip_address="192.0.2.40",
    )
    tomas_again = make_comment(
        article,
        user_name="Tomas",
        body='=HYPERLINK("http://evil.example")',
        ip_address="198.51.100.40",
    )
    ines = make_comment(
        article, user_name="Ines", body="Ines's own comment.", ip_address="192.0.2.50"
    )
    moderation.report(
        comment=tomas,
        reason=Reason.ILLEGAL,
        reporter_ip="192.0.2.50",
        explanation="Ines's words about why.",
    )
    moderation.recommend(tomas_again, ip_address="192.0.2.50", browser="c" * 32)
    moderation.remove([tomas], by=moderator, reason=Reason.ABUSIVE)
    moderation.ban_posters(
        [tomas_again], by=moderator, reason=Reason.ABUSIVE, expires_at=None
    )
    answer = make_comment(
        article, user_name="Ines", body="Ines answers.", parent=tomas_again
    )
    return {"tomas": [tomas, tomas_again], "ines": ines, "answer": answer}


def open_request(client, **subject) -> LegalRequest:
    response = client.post(
        f"{LEGAL}add/",
        {"user_name": "", "ip_address": "", "reference": "Letter 7"} | subject,
    )
    assert response.status_code == 302, text_of(response)
    return LegalRequest.objects.latest("pk")


def test_an_export_for_a_name_holds_everything_about_them_and_nothing_else(
    superuser_client, posters, moderator
):
    request = open_request(superuser_client, user_name="Tomas")
    summary = text_of(superuser_client.get(f"{LEGAL}{request.pk}/change/"))
    assert "Download JSON" in summary

    response = superuser_client.get(f"{LEGAL}{request.pk}/export/json/")

    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert {comment["text"] for comment in data["comments"]} == {
        "Tomas's first comment.",
        '=HYPERLINK("http://evil.example")',
    }
    assert {comment["ip_address"] for comment in data["comments"]} == {
        "192.0.2.40",
        "198.51.100.40",
    }
    assert [report["reason"] for report in data["reports_received"]] == ["illegal"]
    assert [ban["reason"] for ban in data["bans"]] == ["abusive"]
    actions = {event["action"] for event in data["history"]}
    assert {"removed", "banned"} <= actions
    exported = response.content.decode()
    for someone_else in ("Ines", "192.0.2.50", moderator.username):
        assert someone_else not in exported


def test_an_export_for_an_address_holds_what_was_done_from_it(
    superuser_client, posters
):
    request = open_request(superuser_client, ip_address="192.0.2.50")

    data = json.loads(superuser_client.get(f"{LEGAL}{request.pk}/export/json/").content)

    assert [comment["text"] for comment in data["comments"]] == ["Ines's own comment."]
    assert [report["explanation"] for report in data["reports_made"]] == [
        "Ines's words about why."
    ]
    assert len(data["recommendations"]) == 1
    assert data["bans"] == []
    assert "Tomas" not in json.dumps(data)


def test_the_csv_export_cannot_run_formulas(superuser_client, posters):
    request = open_request(superuser_client, user_name="Tomas")

    response = superuser_client.get(f"{LEGAL}{request.pk}/export/csv/")

    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    texts = {row["text"] for row in rows if row["record"] == "comments"}
    assert texts == {"Tomas's first comment.", '\'=HYPERLINK("http://evil.example")'}
    assert {row["record"] for row in rows} >= {"comments", "bans", "history"}


def test_only_superusers_answer_legal_requests(moderator_client, posters):
    request = LegalRequest.objects.create(user_name="Tomas")

    assert moderator_client.get(LEGAL).status_code == 403
    assert moderator_client.get(f"{LEGAL}{request.pk}/export/json/").status_code == 403


def test_an_erasure_leaves_no_trace_of_the_name_or_text_anywhere(
    client, superuser_client, posters, article
):
    tomas_comment = posters["tomas"][1]
    story = article.get_absolute_url()
    reader_pages = [
        story,
        f"/comments/{tomas_comment.pk}/thread/",
        "/forum/",
        f"/story/{article.slug}/comments/rss/",
        f"/story/{article.slug}/comments/atom/",
    ]
    for url in reader_pages:
        client.get(url)  # cached, where pages are cached
    assert "Tomas" in text_of(client.get(story))
    count_before = Comment.objects.published().filter(article=article).count()
    request = open_request(superuser_client, user_name="Tomas")

    confirm = superuser_client.get(f"{LEGAL}{request.pk}/erase/")
    assert "This cannot be undone." in text_of(confirm)
    superuser_client.post(f"{LEGAL}{request.pk}/erase/")

    for url in reader_pages:
        page = text_of(client.get(url))
        assert "Tomas" not in page, url
        assert "HYPERLINK" not in page, url
    page = text_of(client.get(story))
    assert "This comment was erased on request." in page
    assert "Ines answers." in page  # the replies under it stay
    article.refresh_from_db()
    assert article.comment_count == count_before - 1
    admin_pages = text_of(superuser_client.get("/admin/comments/comment/?queue=all"))
    assert "Tomas" not in admin_pages
    # The ban in force keeps his name in its own record; the comments' don't.
    assert not LogEntry.objects.filter(
        content_type__model="comment", object_repr__contains="Tomas"
    ).exists()
    erased = ModerationEvent.objects.filter(action=ModerationEvent.Action.ERASED)
    assert erased.count() == 2
    assert {event.moderator.username for event in erased} == {"chief"}
    request.refresh_from_db()
    assert (request.user_name, request.erased_comments) == ("", 2)
    assert request.erased_by.username == "chief"
    assert superuser_client.get(f"{LEGAL}{request.pk}/export/json/").status_code == 404


def test_an_erasure_keeps_a_ban_in_force(superuser_client, posters, article):
    request = open_request(superuser_client, user_name="Tomas")

    superuser_client.post(f"{LEGAL}{request.pk}/erase/")

    with pytest.raises(moderation.PosterBanned):
        moderation.submit(
            article=article,
            user_name="Tomas",
            body="I am back.",
            ip_address="203.0.113.1",
            user_agent="",
        )


def test_an_erased_comment_cannot_be_restored_or_undone(superuser_client, posters):
    chief = User.objects.get(username="chief")
    request = open_request(superuser_client, user_name="Tomas")
    superuser_client.post(f"{LEGAL}{request.pk}/erase/")
    erased = posters["tomas"]

    assert moderation.restore(erased, by=chief) == 0
    assert moderation.undo(erased[1], by=chief) == 0
    assert set(
        Comment.objects.filter(pk__in=[c.pk for c in erased]).values_list(
            "user_name", "body"
        )
    ) == {("(erased)", "")}


def test_readers_cannot_post_as_an_erased_poster(article):
    comment = moderation.submit(
        article=article,
        user_name="(erased)",
        body="Looks official.",
        ip_address="203.0.113.1",
        user_agent="",
    )

    assert comment.hold_rule == HoldRule.STAFF_NAME


def test_with_no_retention_uploads_and_sign_in_records_are_forgotten_too(
    settings,
    admin_client,
    client,
    moderator,
    article,
    django_capture_on_commit_callbacks,
):
    from axes.models import AccessAttempt, AccessLog
    from django.core.files.uploadedfile import SimpleUploadedFile

    from portability.models import ImportRun
    from portability.storage import private_storage

    export = Path(__file__).parent / "exports" / "disqus.xml"
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            "/admin/portability/importrun/add/",
            {
                "format": "disqus",
                "dry_run": "on",
                "export_file": SimpleUploadedFile("disqus.xml", export.read_bytes()),
            },
        )
    run = ImportRun.objects.get()
    assert private_storage().exists(run.stored_as)
    client.post(
        "/admin/login/",
        {"username": "mod", "password": "wrong"},
        REMOTE_ADDR="198.51.100.40",
        HTTP_USER_AGENT="Guessing browser",
    )
    assert AccessAttempt.objects.exists() and AccessLog.objects.exists()
    settings.NEWSROOM_RETENTION_DAYS = 0
    settings.AXES_COOLOFF_TIME = timedelta(0)

    housekeeping.clean_stale_rows()

    assert not private_storage().exists(run.stored_as)
    run.refresh_from_db()
    assert run.stored_as == "" and "Would import" in run.report
    assert not AccessAttempt.objects.exists()
    assert not AccessLog.objects.exists()
