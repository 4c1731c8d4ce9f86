"""The conversation in a browser: replies, staff voices, picks, recommends,
orders, and a form that keeps the reader where they are; with and without
JavaScript, on a desktop and on a phone."""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from articles.models import Article
from comments.models import Comment

from .conftest import serious_accessibility_violations, sign_in, solve_captcha

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

STORY = "harbour-towns-race-to-raise-sea-walls-before-winter"
OTHER_STORY = "river-port-trials-electric-ferries-on-busiest-crossing"
PHONE = {"width": 375, "height": 812}
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": PHONE}


@pytest.fixture(params=list(VIEWPORTS))
def reader(request, open_page, live_server):
    """A reader's page, on a desktop and on a phone."""
    phone = request.param == "phone"
    return open_page(
        viewport=VIEWPORTS[request.param], is_mobile=phone, has_touch=phone
    )


@pytest.fixture
def no_script_reader(open_page):
    return open_page(java_script_enabled=False)


def story_url(live_server, query: str = "") -> str:
    return f"{live_server.url}/story/{STORY}/{query}"


def thread_of(page, text: str):
    return page.locator(".thread", has=page.locator(".comment", has_text=text))


def fill_form(page, body: str, user_name: str | None = "Curious Reader") -> None:
    form = page.locator("#comment-form")
    if user_name is not None:
        form.get_by_label("User Name").fill(user_name)
    form.get_by_label("Your Comment").fill(body)
    expect(page.get_by_label("Enter the two words you see:")).to_be_visible()
    solve_captcha(page)
    form.get_by_role("button", name="Post comment").click()


def test_a_reader_replies_and_the_reply_shows_under_the_comment(
    live_server, reader, demo_site
):
    reader.goto(story_url(live_server))
    form = reader.locator("#comment-form")
    expect(form.locator("[data-replying-to]")).to_be_hidden()
    comment = reader.locator(".comment", has_text="A metre higher sounds like a lot")
    comment.get_by_role("link", name="Reply").click()

    expect(form.locator("[data-replying-to]")).to_contain_text("Replying to L. Okafor")
    expect(form.get_by_label("Your Comment")).to_be_focused()
    form.get_by_role("button", name="Cancel reply").click()
    expect(form.locator("[data-replying-to]")).to_be_hidden()
    comment.get_by_role("link", name="Reply").click()
    address = reader.url
    fill_form(reader, "The planning papers are online, for anyone curious.")

    # In its thread, in place, with the answer under it, announced.
    thread = thread_of(reader, "A metre higher sounds like a lot")
    expect(thread.locator(".replies")).to_contain_text("The planning papers are online")
    reply = Comment.objects.get(body__startswith="The planning papers")
    shown = thread.locator(f".replies #comment-{reply.pk}")
    answer = shown.get_by_role("status")
    expect(answer).to_contain_text("Your comment is published")
    expect(answer).to_be_in_viewport(ratio=0.99)  # whole, to a pixel
    assert reader.url == address  # still on the story
    expect(reader.locator("[data-form-result]")).to_be_empty()
    assert serious_accessibility_violations(reader) == []
    assert reply.parent.user_name == "L. Okafor"


def test_a_reader_replies_without_javascript(live_server, no_script_reader, demo_site):
    page = no_script_reader
    page.goto(story_url(live_server))
    page.locator(".comment", has_text="The slipway closure").get_by_role(
        "link", name="Reply"
    ).click()

    expect(page.locator("[data-replying-to]")).to_contain_text(
        "Replying to Salt&Pepper"
    )
    fill_form(page, "Same here: my cousin lost the whole month.", "Quayside")

    expect(page.locator(".messages")).to_contain_text("Your comment is published")
    expect(thread_of(page, "The slipway closure").locator(".replies")).to_contain_text(
        "my cousin lost the whole month"
    )


def test_more_replies_show_in_place_and_without_javascript(
    live_server, page, no_script_reader, demo_site
):
    page.goto(story_url(live_server))
    thread = thread_of(page, "The slipway closure")
    expect(thread.locator(".replies .comment")).to_have_count(3)
    thread.get_by_role("link", name="Show 1 more reply").click()
    expect(thread.locator(".replies .comment")).to_have_count(4)
    expect(thread).to_contain_text("The quay was never that busy in autumn")

    no_script_reader.goto(story_url(live_server))
    no_script_reader.get_by_role("link", name="Show 1 more reply").click()
    expect(no_script_reader.locator("h1")).to_contain_text("A conversation on")
    expect(no_script_reader.locator("body")).to_contain_text("The quay was never")


def test_a_staff_member_replies_with_the_badge(live_server, page, demo_site):
    sign_in(page, live_server, "journalist")

    page.goto(story_url(live_server))
    page.locator(".comment", has_text="A metre higher").get_by_role(
        "link", name="Reply"
    ).click()
    form = page.locator("#comment-form")
    expect(form.locator("[data-staff-voice]")).to_contain_text(
        "You are commenting as Mara Ellison"
    )
    expect(form.locator("[data-staff-voice] .badge")).to_have_text("Author")
    expect(form.get_by_label("User Name")).to_be_hidden()
    expect(page.get_by_label("Enter the two words you see:")).to_have_count(0)
    form.get_by_label("Your Comment").fill(
        "We asked the engineers: yes, it allows for it."
    )
    form.get_by_role("button", name="Post comment").click()

    reply = page.locator(".comment", has_text="We asked the engineers")
    expect(reply.get_by_role("status")).to_contain_text("published")
    expect(reply.locator(".badge")).to_have_text("Author")
    expect(reply.locator(".comment-author")).to_have_text("Mara Ellison")


def test_a_journalist_picks_a_comment_and_the_picks_order_shows_it(
    live_server, page, demo_site
):
    sign_in(page, live_server, "journalist")

    page.goto(story_url(live_server))
    comment = page.locator(".comment", has_text="Good to see the three towns")
    expect(comment.get_by_role("button", name="Remove")).to_have_count(0)
    comment.get_by_role("button", name="Pick").click()
    expect(comment.get_by_role("status")).to_have_text("Now an editors' pick.")
    expect(comment.get_by_role("button", name="Unpick")).to_be_visible()

    page.goto(story_url(live_server, "?sort=picks"))
    picks = page.locator(".conversation")
    expect(picks).to_contain_text("Good to see the three towns")
    expect(picks).to_contain_text("A metre higher sounds like a lot")  # the demo's pick
    expect(picks).not_to_contain_text("The slipway closure")
    expect(page.locator(".comment-pick")).to_have_count(2)


def test_a_reader_recommends_once(live_server, reader, demo_site):
    reader.goto(story_url(live_server))
    comment = reader.locator(".comment", has_text="Good to see the three towns")
    button = comment.get_by_role("button", name="Recommend")
    button.click()
    expect(comment.locator(".recommend-count")).to_have_text("1 recommendation")
    expect(comment.get_by_role("button", name="Recommended")).to_have_attribute(
        "aria-pressed", "true"
    )

    # A second try, after a reload and with the browser's memory wiped,
    # does not count: the address is remembered too.
    reader.evaluate("localStorage.clear()")
    reader.context.clear_cookies()
    reader.reload()
    comment.get_by_role("button", name="Recommend").click()
    expect(comment.locator(".recommend-count")).to_have_text("1 recommendation")
    assert Comment.objects.get(body__startswith="Good to see").recommend_count == 1


def test_orders_work_and_are_remembered(live_server, reader, demo_site):
    reader.goto(story_url(live_server))
    first = reader.locator(".conversation > .thread > .comment").first
    expect(first).to_contain_text("A metre higher")  # newest first

    reader.get_by_role("link", name="Oldest").click()
    expect(first).to_contain_text("Good to see the three towns")
    expect(reader.get_by_role("link", name="Oldest")).to_have_attribute(
        "aria-current", "true"
    )

    reader.goto(story_url(live_server))
    assert reader.url.endswith("?sort=oldest")
    expect(first).to_contain_text("Good to see the three towns")


def test_orders_without_javascript(live_server, no_script_reader, demo_site):
    page = no_script_reader
    page.goto(story_url(live_server))
    page.get_by_role("link", name="Oldest").click()
    first = page.locator(".conversation > .thread > .comment").first
    expect(first).to_contain_text("Good to see the three towns")
    page.goto(story_url(live_server))
    expect(first).to_contain_text("Good to see the three towns")


def test_a_held_post_is_answered_next_to_the_form(
    live_server, reader, demo_site, flood_limit
):
    flood_limit("comments")  # two posts in a row from this test's address
    Article.objects.filter(slug=STORY).update(premoderated=True)
    reader.goto(story_url(live_server))

    fill_form(reader, "Please let this through.")

    result = reader.locator("[data-form-result]")
    expect(result).to_contain_text("held for review")
    expect(result).to_contain_text("You do not need to post it again")
    expect(result).to_be_in_viewport(ratio=0.99)  # whole, to a pixel
    expect(reader.get_by_label("Your Comment")).to_have_value("")

    # The next comment gets a fresh captcha.
    fill_form(reader, "And a second thought.")
    expect(result).to_contain_text("held for review")
    assert Comment.objects.filter(body="And a second thought.").exists()


def test_a_wrong_captcha_keeps_the_reader_on_the_story(live_server, reader, demo_site):
    reader.goto(story_url(live_server))
    reader.get_by_label("User Name").fill("Hasty")
    reader.get_by_label("Your Comment").fill("Words I will not type twice.")
    answer = reader.get_by_label("Enter the two words you see:")
    answer.fill("wrong words")
    reader.get_by_role("button", name="Post comment").click()

    expect(reader.get_by_text("did not match the picture")).to_have_count(1)
    refusal = reader.get_by_role("alert").filter(has_text="did not match the picture")
    expect(refusal).to_be_in_viewport()
    expect(answer).to_be_focused()
    expect(answer).to_have_attribute("aria-invalid", "true")
    expect(reader.get_by_label("Your Comment")).to_have_value(
        "Words I will not type twice."
    )
    assert reader.url == story_url(live_server)


def test_the_form_does_not_move_when_the_captcha_arrives(
    live_server, reader, demo_site
):
    page = reader
    page.goto(story_url(live_server))
    page.wait_for_load_state("networkidle")
    page.evaluate(
        """() => {
        window.shifts = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) window.shifts += entry.value;
        }).observe({ type: "layout-shift", buffered: false });
      }"""
    )
    # Its room is framed, and says what comes there.
    waiting = page.locator(".form-security-waiting")
    expect(waiting).to_have_text(
        "A short check that you are a person appears here when you start writing."
    )
    page.locator("#comment-form").get_by_label("User Name").focus()
    expect(page.get_by_label("Enter the two words you see:")).to_be_visible()
    expect(waiting).to_have_count(0)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)

    assert page.evaluate("window.shifts") == 0


def test_the_captcha_picture_is_sharp_on_high_density_screens(
    live_server, open_page, demo_site
):
    page = open_page(device_scale_factor=2)
    page.goto(story_url(live_server))
    page.locator("#comment-form").get_by_label("User Name").focus()
    image = page.locator("[data-captcha-image]")
    expect(image).to_be_visible()
    expect(image).to_have_js_property("complete", True)

    assert image.evaluate("img => img.currentSrc").endswith("@2/")


@pytest.mark.skipif(not settings.CAPTCHA_FLITE_PATH, reason="flite is not installed")
def test_the_captcha_audio_plays_in_the_page(live_server, page, demo_site):
    page.goto(story_url(live_server))
    page.locator("#comment-form").get_by_label("User Name").focus()
    page.get_by_role("button", name="Listen to the words").click()

    player = page.locator("audio.captcha-audio")
    expect(player).to_be_attached()
    assert player.evaluate("audio => audio.src").endswith(".wav")
    assert page.url == story_url(live_server)


def test_touch_targets_are_big_enough_on_a_phone(live_server, open_page, demo_site):
    page = open_page(viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto(story_url(live_server))
    page.locator("#comment-form").get_by_label("User Name").focus()
    expect(page.get_by_label("Enter the two words you see:")).to_be_visible()

    small = page.evaluate(
        """() => {
        const selector = "#comments a, #comments button:not([aria-hidden]), "
          + ".site-nav a, .site-footer a, .story-meta a, .story-tools a, "
          + ".story-tools button, .story-tools summary";
        return [...document.querySelectorAll(selector)]
          .filter((el) => el.offsetParent !== null)
          .map((el) => [el.textContent.trim(), el.getBoundingClientRect()])
          .filter(([, box]) => box.width < 24 || box.height < 24)
          .map(([text, box]) => `${text}: ${Math.round(box.width)}x${Math.round(box.height)}`);
      }"""
    )
    assert small == []
    post = page.locator("#comment-form").get_by_role("button", name="Post comment")
    assert post.bounding_box()["height"] >= 44


def test_the_threaded_page_has_no_serious_accessibility_violations(
    live_server, page, demo_site
):
    page.goto(story_url(live_server))
    page.locator(".comment", has_text="A metre higher").get_by_role(
        "link", name="Reply"
    ).click()
    expect(page.get_by_label("Enter the two words you see:")).to_be_visible()

    assert serious_accessibility_violations(page) == []


def test_a_reader_recommends_without_javascript(
    live_server, no_script_reader, demo_site
):
    page = no_script_reader
    page.goto(story_url(live_server))
    page.locator(".comment", has_text="Good to see the three towns").get_by_role(
        "link", name="Recommend"
    ).click()
    page.get_by_role("button", name="Recommend").click()

    expect(page.locator(".messages")).to_contain_text("recommendation is counted")
    comment = page.locator(".comment", has_text="Good to see the three towns")
    expect(comment.locator(".recommend-count")).to_have_text("1 recommendation")


def test_the_form_remembers_the_readers_name_in_this_browser_only(
    live_server, reader, open_page, demo_site, flood_limit
):
    flood_limit("comments")
    reader.goto(story_url(live_server))
    fill_form(reader, "Counting the days until the wall is done.", "Harbour Watcher")
    expect(reader.locator("[data-form-result]")).to_contain_text("published")

    reader.goto(f"{live_server.url}/story/{OTHER_STORY}/")
    expect(reader.get_by_label("User Name")).to_have_value("Harbour Watcher")
    stranger = open_page()
    stranger.goto(f"{live_server.url}/story/{OTHER_STORY}/")
    expect(stranger.get_by_label("User Name")).to_have_value("")
