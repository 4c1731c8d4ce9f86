"""A reader edits or deletes their own comment in a browser: within the
window, from that browser, before a moderator decides; with and without
JavaScript."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from comments import moderation
from comments.models import Comment, ModerationEvent

from .conftest import screenshot, solve_captcha

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def post(page, live_server, article, body: str) -> Comment:
    page.goto(live_server.url + article.get_absolute_url())
    form = page.locator("#comment-form")
    form.get_by_label("User Name").fill("Lena")
    form.get_by_label("Your Comment").fill(body)
    expect(page.get_by_label("Enter the two words you see:")).to_be_visible()
    solve_captcha(page)
    form.get_by_role("button", name="Post comment").click()
    page.get_by_role("link", name="See your comment").click()
    expect(page.locator(".comment", has_text=body)).to_be_visible()
    return Comment.objects.get(body=body)


def test_a_reader_edits_within_the_window_and_nobody_else_can(
    live_server, page, open_page, article, maria
):
    comment = post(page, live_server, article, "The wall is overdue by ten yeras.")
    shown = page.locator(f"#comment-{comment.pk}")

    shown.get_by_role("link", name="Edit or delete").click()
    expect(page.locator("h1")).to_contain_text("Your comment on")
    screenshot(page, "edit-own-comment")
    page.get_by_label("Your Comment").fill("The wall is overdue by ten years.")
    page.get_by_role("button", name="Save changes").click()

    expect(page.locator(".messages")).to_have_text("Your comment is changed.")
    expect(shown.locator(".comment-body")).to_have_text(
        "The wall is overdue by ten years."
    )
    expect(shown.locator(".comment-edited")).to_have_text("edited")
    step = comment.history.get(action=ModerationEvent.Action.EDITED)
    assert step.previous_body == "The wall is overdue by ten yeras."

    # Another browser, even with the address, cannot.
    stranger = open_page()
    stranger.goto(f"{live_server.url}/comments/{comment.pk}/edit/")
    expect(stranger.get_by_role("alert")).to_contain_text(
        "only from the browser that posted it"
    )
    expect(stranger.get_by_role("button", name="Save changes")).to_have_count(0)

    # Past the window, the poster cannot either.
    posted_at = comment.created_at
    Comment.objects.filter(pk=comment.pk).update(
        created_at=posted_at - timedelta(minutes=16)
    )
    page.goto(f"{live_server.url}/comments/{comment.pk}/edit/")
    expect(page.get_by_role("alert")).to_contain_text("have passed")
    expect(page.get_by_role("button", name="Delete my comment")).to_have_count(0)

    # Within it again, but a moderator has decided.
    Comment.objects.filter(pk=comment.pk).update(created_at=posted_at)
    moderation.pick([comment], by=maria)
    page.goto(f"{live_server.url}/comments/{comment.pk}/edit/")
    expect(page.get_by_role("alert")).to_contain_text(
        "A moderator has decided on this comment"
    )
    comment.refresh_from_db()
    assert comment.body == "The wall is overdue by ten years."


def test_without_javascript_a_reader_finds_the_edit_page_and_deletes(
    live_server, open_page, article
):
    page = open_page(java_script_enabled=False)
    page.goto(f"{live_server.url}{article.get_absolute_url()}comment/")
    page.get_by_label("User Name").fill("Lena")
    page.get_by_label("Your Comment").fill("Posted in haste.")
    solve_captcha(page)
    page.get_by_role("button", name="Post comment").click()

    page.get_by_role("link", name="edit or delete your comment").click()
    page.get_by_role("button", name="Delete my comment").click()

    expect(page.locator(".messages")).to_have_text("Your comment is deleted.")
    expect(page.locator("#comments")).not_to_contain_text("Posted in haste.")
    assert not Comment.objects.exists()
