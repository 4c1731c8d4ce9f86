import re

import pytest
from playwright.sync_api import expect

from articles.models import Article
from comments.models import Comment, Report

from .conftest import (
    has_no_horizontal_scroll,
    screenshot,
    serious_accessibility_violations,
    solve_captcha,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

PHONE = {"width": 375, "height": 812}
STORY = "bakery-chain-tries-four-day-week"


def open_story(page, live_server):
    page.goto(live_server.url + "/")
    page.get_by_role(
        "link", name="Family bakery chain moves its staff to a four-day week"
    ).click()
    expect(page.locator("h1")).to_have_text(
        "Family bakery chain moves its staff to a four-day week"
    )


def post_comment(page, user_name: str, body: str) -> None:
    page.get_by_label("User Name").fill(user_name)
    page.get_by_label("Your Comment").fill(body)
    expect(page.get_by_label("Enter the two words you see:")).to_be_visible()
    solve_captcha(page)
    page.get_by_role("button", name="Post comment").click()


def test_reader_reads_adjusts_text_and_comments(live_server, page, demo_site):
    open_story(page, live_server)
    body = page.locator(".story-body")
    normal = body.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")

    page.get_by_role("button", name="Larger text").click()
    page.get_by_role("button", name="Larger text").click()
    larger = body.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
    assert larger > normal
    assert has_no_horizontal_scroll(page)

    # The choice holds on the next page and after a reload.
    page.goto(live_server.url + "/story/local-papers-are-worth-paying-for/")
    assert page.locator(".story-body").evaluate(
        "el => parseFloat(getComputedStyle(el).fontSize)"
    ) == pytest.approx(larger)

    open_story(page, live_server)
    post_comment(page, "Lena from Keelby", "Four days sounds right.\nGood for them.")

    # Answered next to the form, with the reader still on the story.
    result = page.locator("[data-form-result]")
    expect(result).to_contain_text("Your comment is published")
    expect(page.get_by_label("Your Comment")).to_have_value("")
    result.get_by_role("link", name="See your comment").click()
    expect(page.locator("#comments")).to_contain_text("Four days sounds right.")
    expect(page.locator("#comments-title")).to_have_text("5 comments")
    expect(page.locator(".comment").first.locator("time")).to_have_text(
        re.compile("now|second|minute")
    )
    assert Comment.objects.filter(user_name="Lena from Keelby").exists()


def test_wrong_captcha_gives_a_clear_error_and_keeps_the_text(
    live_server, page, demo_site
):
    open_story(page, live_server)
    page.get_by_label("User Name").fill("Lena")
    page.get_by_label("Your Comment").fill("A long comment I do not want to lose.")
    page.get_by_label("Enter the two words you see:").fill("wrongword")
    page.get_by_role("button", name="Post comment").click()

    # One message, on the field, without leaving the story.
    expect(page.locator("body")).to_contain_text("did not match the picture")
    expect(page.get_by_text("did not match the picture")).to_have_count(1)
    expect(page.get_by_label("Enter the two words you see:")).to_have_attribute(
        "aria-invalid", "true"
    )
    assert page.url.endswith(f"/story/{STORY}/")
    expect(page.get_by_label("Your Comment")).to_have_value(
        "A long comment I do not want to lose."
    )
    expect(page.get_by_label("Enter the two words you see:")).to_be_focused()
    assert not Comment.objects.filter(user_name="Lena").exists()


def test_new_image_replaces_the_captcha_in_place(live_server, page, demo_site):
    open_story(page, live_server)
    page.get_by_label("User Name").fill("Ines")
    page.get_by_label("Your Comment").fill("A draft I keep.")
    image = page.locator("[data-captcha-image]")
    expect(image).to_be_visible()
    first_picture = image.get_attribute("src")

    page.get_by_role("button", name="New image").click()

    expect(image).not_to_have_attribute("src", first_picture)
    expect(page.get_by_label("Your Comment")).to_have_value("A draft I keep.")
    assert page.url.endswith(f"/story/{STORY}/")  # no page load: done by script


def test_reader_reports_a_comment_without_javascript(live_server, open_page, demo_site):
    page = open_page(java_script_enabled=False)
    page.goto(live_server.url + f"/story/{STORY}/")
    page.locator(".comment", has_text="Let's see if the price").get_by_role(
        "link", name="Report"
    ).click()
    illegal_fields = page.locator(".illegal-notice")
    expect(illegal_fields).to_be_hidden()
    page.get_by_label("Illegal content").check()
    expect(illegal_fields).to_be_visible()  # for that reason only
    page.get_by_label("Spam").check()
    expect(illegal_fields).to_be_hidden()
    page.get_by_role("button", name="Send report").click()

    expect(page.locator(".messages")).to_contain_text("Thank you for your report.")
    assert Report.objects.filter(reason="spam").count() == 1


@pytest.mark.parametrize(
    "viewport", [PHONE, {"width": 1280, "height": 900}], ids=["phone", "desktop"]
)
def test_reader_reports_a_comment_in_place(live_server, open_page, demo_site, viewport):
    page = open_page(viewport=viewport)
    page.goto(live_server.url + f"/story/{STORY}/")
    comment = page.locator(".comment", has_text="Let's see if the price")
    comment.get_by_role("link", name="Report").click()

    dialog = page.get_by_role("dialog", name="Report a comment")
    expect(dialog).to_be_visible()
    expect(dialog.locator(".illegal-notice")).to_be_hidden()
    dialog.get_by_label("Illegal content").check()
    explanation = dialog.get_by_label("If it is illegal: which law does it break")
    expect(explanation).to_be_visible()  # for that reason only
    dialog.get_by_role("button", name="Send report").click()  # no law named
    expect(dialog).to_contain_text("Please explain why the comment is illegal.")
    expect(explanation).to_be_focused()
    assert serious_accessibility_violations(page) == []
    screenshot(page, f"report-dialog-{viewport['width']}")
    dialog.get_by_label("Off-topic").check()
    dialog.get_by_role("button", name="Send report").click()

    expect(dialog).to_be_hidden()
    thanks = comment.get_by_role("status")
    expect(thanks).to_have_text(
        "Thank you for your report. A moderator will look at the comment."
    )
    expect(thanks).to_be_in_viewport()
    assert page.url.endswith(f"/story/{STORY}/")  # still on the story
    assert Report.objects.filter(reason="off_topic").count() == 1


def test_the_same_flow_without_javascript(live_server, open_page, demo_site):
    page = open_page(java_script_enabled=False)
    page.goto(live_server.url + f"/story/{STORY}/")
    expect(page.get_by_role("link", name="Write a comment")).to_be_visible()

    page.get_by_role("link", name="Write a comment").click()
    post_comment(page, "No-script Sam", "Posted without any JavaScript.")

    expect(page.locator(".messages")).to_contain_text("Your comment is published")
    expect(page.locator("#comments")).to_contain_text("Posted without any JavaScript.")


def test_the_same_flow_on_a_phone(live_server, open_page, demo_site):
    page = open_page(viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto(live_server.url + f"/story/{STORY}/")
    assert has_no_horizontal_scroll(page)

    post_comment(page, "Pocket reader", "Typed on a small screen.")

    page.get_by_role("link", name="See your comment").click()
    expect(page.locator("#comments")).to_contain_text("Typed on a small screen.")
    assert has_no_horizontal_scroll(page)


def test_commenting_by_keyboard_alone(live_server, page, demo_site):
    page.goto(live_server.url + f"/story/{STORY}/")
    page.get_by_label("User Name").focus()
    page.keyboard.type("Keys only")
    page.keyboard.press("Tab")
    page.keyboard.type("No mouse was used for this comment.")
    page.keyboard.press("Tab")  # into the captcha: it loads when the form is used
    expect(page.get_by_label("Enter the two words you see:")).to_be_attached()
    page.get_by_label("Enter the two words you see:").focus()
    key = page.locator("input[name=captcha_0]").input_value()
    from captcha.models import CaptchaStore

    page.keyboard.type(CaptchaStore.objects.get(hashkey=key).response)
    page.keyboard.press("Enter")

    link = page.get_by_role("link", name="See your comment")
    link.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#comments")).to_contain_text("No mouse was used")


@pytest.mark.parametrize("width", [360, 768, 1440])
def test_pages_fit_every_width(live_server, open_page, demo_site, width):
    page = open_page(viewport={"width": width, "height": 900})
    for path in ("/", f"/story/{STORY}/", "/section/world/"):
        page.goto(live_server.url + path)
        assert has_no_horizontal_scroll(page), (path, width)
    page.goto(live_server.url + f"/story/{STORY}/")
    for _ in range(6):
        page.get_by_role("button", name="Larger text").click()
    assert has_no_horizontal_scroll(page)


def test_print_keeps_the_story_and_drops_the_rest(live_server, page, demo_site):
    page.goto(live_server.url + f"/story/{STORY}/")
    page.emulate_media(media="print")

    for kept in (
        "h1",
        ".byline",
        ".dateline",
        ".lead-photo",
        ".story-body",
        ".print-url",
    ):
        expect(page.locator(kept).first).to_be_visible()
    for dropped in (".site-nav", ".tools", ".font-size", ".comments", ".site-footer"):
        expect(page.locator(dropped).first).to_be_hidden()
    expect(page.locator(".print-url")).to_contain_text(f"/story/{STORY}/")
    screenshot(page, "article-print", full_page=True)


def test_share_and_email_links(live_server, page, demo_site):
    page.goto(live_server.url + f"/story/{STORY}/")
    mail = page.get_by_role("link", name="E-mail").first.get_attribute("href")
    assert mail.startswith("mailto:?subject=Family%20bakery")
    assert f"%2Fstory%2F{STORY}%2F" in mail

    page.locator("summary", has_text="Share").click()  # no Web Share API here
    expect(page.get_by_role("link", name="Facebook")).to_be_visible()
    expect(page.get_by_role("button", name="Copy link")).to_be_visible()


@pytest.mark.parametrize(
    "path",
    [
        "/",
        f"/story/{STORY}/",
        f"/story/{STORY}/comment/",
        "/forum/",
        "/send-your-story/",
        "/newsletter/",
        "/no-such-page/",
    ],
)
def test_no_serious_accessibility_violations(live_server, page, demo_site, path):
    page.goto(live_server.url + path)
    if path == f"/story/{STORY}/":
        page.get_by_label("User Name").focus()  # check the captcha as it appears
        expect(page.get_by_label("Enter the two words you see:")).to_be_visible()

    assert serious_accessibility_violations(page) == []


@pytest.mark.parametrize(
    ("name", "viewport"),
    [("phone", PHONE), ("desktop", {"width": 1280, "height": 900})],
)
def test_screenshots_for_people(live_server, open_page, demo_site, name, viewport):
    page = open_page(viewport=viewport)
    page.goto(live_server.url + "/")
    screenshot(page, f"home-{name}", full_page=True)
    page.goto(live_server.url + f"/story/{STORY}/")
    page.get_by_label("User Name").focus()
    expect(page.get_by_label("Enter the two words you see:")).to_be_visible()
    screenshot(page, f"article-{name}", full_page=True)
    screenshot(page.locator("#comments"), f"comments-{name}")
    assert Article.objects.count() >= 6
