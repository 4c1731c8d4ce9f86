"""The moderation workspace in a real browser: by keyboard alone, without
JavaScript, on a phone, and checked by axe."""

from datetime import timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.utils import timezone
from playwright.sync_api import expect

from comments.models import Ban, Comment, ModerationEvent, Reason, Report

from .conftest import (
    MARIA_PASSWORD,
    has_no_horizontal_scroll,
    open_settled,
    screenshot,
    serious_accessibility_violations,
    sign_in,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

Status = Comment.Status
WORKSPACE = "/admin/comments/comment/workspace/"


@pytest.fixture
def held_queue(article, make_comment):
    return [
        make_comment(
            article,
            status=Status.HELD,
            user_name=f"Reader {number:02d}",
            body=f"Comment {number:02d}: what I think of the sea wall.",
            ip_address=f"192.0.2.{number + 1}",
        )
        for number in range(50)
    ]


def sign_in_to_the_workspace(page, live_server) -> None:
    sign_in(page, live_server, "maria", MARIA_PASSWORD, then=WORKSPACE)
    expect(page.locator("h1")).to_have_text("Moderation workspace")


def test_fifty_held_comments_cleared_by_keyboard_alone(
    live_server, page, maria, held_queue, article
):
    sign_in_to_the_workspace(page, live_server)
    keys = 0
    # Approve most, remove some with each reason, ban one poster.
    plan = {3: "1", 7: "2", 11: "3", 19: "4", 23: "5", 31: "b"}
    for number in range(50):
        card = page.locator(f"#card-{held_queue[number].pk}")
        expect(card).to_be_focused()
        page.keyboard.press(plan.get(number, "a"))
        keys += 1
        expect(card).to_have_class("card decided")
    assert keys <= 60

    assert not Comment.objects.held().exists()
    assert Comment.objects.published().count() == 44
    removed = dict(Comment.objects.removed().values_list("user_name", "removal_reason"))
    assert removed == {
        "Reader 03": Reason.ABUSIVE,
        "Reader 07": Reason.RACIST,
        "Reader 11": Reason.OFF_TOPIC,
        "Reader 19": Reason.SPAM,
        "Reader 23": Reason.OTHER,
        "Reader 31": Reason.ABUSIVE,
    }
    assert Ban.objects.active().get().user_name == "Reader 31"
    decisions = ModerationEvent.objects.filter(moderator=maria)
    assert decisions.filter(action=ModerationEvent.Action.APPROVED).count() == 44
    assert decisions.filter(action=ModerationEvent.Action.REMOVED).count() == 6
    assert LogEntry.objects.filter(user=maria).count() >= 50
    story = page.context.new_page()
    open_settled(story, live_server.url + article.get_absolute_url())
    expect(story.locator("#comments-title")).to_have_text("44 comments")
    expect(story.locator("#comments")).not_to_contain_text("Comment 07")
    story.close()


def test_undo_and_help_by_keyboard(live_server, page, maria, held_queue):
    sign_in_to_the_workspace(page, live_server)
    first = page.locator(f"#card-{held_queue[0].pk}")
    expect(first).to_be_focused()

    page.keyboard.press("a")
    expect(first).to_have_class("card decided")
    page.keyboard.press("u")
    expect(first).to_have_class("card")
    expect(first).to_be_focused()
    expect(page.locator("[data-announce]")).to_have_text("Undone.")
    page.keyboard.press("?")
    expect(page.locator("[data-help-dialog]")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("[data-help-dialog]")).to_be_hidden()

    held_queue[0].refresh_from_db()
    assert held_queue[0].status == Status.HELD


def test_fifty_held_comments_cleared_without_javascript_by_clicks(
    live_server, open_page, maria, held_queue
):
    page = open_page(java_script_enabled=False)
    sign_in_to_the_workspace(page, live_server)
    buttons = {3: "Remove: Abusive", 7: "Remove: Spam", 31: "Ban 7 days"}

    for number, comment in enumerate(held_queue):
        card = page.locator(f"#card-{comment.pk}")
        card.get_by_role("button", name=buttons.get(number, "Approve")).click()
        if number < len(held_queue) - 1:
            assert page.url.endswith(f"#card-{held_queue[number + 1].pk}")

    expect(page.locator(".workspace-empty")).to_be_visible()
    assert not Comment.objects.held().exists()
    assert Comment.objects.removed().count() == 3
    assert Ban.objects.active().get().user_name == "Reader 31"


@pytest.fixture
def a_few_held(held_queue):
    """Five cards show every part of one; axe reads fifty slowly."""
    Comment.objects.exclude(pk__in=[comment.pk for comment in held_queue[:5]]).delete()
    return held_queue[:5]


@pytest.mark.parametrize("width", [360, 1280])
def test_the_workspace_dashboard_and_comment_page_fit_and_pass_axe(
    live_server, open_page, maria, a_few_held, width
):
    page = open_page(viewport={"width": width, "height": 900})
    sign_in_to_the_workspace(page, live_server)
    pages = {
        "workspace": WORKSPACE,
        "dashboard": "/admin/comments/comment/dashboard/",
        "comment": f"/admin/comments/comment/{a_few_held[0].pk}/change/",
    }

    for name, path in pages.items():
        page.goto(live_server.url + path)
        assert has_no_horizontal_scroll(page), name
        serious = serious_accessibility_violations(page)
        assert not serious, (name, serious)
        screenshot(page, f"{name}-{width}")


def test_a_moderator_decides_from_the_story_page(
    live_server, page, maria, article, make_comment, open_page
):
    held = make_comment(article, status=Status.HELD, body="Waiting on the story page")
    rude = make_comment(article, body="A rude remark on the story page")
    sign_in_to_the_workspace(page, live_server)

    page.goto(live_server.url + article.get_absolute_url())
    held_box = page.locator(".moderation-held")
    expect(held_box).to_contain_text("Waiting on the story page")
    held_box.get_by_role("button", name="Approve").click()
    expect(held_box.get_by_role("status")).to_have_text("Approved.")
    rude_comment = page.locator(f"#comment-{rude.pk}")
    rude_comment.get_by_label("Reason").select_option(label="Abusive")
    rude_comment.get_by_role("button", name="Remove").click()
    expect(rude_comment.get_by_role("status")).to_have_text("Removed as abusive.")

    held.refresh_from_db()
    rude.refresh_from_db()
    assert (held.status, rude.status) == (Status.PUBLISHED, Status.REMOVED)
    reader = open_page()
    open_settled(reader, live_server.url + article.get_absolute_url())
    expect(reader.locator("#comments")).to_contain_text("Waiting on the story page")
    expect(reader.locator("#comments")).not_to_contain_text("A rude remark")
    expect(reader.locator(".moderation-tools")).to_have_count(0)


def test_the_comments_list_shows_each_comments_state_at_1280_px_without_scrolling(
    live_server, open_page, maria, article, make_comment
):
    make_comment(article, body="A comment that stays up.")
    make_comment(
        article,
        status=Status.REMOVED,
        removal_reason=Reason.SPAM,
        body="Cheap watches, cheaper loans, and a very long line of text " * 3,
    )
    make_comment(article, status=Status.HELD, body="Waiting for a moderator.")
    page = open_page(viewport={"width": 1280, "height": 900})
    sign_in(page, live_server, "maria", MARIA_PASSWORD, then="/admin/comments/")
    page.goto(live_server.url + "/admin/comments/comment/?queue=all")

    results = page.locator("#changelist .results")
    assert results.evaluate("table => table.scrollWidth <= table.clientWidth")
    assert has_no_horizontal_scroll(page)
    removed = page.locator("tr", has_text="Cheap watches")
    expect(removed.locator(".status-badge")).to_have_text("Removed")
    expect(removed.locator(".status-badge")).to_be_in_viewport()
    expect(removed).to_contain_text("Spam")
    assert serious_accessibility_violations(page) == []
    screenshot(page, "comment-list-1280")


def test_the_header_agrees_with_the_cards_before_and_after_ten_decisions(
    live_server, page, maria, article, make_comment
):
    now = timezone.now()
    for number in range(12):
        make_comment(
            article,
            status=Status.HELD,
            user_name=f"Reader {number:02d}",
            body=f"Held comment {number:02d}.",
            created_at=now - timedelta(hours=3) + timedelta(minutes=number),
        )
    # Posted two days ago, reported ten minutes ago: it has waited ten
    # minutes, not two days.
    old = make_comment(
        article, body="Published long ago.", created_at=now - timedelta(days=2)
    )
    Report.objects.create(
        comment=old, reason=Reason.SPAM, created_at=now - timedelta(minutes=10)
    )
    sign_in_to_the_workspace(page, live_server)
    header = page.locator("[data-waiting]")
    open_cards = page.locator("[data-card]:not(.decided)")

    expect(header).to_have_text("13 comments wait; the oldest for 3\xa0hours.")
    expect(open_cards).to_have_count(13)
    expect(open_cards.first.locator(".card-meta")).to_contain_text("waiting 3\xa0hours")
    expect(page.locator(f"#card-{old.pk} .card-meta")).to_contain_text(
        "waiting 10\xa0minutes"
    )

    for _decision in range(10):
        expect(page.locator("[data-card]:focus")).to_have_count(1)
        card = page.locator("#" + page.evaluate("document.activeElement.id"))
        page.keyboard.press("a")
        expect(card).to_have_class("card decided")

    expect(header).to_have_text(
        "3 comments wait; the oldest for 2\xa0hours, 50\xa0minutes."
    )
    expect(open_cards).to_have_count(3)
    decided = page.locator("[data-card].decided").first
    expect(decided.get_by_role("button", name="Undo")).to_be_visible()
    screenshot(page, "workspace-decided-1280")
    assert decided.bounding_box()["height"] < 60  # folded to one line
    assert serious_accessibility_violations(page) == []

    page.keyboard.press("u")
    expect(header).to_have_text(
        "4 comments wait; the oldest for 2\xa0hours, 51\xa0minutes."
    )
    expect(open_cards).to_have_count(4)


def test_remove_then_ban_from_the_story_page_warns_of_a_shared_address(
    live_server, page, maria, article, make_comment
):
    rude = make_comment(
        article, user_name="Shouter", body="A rude remark.", ip_address="203.0.113.5"
    )
    make_comment(
        article, user_name="Neighbour", body="A kind one.", ip_address="203.0.113.5"
    )
    sign_in_to_the_workspace(page, live_server)
    page.goto(live_server.url + article.get_absolute_url())
    tools = page.locator(f"#comment-{rude.pk} .moderation-tools")
    clicks = 0

    tools.get_by_label("Reason").select_option(label="Abusive")
    tools.get_by_role("button", name="Remove").click()
    clicks += 2
    expect(tools.get_by_role("status")).to_have_text("Removed as abusive.")
    ban = tools.get_by_role("button", name="Ban 7 days")
    expect(ban).to_be_enabled()  # removing is half of it
    ban.click()
    clicks += 1
    warning = tools.locator(".ban-choice")
    expect(warning).to_contain_text(
        "1 other name posts from this address: Neighbour. "
        "Banning the address bans them too."
    )
    assert serious_accessibility_violations(page) == []
    tools.get_by_role("button", name="Ban the name only, 7 days").click()
    clicks += 1

    expect(tools.get_by_role("status")).to_have_text("The name is banned for 7 days.")
    assert clicks == 4
    ban_made = Ban.objects.active().get()
    assert (ban_made.user_name, ban_made.ip_address) == ("Shouter", None)
    assert ban_made.reason == Reason.ABUSIVE
    rude.refresh_from_db()
    assert rude.status == Status.REMOVED
