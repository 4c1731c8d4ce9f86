import pytest
from playwright.sync_api import expect

from comments import moderation
from comments.models import Ban, Comment

from .conftest import MARIA_PASSWORD, open_settled, sign_in, solve_captcha

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def run_action(page, label: str) -> None:
    page.locator("select[name$='action']").select_option(label=label)
    page.get_by_role("button", name="Run").click()


def select_row(page, text: str) -> None:
    page.locator("#result_list tr", has_text=text).locator(
        "input.action-select"
    ).check()


def test_a_moderators_working_session(live_server, page, open_page, article, maria):
    article.premoderated = True
    article.save()
    moderation.submit(
        article=article,
        user_name="Patient Pat",
        body="Waiting politely for approval.",
        ip_address="192.0.2.5",
        user_agent="",
    )
    article.premoderated = False
    article.save()
    Comment.objects.create(
        article=article,
        user_name="Bigot",
        body="A hateful remark about neighbours.",
        ip_address="127.0.0.1",
    )
    moderation.recount_comments([article])
    story = live_server.url + article.get_absolute_url()

    # Log in and land on what needs attention.
    sign_in(page, live_server, "maria", MARIA_PASSWORD)
    page.locator("a[href='/admin/comments/comment/']").first.click()
    expect(page.locator("#result_list")).to_contain_text("Waiting politely")
    expect(page.locator("#result_list")).not_to_contain_text("hateful remark")
    expect(page.locator("#result_list")).to_contain_text("Pre-moderation")

    # Approve the held comment.
    select_row(page, "Waiting politely")
    run_action(page, "Approve (publish, or keep and dismiss the reports)")
    expect(page.locator(".messagelist")).to_contain_text("Approved 1 comment.")
    # Signed in, the story page fetches the moderation tools: let it finish.
    open_settled(page, story)
    expect(page.locator("#comments")).to_contain_text("Waiting politely")
    expect(page.locator("#comments-title")).to_have_text("2 comments")

    # Remove the racist one: gone from the page and its count.
    page.goto(live_server.url + "/admin/comments/comment/?queue=all")
    select_row(page, "hateful remark")
    run_action(page, "Remove as racist")
    expect(page.locator(".messagelist")).to_contain_text("Removed 1 comment as racist.")
    open_settled(page, story)
    expect(page.locator("#comments")).not_to_contain_text("hateful remark")
    expect(page.locator("#comments-title")).to_have_text("1 comment")

    # A mistake: restore it.
    page.goto(live_server.url + "/admin/comments/comment/?queue=all")
    select_row(page, "hateful remark")
    run_action(page, "Restore removed comments")
    expect(page.locator(".messagelist")).to_contain_text("Restored 1 comment.")

    # Ban its poster from the comment's own page.
    page.locator("#result_list a", has_text="Bigot").click()
    expect(page.locator("body")).to_contain_text("Removed")
    expect(page.locator("body")).to_contain_text("Restored")
    run_action(page, "Ban the posters of these comments")
    page.get_by_label("Ban for").select_option(label="7 days")
    page.get_by_label("Reason").select_option(label="Racist")
    page.get_by_role("button", name="Ban").click()
    expect(page.locator(".messagelist")).to_contain_text("Banned 1 poster.")
    assert Ban.objects.active().filter(ip_address="127.0.0.1").exists()

    # The poster's next attempt is refused, and keeps their text.
    reader = open_page()
    reader.goto(story)
    reader.get_by_label("User Name").fill("Bigot again")
    reader.get_by_label("Your Comment").fill("Trying once more.")
    solve_captcha(reader)
    reader.get_by_role("button", name="Post comment").click()
    expect(reader.locator("[data-form-result]")).to_contain_text(
        "a moderator has banned this address, user name or confirmed e-mail"
    )
    expect(reader.get_by_label("Your Comment")).to_have_value("Trying once more.")
    reader.close()

    # Close the story's comments.
    page.goto(live_server.url + "/admin/articles/article/")
    page.locator("#result_list tr", has_text=article.headline).locator(
        "input.action-select"
    ).check()
    run_action(page, "Close comments")
    expect(page.locator(".messagelist")).to_contain_text("Closed comments on 1 story.")
    open_settled(page, story)
    expect(page.locator("#comments")).to_contain_text(
        "Comments on this story are closed."
    )
    expect(page.locator("form.comment-form")).to_have_count(0)
