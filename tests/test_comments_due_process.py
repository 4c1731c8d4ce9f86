"""Reports that cannot be weaponised, notices of illegal content, and the
reason a removed comment leaves in its place."""

from datetime import timedelta
from html import unescape

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import User
from django.utils import timezone

from comments import moderation
from comments.models import (
    Comment,
    CommentSettings,
    HoldRule,
    PosterStanding,
    Reason,
    Report,
    ReportOutcome,
    Standing,
)

from .support import text_of

pytestmark = pytest.mark.django_db

Status = Comment.Status
# Three addresses in one /24: one household, office or script.
ONE_NETWORK = ("203.0.113.5", "203.0.113.77", "203.0.113.200")
# Three addresses in three networks: three readers.
THREE_NETWORKS = ("203.0.113.5", "198.51.100.7", "192.0.2.99")


def page_of(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return unescape(response.content.decode())


def report_from(comment: Comment, addresses, reason=Reason.ABUSIVE) -> None:
    for address in addresses:
        moderation.report(comment=comment, reason=reason, reporter_ip=address)
    comment.refresh_from_db()


@pytest.fixture(autouse=True)
def three_networks_hold(settings):
    settings.NEWSROOM_REPORTS_TO_HOLD = 3


def test_three_reports_from_one_network_do_not_hold_a_comment(article, make_comment):
    comment = make_comment(article)

    report_from(comment, ONE_NETWORK)

    assert comment.status == Status.PUBLISHED
    assert comment.reports.count() == 3  # each still reaches the moderators
    assert list(Comment.objects.reported()) == [comment]


def test_reports_from_three_networks_hold_a_comment(article, make_comment):
    comment = make_comment(article)

    report_from(comment, THREE_NETWORKS)

    assert (comment.status, comment.hold_rule) == (Status.HELD, HoldRule.REPORTS)


def test_ipv6_reports_count_per_48(article, make_comment):
    comment = make_comment(article)

    report_from(comment, ["2001:db8:1:1::1", "2001:db8:1:ffff::2", "2001:db8:1::3"])
    assert comment.status == Status.PUBLISHED

    report_from(comment, ["2001:db8:2::1", "2001:db8:3::1"])
    assert comment.status == Status.HELD


def test_a_dismissed_comment_is_not_held_again_by_the_same_reporters(
    article, make_comment, moderator
):
    comment = make_comment(article)
    report_from(comment, THREE_NETWORKS)
    assert comment.status == Status.HELD

    moderation.approve([comment], by=moderator)
    assert set(comment.reports.values_list("outcome", flat=True)) == {
        ReportOutcome.DISMISSED
    }

    # The same readers, from neighbouring addresses of the same networks.
    report_from(comment, ["203.0.113.6", "198.51.100.8", "192.0.2.100"])
    assert comment.status == Status.PUBLISHED

    # Readers from new networks can still bring it back.
    report_from(comment, ["100.64.1.1", "100.65.1.1", "100.66.1.1"])
    assert comment.status == Status.HELD


def test_a_staff_member_s_comment_is_never_held_by_reports(article, make_comment):
    journalist = User.objects.create_user("writer", is_staff=True)
    comment = make_comment(
        article, user_name="Mara Ellison", author=journalist, voice="staff"
    )

    report_from(comment, [f"10.{number}.0.1" for number in range(10)])

    assert comment.status == Status.PUBLISHED
    assert list(Comment.objects.reported()) == [comment]  # a moderator reads them


def test_a_trusted_poster_s_comment_is_never_held_by_reports(
    article, make_comment, moderator
):
    comment = make_comment(article, user_name="Regular", ip_address="192.0.2.30")
    moderation.trust([comment], by=moderator)

    report_from(comment, THREE_NETWORKS)

    assert comment.status == Status.PUBLISHED


def test_when_trust_ends_reports_hold_again(article, make_comment, moderator):
    comment = make_comment(article, user_name="Regular", ip_address="192.0.2.30")
    [trust] = moderation.trust([comment], by=moderator)
    moderation.lift_standings([trust], by=moderator)

    report_from(comment, THREE_NETWORKS)

    assert comment.status == Status.HELD
    assert PosterStanding.objects.filter(standing=Standing.TRUSTED).exists()


def test_reports_are_limited_per_address(client, article, make_comment, flood_limit):
    flood_limit("reports", per_hour=2)
    comments = [make_comment(article, body=f"Comment {n}") for n in range(3)]

    statuses = [
        client.post(
            f"/comments/{comment.pk}/report/",
            {"reason": "spam"},
            REMOTE_ADDR="198.51.100.3",
        ).status_code
        for comment in comments
    ]

    assert statuses == [302, 302, 429]
    assert Report.objects.count() == 2


def test_a_repeated_report_does_not_use_up_the_limit(
    client, article, make_comment, flood_limit
):
    flood_limit("reports", per_hour=2)
    first, second = make_comment(article), make_comment(article)
    url = f"/comments/{first.pk}/report/"

    for _ in range(3):
        client.post(url, {"reason": "spam"}, REMOTE_ADDR="198.51.100.3")
    response = client.post(
        f"/comments/{second.pk}/report/", {"reason": "spam"}, REMOTE_ADDR="198.51.100.3"
    )

    assert response.status_code == 302
    assert Report.objects.count() == 2


# Who reports


def test_the_admin_shows_who_reports_most_and_how_often_they_were_upheld(
    moderator_client, article, make_comment, moderator
):
    kept, removed = make_comment(article), make_comment(article)
    serial = "198.51.100.66"
    for comment in (kept, removed):
        moderation.report(comment=comment, reason=Reason.SPAM, reporter_ip=serial)
    moderation.report(comment=kept, reason=Reason.SPAM, reporter_ip="192.0.2.8")
    moderation.approve([kept], by=moderator)
    moderation.remove([removed], by=moderator, reason=Reason.SPAM)

    page = page_of(moderator_client, "/admin/comments/report/reporters/")

    rows = page.split("<tr>")
    serial_row = next(row for row in rows if serial in row)
    cells = [cell.split("</td>")[0] for cell in serial_row.split("<td>")[1:]]
    # Address, network, reports, upheld, dismissed, waiting, upheld share.
    assert cells[1:7] == ["198.51.100.0/24", "2", "1", "1", "0", "50%"]
    assert page.index(serial) < page.index("192.0.2.8")  # most reports first


def test_only_moderators_see_who_reports(client, make_comment, article):
    editor = User.objects.create_user("editor", is_staff=True)
    client.force_login(editor)

    response = client.get("/admin/comments/report/reporters/")

    assert response.status_code == 403


# Notices of illegal content


def test_an_illegal_content_notice_needs_an_explanation_and_good_faith(
    client, article, make_comment
):
    comment = make_comment(article)
    url = f"/comments/{comment.pk}/report/"

    refused = client.post(url, {"reason": "illegal", "explanation": "It is bad."})

    assert refused.status_code == 400
    assert "Please confirm that you give this notice in good faith." in text_of(refused)
    assert "It is bad." in text_of(refused)  # what the reader wrote stays
    refused = client.post(url, {"reason": "illegal", "good_faith": "on"})
    assert "Please explain why the comment is illegal." in text_of(refused)
    assert not Report.objects.exists()


def test_an_illegal_content_notice_waits_in_its_own_queue_with_its_age(
    client, moderator_client, article, make_comment
):
    comment = make_comment(article, body="A claim about a named neighbour.")
    ordinary = make_comment(article, body="Just rude.")
    client.post(f"/comments/{ordinary.pk}/report/", {"reason": "abusive"})
    response = client.post(
        f"/comments/{comment.pk}/report/",
        {
            "reason": "illegal",
            "explanation": "It accuses my neighbour of a crime: defamation.",
            "good_faith": "on",
        },
        follow=True,
    )
    assert "Thank you for your notice." in text_of(response)
    Report.objects.filter(reason=Reason.ILLEGAL).update(
        created_at=timezone.now() - timedelta(hours=5)
    )

    queue = page_of(moderator_client, "/admin/comments/illegalcontentnotice/")

    assert "It accuses my neighbour of a crime: defamation." in queue
    assert "5\xa0hours" in queue
    assert "Just rude." not in queue
    front = page_of(moderator_client, "/admin/")
    assert "1 notice of illegal content waits, for 5\xa0hours." in front
    # The workspace card shows the reader's explanation beside the comment.
    card = page_of(moderator_client, "/admin/comments/comment/workspace/")
    assert "It accuses my neighbour of a crime: defamation." in card


def test_a_moderator_removes_a_noticed_comment_as_illegal(
    client, moderator_client, article, make_comment
):
    comment = make_comment(article, body="A claim about a named neighbour.")
    client.post(
        f"/comments/{comment.pk}/report/",
        {"reason": "illegal", "explanation": "Defamation.", "good_faith": "on"},
    )
    notice = Report.objects.get()

    moderator_client.post(
        "/admin/comments/illegalcontentnotice/",
        {"action": "remove_as_illegal", ACTION_CHECKBOX_NAME: [notice.pk]},
    )

    comment.refresh_from_db()
    assert (comment.status, comment.removal_reason) == (Status.REMOVED, "illegal")
    notice.refresh_from_db()
    assert notice.outcome == ReportOutcome.UPHELD
    page = page_of(client, article.get_absolute_url())
    assert "A claim about a named neighbour." not in page
    assert 'Reason: <a href="/community-rules/#illegal">Illegal content</a>.' in page


# Statement of reasons


def test_a_removed_comment_states_its_reason_in_place_with_a_link_to_the_rules(
    client, article, make_comment, moderator
):
    before = make_comment(article, body="Before it.")
    removed = make_comment(article, body="Buy cheap watches here.")
    after = make_comment(article, body="After it.")
    moderation.remove([removed], by=moderator, reason=Reason.SPAM)

    page = page_of(client, article.get_absolute_url())

    assert "Buy cheap watches here." not in page
    line = (
        "This comment was removed by a moderator. Reason: "
        '<a href="/community-rules/#spam">Spam</a>.'
    )
    assert line in page
    # In its place: between the comments posted around it.
    assert page.index(after.body) < page.index(line) < page.index(before.body)
    rules = page_of(client, "/community-rules/")
    for reason in Reason:
        assert f'id="{reason.value}"' in rules


def test_a_removed_reply_states_its_reason_in_its_thread(
    client, article, make_comment, moderator
):
    top = make_comment(article, body="The thread.")
    reply = make_comment(article, body="An abusive reply.", parent=top, reply_to=top)
    moderation.remove([reply], by=moderator, reason=Reason.ABUSIVE)

    page = page_of(client, article.get_absolute_url())

    assert "An abusive reply." not in page
    assert f'<article class="comment comment-gone reply" id="comment-{reply.pk}">' in (
        page
    )
    assert '<a href="/community-rules/#abusive">Abusive</a>' in page


def test_turning_the_statement_off_hides_removed_comments(
    client, article, make_comment, moderator
):
    removed = make_comment(article, body="Buy cheap watches here.")
    moderation.remove([removed], by=moderator, reason=Reason.SPAM)
    client.get(article.get_absolute_url())  # cached with the line

    moderation.change_settings(CommentSettings(pk=1, state_removal_reasons=False))

    page = page_of(client, article.get_absolute_url())
    assert "This comment was removed" not in page
    assert "No comments yet." in page


def test_the_switch_is_in_the_admin(moderator_client):
    response = moderator_client.get("/admin/comments/commentsettings/", follow=True)

    assert "State reasons for removals" in text_of(response)


def test_more_replies_counts_the_lines_of_removed_replies(
    client, article, make_comment, moderator
):
    top = make_comment(article, body="The thread.")
    replies = [
        make_comment(article, body=f"Reply {n}.", parent=top, reply_to=top)
        for n in range(5)
    ]
    moderation.remove(replies[:1], by=moderator, reason=Reason.SPAM)

    page = page_of(client, article.get_absolute_url())

    assert "Show 2 more replies" in page
    thread = page_of(client, f"/comments/{top.pk}/thread/")
    assert thread.count('class="comment comment-gone reply"') == 1
    assert all(reply.body in thread for reply in replies[1:])


def test_a_comment_held_meanwhile_still_takes_notices_but_hides_its_text(
    client, article, make_comment
):
    # Readers' reports took it off the page after this reader's page was served.
    comment = make_comment(
        article, body="Held words.", status=Status.HELD, hold_rule=HoldRule.REPORTS
    )
    url = f"/comments/{comment.pk}/report/"

    form = text_of(client.get(url))
    response = client.post(
        url,
        {"reason": "illegal", "explanation": "A threat.", "good_faith": "on"},
        follow=True,
    )

    assert "Held words." not in form
    assert "already waiting for a moderator" in form
    assert "Thank you for your notice." in text_of(response)
    assert comment.reports.get().reason == Reason.ILLEGAL


def test_a_removed_comment_takes_no_reports(client, article, make_comment):
    comment = make_comment(article, status=Status.REMOVED)

    response = client.post(f"/comments/{comment.pk}/report/", {"reason": "spam"})

    assert response.status_code == 404
    assert not Report.objects.exists()


def test_a_huge_explanation_is_refused_with_a_message(client, article, make_comment):
    comment = make_comment(article)

    response = client.post(
        f"/comments/{comment.pk}/report/",
        {"reason": "illegal", "explanation": "x" * 1_000_000, "good_faith": "on"},
    )

    assert response.status_code == 400
    assert "Please keep your explanation to 2000 characters" in text_of(response)
    assert not Report.objects.exists()


def test_a_comment_never_shown_cannot_be_reported_or_found_by_its_id(
    client, article, make_comment
):
    waiting = make_comment(article, status=Status.HELD)
    held_by_readers = make_comment(
        article, status=Status.HELD, hold_rule=HoldRule.REPORTS
    )
    report = {"reason": "spam", "explanation": ""}

    assert client.get(f"/comments/{waiting.pk}/report/").status_code == 404
    assert client.post(f"/comments/{waiting.pk}/report/", report).status_code == 404
    assert client.get(f"/comments/{waiting.pk}/").status_code == 404
    assert not waiting.reports.exists()
    # Readers took this one off the page: a notice still reaches moderators.
    assert client.get(f"/comments/{held_by_readers.pk}/report/").status_code == 200
