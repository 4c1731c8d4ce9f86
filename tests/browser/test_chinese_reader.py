"""A reader whose browser asks for Chinese: the Chinese pages, the digits
captcha, and posting a comment through the real form."""

import re

import pytest
from captcha.models import CaptchaStore
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from articles.models import Article
from comments import moderation
from comments.models import Comment, Reason

from ..support import CHINESE, ENGLISH, NAMES, untranslated, visible_text
from .conftest import (
    MARIA_PASSWORD,
    has_no_horizontal_scroll,
    open_settled,
    screenshot,
    serious_accessibility_violations,
    sign_in,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

STORY = "neighbourhood-tool-room-opens-zh"
HEADLINE = "老城区开出“共享工具间”，居民凭借书证借电钻"


@pytest.fixture
def chinese_page(open_page):
    return open_page(locale="zh-CN")


def test_a_chinese_reader_posts_a_comment(live_server, chinese_page, demo_site):
    page = chinese_page
    page.goto(live_server.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    page.get_by_role("link", name=HEADLINE).first.click()
    expect(page.locator("h1")).to_have_text(HEADLINE)

    page.get_by_label("用户名").fill("李明")
    page.get_by_label("你的评论").fill("这个办法好，我们楼也想试试。")
    captcha = page.get_by_label("请输入图中的数字：")
    expect(captcha).to_be_visible()
    key = page.locator("input[name=captcha_0]").input_value()
    answer = CaptchaStore.objects.get(hashkey=key).response
    assert answer.isdigit() and len(answer) == 6
    # As a Chinese input method types digits: full width.
    captcha.fill("".join(chr(ord(digit) + 0xFEE0) for digit in answer))
    page.get_by_role("button", name="发表评论").click()

    expect(page.get_by_text("谢谢！你的评论已发布。")).to_be_visible()
    page.get_by_role("link", name="查看你的评论").click()
    comment = Comment.objects.get(user_name="李明")
    expect(page.locator(f"#comment-{comment.pk}")).to_contain_text(
        "这个办法好，我们楼也想试试。"
    )


def test_the_footer_switches_to_english_without_a_script(live_server, open_page):
    page = open_page(locale="zh-CN", java_script_enabled=False)
    page.goto(live_server.url + "/forum/")
    expect(page.locator("h1")).to_have_text("论坛")

    page.get_by_role("link", name="English").click()

    expect(page).to_have_url(live_server.url + "/forum/")
    expect(page.locator("h1")).to_have_text("Forum")
    expect(page.locator("html")).to_have_attribute("lang", "en")


CHINESE_PAGES = {
    "home": "/",
    "story": f"/story/{STORY}/",
    "comment-form": f"/story/{STORY}/comment/",
    "forum": "/forum/",
    "not-found": "/no-such-page/",
}


@pytest.mark.parametrize("name", CHINESE_PAGES)
def test_no_serious_accessibility_violations_in_chinese(
    live_server, chinese_page, demo_site, name
):
    page = chinese_page
    page.goto(live_server.url + CHINESE_PAGES[name])
    if name == "story":
        page.get_by_label("用户名").focus()  # check the captcha as it appears
        expect(page.get_by_label("请输入图中的数字：")).to_be_visible()

    assert serious_accessibility_violations(page) == []
    screenshot(page, f"zh-{name}-desktop")


def test_a_chinese_story_on_a_phone(live_server, open_page, demo_site):
    page = open_page(locale="zh-CN", viewport={"width": 375, "height": 812})
    page.goto(live_server.url + CHINESE_PAGES["story"])
    expect(page.locator("h1")).to_have_text(HEADLINE)
    page.get_by_label("用户名").focus()
    expect(page.get_by_label("请输入图中的数字：")).to_be_visible()

    assert has_no_horizontal_scroll(page)
    screenshot(page, "zh-story-phone", full_page=True)


LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def without_names(text: str, names: set[str]) -> str:
    """The text without addresses and the names, story text and brand it
    may quote, longest first."""
    text = re.sub(r"https?://\S+", "", text)
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, "")
    return text


def test_what_the_scripts_write_is_chinese_too(
    live_server, open_page, demo_site, maria, make_comment
):
    """The words the scripts add (a moderator's tools on the story, the
    workspace's answers, the report dialog) come from the catalogue."""
    story = Article.objects.get(slug=STORY)
    make_comment(story, status=Comment.Status.HELD, user_name="王", body="等待审核。")
    page = open_page(locale="zh-CN")
    sign_in(page, live_server, "maria", MARIA_PASSWORD, then="/admin/")

    page.goto(live_server.url + f"/story/{STORY}/")
    tools = page.locator(".moderation-tools").first
    expect(tools).to_be_visible()
    held = page.locator(".moderation-held")
    expect(held.locator("h3")).to_contain_text("1")
    for text in [tools.inner_text(), held.locator("h3").inner_text()]:
        assert not LATIN_WORD.search(text), text
    page.locator("article.comment[id^='comment-']").first.get_by_role(
        "link", name="举报"
    ).click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    assert not LATIN_WORD.search(dialog.inner_text())
    page.keyboard.press("Escape")

    page.goto(live_server.url + "/admin/comments/comment/workspace/")
    page.keyboard.press("a")
    outcome = page.locator(".card-outcome").first
    expect(outcome).to_be_visible()
    for text in [outcome.inner_text(), page.locator("[data-waiting]").inner_text()]:
        assert not LATIN_WORD.search(text), text
    # Chinese punctuation too, not an English semicolon left between parts.
    assert ";" not in page.locator("[data-waiting]").inner_text()
    screenshot(page, "zh-workspace-desktop")
    for name, path in {
        "comment-list": "/admin/comments/comment/?queue=all",
        "dashboard": "/admin/comments/comment/dashboard/",
    }.items():
        page.goto(live_server.url + path)
        screenshot(page, f"zh-{name}-desktop")


def test_every_page_reads_in_chinese_in_a_browser(
    live_server, open_page, maria, article, make_comment
):
    """Every reader and moderator page as a Chinese moderator's browser
    shows it, scripts run: no English left in the chrome, neither what the
    server wrote (compared with the English page) nor what a script added
    (story text, names and brand aside)."""
    top = make_comment(article, user_name="Lena", body="The wall is overdue.")
    make_comment(article, user_name="Omar", body="By ten years.", parent=top)
    held = make_comment(article, user_name="Held Reader", status="held")
    moderation.report(comment=top, reason=Reason.ABUSIVE, reporter_ip="198.51.100.50")
    story = article.get_absolute_url()
    pages = [
        *("/", f"/section/{article.section.slug}/", story, f"{story}?sort=picks"),
        *(f"/comments/{top.pk}/thread/", f"{story}comment/", "/forum/"),
        *(f"/comments/{top.pk}/report/", "/community-rules/", "/privacy/"),
        *(f"/comments/{top.pk}/edit/", "/your-name/"),
        *("/send-your-story/", "/newsletter/", "/no-such-page/"),
        *("/admin/", "/admin/comments/comment/?queue=all"),
        *("/admin/comments/comment/workspace/", "/admin/comments/comment/dashboard/"),
        *(f"/admin/comments/comment/{held.pk}/change/", "/admin/comments/report/"),
        *("/admin/comments/report/reporters/", "/admin/comments/ban/add/"),
        *("/admin/comments/commentsettings/", "/admin/articles/section/"),
    ]
    allowed = NAMES | {
        settings.NEWSROOM_SITE_NAME,
        *(article.headline, article.summary, article.byline, article.source),
        *(article.section.name, article.section.slug, *article.body.split("\n\n")),
        *("Lena", "Omar", "Held Reader", "The wall is overdue.", "By ten years."),
        *("A thoughtful comment.", "maria", "192.0.2.1", "198.51.100.50"),
        *("English", f"© {article.published_at.year} {settings.NEWSROOM_SITE_NAME}"),
        # The alt text of Django's yes/no icons, which Django does not translate.
        *("True", "False"),
    }
    english = Client()
    english.force_login(maria)
    page = open_page(locale="zh-CN")
    sign_in(page, live_server, "maria", MARIA_PASSWORD, then="/admin/")
    left = {}
    for path in pages:
        open_settled(page, live_server.url + path)
        name = re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "home"
        screenshot(page, f"zh-walk-{name}")
        shown = page.content()
        served = set(
            visible_text(english.get(path, follow=True, **CHINESE).content.decode())
        )
        in_english = english.get(path, follow=True, **ENGLISH).content.decode()
        found = untranslated(shown, in_english, allowed)
        found += [
            text
            for text in visible_text(shown)
            if text not in served and LATIN_WORD.search(without_names(text, allowed))
        ]
        if found:
            left[path] = found
    assert left == {}, "\n".join(f"{path}: {found}" for path, found in left.items())
