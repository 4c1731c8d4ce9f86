"""A reader's own comments in a browser: edited or deleted within the
window, from that browser, before a moderator decides, with and without
JavaScript; and replies to them followed by e-mail."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import expect

from comments import moderation
from comments.models import Comment, ModerationEvent
from following import mail
from following.models import Follow

from .conftest import open_settled, screenshot, solve_captcha

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


def test_a_reader_follows_replies_confirms_hears_of_one_and_stops(
    live_server, page, open_page, article, mailoutbox, settings, flood_limit
):
    settings.NEWSROOM_SITE_URL = live_server.url  # what the mails link to
    flood_limit("comments")  # two readers, one address here
    page.goto(live_server.url + article.get_absolute_url())
    form = page.locator("#comment-form")
    form.get_by_label("User Name").fill("Lena")
    form.get_by_label("Your Comment").fill("Will the wall hold a spring tide?")
    expect(form.get_by_label("Your e-mail address")).to_be_hidden()
    form.get_by_label("E-mail me when someone replies").check()
    form.get_by_label("Your e-mail address").fill("lena@example.org")
    screenshot(form, "follow-replies-form")
    expect(page.get_by_label("Enter the two words you see:")).to_be_visible()
    solve_captcha(page)
    form.get_by_role("button", name="Post comment").click()
    expect(page.locator("[data-form-result]")).to_contain_text(
        "follow the link we send to that address"
    )

    # Lena confirms from her mailbox.
    (confirm,) = mail_links(mailoutbox[0])[:1]
    page.goto(confirm)
    expect(page.locator(".messages")).to_contain_text("your address is confirmed")
    mailoutbox.clear()

    # Omar replies from his own browser.
    lena = Comment.objects.get(user_name="Lena")
    omar = open_page()
    omar.goto(live_server.url + article.get_absolute_url())
    omar.locator(f"#comment-{lena.pk}").get_by_role("link", name="Reply").click()
    omar_form = omar.locator("#comment-form")
    omar_form.get_by_label("User Name").fill("Omar")
    omar_form.get_by_label("Your Comment").fill("It held the last one.")
    expect(omar.get_by_label("Enter the two words you see:")).to_be_visible()
    solve_captcha(omar)
    omar_form.get_by_role("button", name="Post comment").click()
    expect(omar.locator(".replies")).to_contain_text("It held the last one.")

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert "Omar wrote:\n\nIt held the last one." in message.body
    read, _story, stop, _manage = mail_links(message)
    page.goto(read)
    expect(
        page.locator(".comment", has_text="It held the last one.")
    ).to_be_in_viewport()

    # A second reply within minutes waits for the digest.
    moderation.submit(
        article=article,
        user_name="Ines",
        body="And the one before.",
        ip_address="198.51.100.40",
        user_agent="",
        reply_to=lena,
    )
    assert len(mailoutbox) == 1
    Follow.objects.update(last_mailed_at=timezone.now() - timedelta(minutes=6))
    mail.send_reply_mails.call()  # what the worker runs when the window ends
    assert len(mailoutbox) == 2 and "And the one before." in mailoutbox[1].body

    # One click from the message stops it.
    page.goto(stop)
    page.get_by_role("button", name="Stop").click()
    expect(page.locator(".messages")).to_contain_text("We will not e-mail you")
    screenshot(page, "follow-replies-stopped")
    assert not Follow.objects.exists()


def mail_links(message) -> list[str]:
    return re.findall(r"https?://\S+", message.body)


def test_new_comments_are_offered_while_reading_and_shown_in_place(
    live_server, page, article, make_comment
):
    make_comment(article, user_name="Lena", body="The first word on the wall.")
    page.clock.install()
    # Settled before the site changes under it, as a reader's page is.
    open_settled(page, live_server.url + article.get_absolute_url())
    page.locator("#comment-form").get_by_label("Your Comment").fill("Half a thought")
    expect(page.get_by_label("Enter the two words you see:")).to_be_visible()

    for number in range(3):
        moderation.submit(
            article=article,
            user_name=f"Reader {number}",
            body=f"A later thought, number {number}.",
            ip_address=f"198.51.100.{number + 20}",
            user_agent="",
        )
    cache.delete(f"comments:live:{article.slug}")  # its five seconds passed
    page.clock.run_for(31_000)

    offer = page.get_by_role("button", name="3 new comments — Show")
    expect(offer).to_be_visible()
    screenshot(page.locator("#comments"), "new-comments-offered")
    offer.click()

    new = page.locator(".comment-new")
    expect(new).to_have_count(3)
    expect(new.first).to_be_focused()
    expect(page.locator("#comments-title")).to_have_text("4 comments")
    expect(page.locator(".new-comments")).to_contain_text("3 new comments shown.")
    # What the reader was writing stays.
    expect(page.locator("#comment-form").get_by_label("Your Comment")).to_have_value(
        "Half a thought"
    )
