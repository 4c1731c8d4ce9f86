import re
from datetime import timedelta
from html import unescape

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, User
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from comments import moderation
from comments.models import (
    Ban,
    Comment,
    HoldRule,
    ModerationEvent,
    Reason,
    Report,
)

pytestmark = pytest.mark.django_db

URL = "/admin/comments/comment/workspace/"
DECIDE = "/admin/comments/comment/workspace/decide/"
Status = Comment.Status


@pytest.fixture
def held(article, make_comment):
    return [
        make_comment(
            article,
            status=Status.HELD,
            user_name=f"Poster {number}",
            body=f"Held comment number {number}",
            ip_address=f"192.0.2.{number + 10}",
        )
        for number in range(3)
    ]


def test_cards_come_oldest_first_with_the_whole_text(moderator_client, held):
    page = unescape(moderator_client.get(URL).content.decode())

    positions = [page.index(f"Held comment number {n}") for n in range(3)]
    assert positions == sorted(positions)
    assert "3 comments wait" in page


def test_the_word_that_held_a_comment_is_marked(
    moderator_client, article, make_comment
):
    make_comment(
        article,
        status=Status.HELD,
        hold_rule=HoldRule.BANNED_WORD,
        hold_detail="spam",
        body="Cheap s p a m & more <b>here</b>",
    )

    page = moderator_client.get(URL).content.decode()

    assert "<mark>s p a m</mark> &amp; more &lt;b&gt;here&lt;/b&gt;" in page


def test_the_poster_s_history_is_on_the_card(moderator_client, article, make_comment):
    for name in ["Anna", "Bea", "Cleo"]:
        make_comment(article, user_name=name, ip_address="192.0.2.99")
    make_comment(
        article,
        user_name="Anna",
        ip_address="192.0.2.99",
        status=Status.REMOVED,
        removal_reason=Reason.RACIST,
    )
    make_comment(article, user_name="Anna", ip_address="192.0.2.99", status=Status.HELD)

    page = unescape(moderator_client.get(URL).content.decode())

    assert "This name: 1 published, 1 removed" in page
    assert "2 other names from this address" in page
    assert "<bdi>Bea</bdi>, <bdi>Cleo</bdi>" in page
    assert "Last removed as" in page and "Racist" in page


def test_a_page_of_cards_costs_the_same_queries_however_long_the_histories(
    moderator_client, article, make_comment
):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert moderator_client.get(URL).status_code == 200
        return len(captured)

    make_comment(article, status=Status.HELD, user_name="Solo")
    few = queries()
    for number in range(30):
        make_comment(
            article,
            status=Status.HELD,
            user_name=f"Poster {number % 7}",
            ip_address=f"192.0.2.{number % 5}",
        )
        make_comment(article, user_name=f"Poster {number % 7}")

    assert queries() == few


def test_deciding_in_place_answers_json_and_records_everything(
    moderator_client, moderator, held, article
):
    first = held[0]
    response = moderator_client.post(
        DECIDE,
        {"comment": first.pk, "decision": "approve"},
        HTTP_ACCEPT="application/json",
    )

    assert response.json() == {
        "message": "Approved.",
        "done": True,
        "decided": True,
        # What the workspace's header says now.
        "waiting": f"{len(held) - 1} comments wait; the oldest for 0\xa0minutes.",
    }
    first.refresh_from_db()
    assert first.status == Status.PUBLISHED
    assert first.history.last().moderator == moderator
    assert LogEntry.objects.filter(object_id=str(first.pk)).exists()
    assert (
        "Held comment number 0"
        in moderator_client.get(article.get_absolute_url()).content.decode()
    )


def test_without_javascript_a_decision_returns_to_the_next_card(moderator_client, held):
    response = moderator_client.post(
        DECIDE,
        {
            "comment": held[0].pk,
            "decision": "remove:spam",
            "next": held[1].pk,
            "query": "queue=held",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == f"{URL}?queue=held#card-{held[1].pk}"
    held[0].refresh_from_db()
    assert (held[0].status, held[0].removal_reason) == (Status.REMOVED, Reason.SPAM)
    assert held[0].history.last().action == ModerationEvent.Action.REMOVED


def test_ban_removes_the_comment_and_bans_its_poster(moderator_client, held):
    moderator_client.post(DECIDE, {"comment": held[2].pk, "decision": "ban"})

    held[2].refresh_from_db()
    ban = Ban.objects.get()
    assert held[2].status == Status.REMOVED
    assert (ban.user_name, ban.ip_address) == ("Poster 2", "192.0.2.12")
    assert ban.is_active


def test_undo_puts_a_decision_back(moderator_client, held):
    moderator_client.post(DECIDE, {"comment": held[0].pk, "decision": "ban"})

    response = moderator_client.post(
        DECIDE,
        {"comment": held[0].pk, "decision": "undo"},
        HTTP_ACCEPT="application/json",
    )

    assert response.json()["done"]
    held[0].refresh_from_db()
    assert held[0].status == Status.HELD
    assert not Ban.objects.active().exists()


def test_an_editor_cannot_see_or_use_the_workspace(client, held):
    editor = User.objects.create_user("ed", password="x", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)

    assert client.get(URL).status_code == 403
    assert (
        client.post(DECIDE, {"comment": held[0].pk, "decision": "approve"}).status_code
        == 403
    )
    held[0].refresh_from_db()
    assert held[0].status == Status.HELD


def test_the_queue_links_to_the_workspace(moderator_client):
    page = moderator_client.get("/admin/comments/comment/").content.decode()

    assert f'href="{URL}"' in page


def test_nothing_waiting_says_so(moderator_client):
    page = moderator_client.get(URL).content.decode()

    assert "Nothing waits." in page


def test_decisions_keep_moderation_rules(moderator_client, held, moderator):
    moderation.remove([held[1]], by=moderator, reason=Reason.OTHER)

    response = moderator_client.post(
        DECIDE,
        {"comment": held[1].pk, "decision": "approve"},
        HTTP_ACCEPT="application/json",
    )

    assert response.json()["done"] is False
    held[1].refresh_from_db()
    assert held[1].status == Status.REMOVED


def test_the_admin_front_page_says_what_waits(moderator_client, held):
    page = unescape(moderator_client.get("/admin/").content.decode())

    assert "3 comments need attention" in page
    assert "Harbour towns raise their sea wall" in page
    assert f'href="{URL}?story={held[0].article_id}"' in page


def test_editors_front_page_has_no_queue(client):
    editor = User.objects.create_user("ed", password="x", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)

    assert "Waiting for a moderator" not in client.get("/admin/").content.decode()


def test_watching_a_poster_from_a_card_leaves_the_comment_waiting(
    moderator_client, held
):
    response = moderator_client.post(
        DECIDE,
        {"comment": held[0].pk, "decision": "watch"},
        HTTP_ACCEPT="application/json",
    )

    assert response.json()["decided"] is False
    held[0].refresh_from_db()
    assert held[0].status == Status.HELD
    page = unescape(moderator_client.get(URL).content.decode())
    assert "<strong>Watched</strong>" in page


def test_a_comment_s_own_page_decides_and_moves_to_the_next(moderator_client, held):
    page = moderator_client.get(f"/admin/comments/comment/{held[0].pk}/change/")
    assert "Approve and next" in page.content.decode()

    response = moderator_client.post(
        DECIDE, {"comment": held[0].pk, "decision": "approve", "then": "next-comment"}
    )

    assert response["Location"] == f"/admin/comments/comment/{held[1].pk}/change/"
    held[0].refresh_from_db()
    assert held[0].status == Status.PUBLISHED


def test_the_dashboard_counts_what_came_in_and_what_was_decided(
    moderator_client, moderator, held
):
    moderation.remove(held[:2], by=moderator, reason=Reason.SPAM)
    moderation.approve(held[2:], by=moderator)

    response = moderator_client.get("/admin/comments/comment/dashboard/")

    page = unescape(response.content.decode())
    assert response.status_code == 200
    # Each bar in sight with its label and value, no disclosure to open.
    bar = r'<th scope="row">{}</th>\s*<td class="chart-bar-column">.*?width="{}".*?</td>\s*<td class="chart-value">{}</td>'
    assert re.search(bar.format("Spam", "100.0", 2), page, re.DOTALL)
    assert re.search(bar.format("Abusive", "0.0", 0), page, re.DOTALL)
    assert re.search(bar.format("mod", "100.0", 3), page, re.DOTALL)
    assert "<details" not in page.split('id="content"')[1]
    assert "(median) for a decision" in page
    assert "<svg" in page and "<script" not in page.split('id="content"')[1]


def test_an_editor_cannot_see_the_dashboard(client):
    editor = User.objects.create_user("ed", password="x", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)

    assert client.get("/admin/comments/comment/dashboard/").status_code == 403


def test_a_comment_s_own_page_shows_its_poster_s_history(
    moderator_client, article, make_comment
):
    make_comment(article, user_name="Anna", ip_address="192.0.2.99")
    held = make_comment(
        article, user_name="Anna", ip_address="192.0.2.99", status=Status.HELD
    )

    page = unescape(
        moderator_client.get(
            f"/admin/comments/comment/{held.pk}/change/"
        ).content.decode()
    )

    assert "This name: 1 published, 0 removed" in page


def test_a_held_reply_s_card_shows_what_it_answers(
    moderator_client, article, make_comment
):
    answered = make_comment(article, user_name="Mara", body="The wall is too low.")
    make_comment(
        article,
        status=Comment.Status.HELD,
        parent=answered,
        reply_to=answered,
        body="A reply waiting for a moderator.",
    )

    page = moderator_client.get("/admin/comments/comment/workspace/").content.decode()

    assert "In reply to Mara:" in page
    assert "The wall is too low." in page


def test_a_ban_from_a_card_is_taken_whole_or_not_at_all(
    moderator, article, make_comment, monkeypatch
):
    comment = make_comment(article)

    def disk_full(*args, **kwargs):
        raise DatabaseError("could not extend file")

    monkeypatch.setattr(moderation.posters, "ban_posters", disk_full)

    with pytest.raises(DatabaseError):
        moderation.take(moderation.Decision.BAN, comment, by=moderator)

    comment.refresh_from_db()
    assert comment.status == Comment.Status.PUBLISHED
    assert not comment.history.exists()


def test_every_page_counts_a_reported_comment_s_wait_from_its_first_report(
    moderator_client, article, make_comment
):
    now = timezone.now()
    old = make_comment(
        article, body="Posted long ago.", created_at=now - timedelta(days=2)
    )
    Report.objects.create(
        comment=old, reason=Reason.SPAM, created_at=now - timedelta(minutes=10)
    )
    pages = {
        "front page": ("/admin/", "the oldest has waited 10\xa0minutes"),
        "dashboard": (
            "/admin/comments/comment/dashboard/",
            "The oldest comment waiting has waited 10\xa0minutes",
        ),
        "workspace": (URL, "the oldest for 10\xa0minutes"),
    }
    for name, (address, says) in pages.items():
        page = unescape(moderator_client.get(address).content.decode())
        assert says in page, name
        assert "2\xa0days" not in page, name


def test_a_ban_takes_the_reason_given_and_may_spare_a_shared_address(
    moderator_client, article, make_comment
):
    shouter = make_comment(article, user_name="Shouter", ip_address="203.0.113.5")
    make_comment(article, user_name="Neighbour", ip_address="203.0.113.5")

    response = moderator_client.post(
        DECIDE,
        {"comment": shouter.pk, "decision": "ban_name:spam"},
        HTTP_ACCEPT="application/json",
    )

    assert response.json()["message"] == (
        "Removed as spam, and the name banned for 7 days."
    )
    shouter.refresh_from_db()
    assert (shouter.status, shouter.removal_reason) == (Status.REMOVED, Reason.SPAM)
    ban = Ban.objects.get()
    assert (ban.user_name, ban.ip_address, ban.reason) == ("Shouter", None, "spam")
    for nonsense in ("approve:spam", "ban:nonsense", "ban_name:"):
        refused = moderator_client.post(
            DECIDE, {"comment": shouter.pk, "decision": nonsense}
        )
        assert refused.status_code == 400, nonsense


def test_a_card_offers_to_ban_the_name_only_when_others_share_the_address(
    moderator_client, article, make_comment
):
    make_comment(article, status=Status.HELD, user_name="A", ip_address="203.0.113.5")
    make_comment(article, user_name="B", ip_address="203.0.113.5")
    make_comment(article, status=Status.HELD, user_name="C", ip_address="203.0.113.9")

    page = unescape(moderator_client.get(URL).content.decode())

    assert page.count("Ban the name only, 7 days") == 1
    assert "1 other name posts from this address: Ban bans it too." in page
