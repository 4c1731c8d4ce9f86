"""English and Simplified Chinese: the reader's language, chosen by the
footer's links or the browser, on every page and in every cached copy."""

import json
import re
import subprocess

import pytest
from captcha.models import CaptchaStore
from django.conf import settings as settings_module
from django.test import Client
from django.utils import translation

from comments import moderation
from comments.models import PosterStanding, Reason, Standing
from protection import captcha

from .conftest import captcha_from
from .support import CHINESE, ENGLISH, NAMES, untranslated


def language_of(response) -> str:
    return re.search(r'<html lang="([^"]+)">', response.content.decode()).group(1)


def test_the_browser_chooses_the_first_time(client, article):
    chinese = client.get(article.get_absolute_url(), **CHINESE)
    english = client.get(article.get_absolute_url(), **ENGLISH)

    assert language_of(chinese) == "zh-hans"
    assert "发表你的评论" in chinese.content.decode()
    assert chinese["Content-Language"] == "zh-hans"
    assert "Accept-Language" in chinese["Vary"]
    assert language_of(english) == "en"
    assert "Add your comments" in english.content.decode()


def test_the_footer_links_choose_and_go_back(client, article):
    story = "http://testserver" + article.get_absolute_url()

    response = client.get("/language/zh-hans/", HTTP_REFERER=story, **ENGLISH)

    assert response.status_code == 302
    assert response.url == story
    assert response.cookies["django_language"].value == "zh-hans"
    assert response["Cache-Control"] == "private, no-store"
    # The choice outweighs the browser's.
    assert language_of(client.get(article.get_absolute_url(), **ENGLISH)) == "zh-hans"
    client.get("/language/en/", HTTP_REFERER=story)
    assert language_of(client.get(article.get_absolute_url(), **CHINESE)) == "en"


def test_the_footer_links_go_back_only_to_this_site(client, db):
    elsewhere = client.get(
        "/language/zh-hans/", HTTP_REFERER="https://evil.example/phish"
    )
    assert elsewhere.url == "/"
    assert client.get("/language/fr/").status_code == 404
    links = client.get("/").content.decode()
    assert 'href="/language/zh-hans/" lang="zh-hans"' in links
    assert ">简体中文</a>" in links


def test_cached_pages_are_never_served_in_another_language(
    client, article, make_comment, django_assert_num_queries
):
    make_comment(article, body="A comment in any language.")
    url = article.get_absolute_url()
    for _ in range(2):  # cold, then warm
        assert language_of(client.get(url, **ENGLISH)) == "en"
        assert language_of(client.get(url, **CHINESE)) == "zh-hans"
        assert language_of(Client().get(url, **ENGLISH)) == "en"
    with django_assert_num_queries(0):  # both kept, each on its own
        assert language_of(client.get(url, **CHINESE)) == "zh-hans"
        client.get(url, **ENGLISH)


def test_a_moderators_decision_reaches_both_languages(
    client, article, make_comment, moderator
):
    comment = make_comment(article, body="Soon to be removed.")
    url = article.get_absolute_url()
    client.get(url, **ENGLISH), client.get(url, **CHINESE)

    moderation.remove([comment], by=moderator, reason=Reason.SPAM)

    for headers in (ENGLISH, CHINESE):
        assert "Soon to be removed." not in client.get(url, **headers).content.decode()


def test_dates_follow_the_language(client, article, make_comment):
    make_comment(article)
    english = client.get(article.get_absolute_url(), **ENGLISH).content.decode()
    chinese = client.get(article.get_absolute_url(), **CHINESE).content.decode()

    year = article.published_at.year
    assert re.search(rf">[A-Z][a-z]+ \d+, {year}</time>", english)
    assert re.search(rf">{year}年\d+月\d+日</time>", chinese)
    assert re.search(rf">{year}年\d+月\d+日 \d+:\d+</time>", chinese)


def test_the_scripts_words_come_in_the_pages_language(client, db):
    catalog = client.get("/jsi18n/?v=zh-hans", **CHINESE).content.decode()

    # The catalog writes its strings as JSON, non-ASCII escaped.
    assert json.dumps("正在发表你的评论……")[1:-1] in catalog
    page = client.get("/", **CHINESE).content.decode()
    assert 'src="/jsi18n/?v=zh-hans"' in page


@pytest.fixture
def site_pages(article, make_comment, settings):
    top = make_comment(article, user_name="Lena", body="The wall is overdue.")
    make_comment(
        article, user_name="Omar", body="By ten years.", parent=top, reply_to=top
    )
    return [
        "/",
        f"/section/{article.section.slug}/",
        article.get_absolute_url(),
        f"{article.get_absolute_url()}?sort=picks",
        f"/comments/{top.pk}/thread/",
        f"/story/{article.slug}/comment/",
        f"/comments/{top.pk}/report/",
        f"/comments/{top.pk}/recommend/",
        "/forum/",
        "/community-rules/",
        "/privacy/",
        "/send-your-story/",
        "/newsletter/",
        "/no-such-page/",
    ]


def test_no_english_is_left_on_the_chinese_reader_pages(
    client, article, site_pages, settings
):
    allowed = NAMES | {
        settings.NEWSROOM_SITE_NAME,
        article.headline,
        article.summary,
        article.byline,
        article.source,
        article.section.name,
        *article.body.split("\n\n"),
        "Lena",
        "Omar",
        "The wall is overdue.",
        "By ten years.",
        "English",
        f"© {article.published_at.year} {settings.NEWSROOM_SITE_NAME}",
    }
    for path in site_pages:
        english = client.get(path, **ENGLISH).content.decode()
        chinese = client.get(path, **CHINESE).content.decode()
        assert language_of(client.get(path, **CHINESE)) == "zh-hans", path
        assert untranslated(chinese, english, allowed) == [], path


def test_chinese_readers_are_asked_for_digits(client, db):
    form = client.get("/comments/form-security/", **CHINESE)
    key = re.search(r'name="captcha_0" value="([0-9a-f]+)"', form.content.decode())
    stored = CaptchaStore.objects.get(hashkey=key.group(1))

    assert re.fullmatch(r"\d \d \d \d \d \d", stored.challenge)
    assert stored.response == stored.challenge.replace(" ", "")
    assert "请输入图中的数字：</label>" in form.content.decode()
    assert captcha.guess_odds(digits=True) >= captcha.guess_odds()
    english = client.get("/comments/form-security/", **ENGLISH)
    assert "Enter the two words you see" in english.content.decode()


def test_digits_typed_full_width_or_spaced_are_the_same_answer():
    assert captcha.normalize_answer("４８２９１７") == "482917"
    assert captcha.normalize_answer(" 48 29 17 ") == "482917"
    assert captcha.normalize_answer("Harbour  Light") == "harbour light"


def test_a_chinese_reader_posts_a_comment(client, article):
    form = client.get("/comments/form-security/", **CHINESE)
    fields = captcha_from(form)
    wrong = client.post(
        article.get_absolute_url() + "comments/",
        {
            "user_name": "李明",
            "body": "海堤早该加高了。",
            **fields,
            "captcha_1": "000000",
        },
        **CHINESE,
    )
    assert "你输入的数字与图片不符" in wrong.content.decode()
    assert "海堤早该加高了。" in wrong.content.decode()  # the text is kept

    fields = captcha_from(wrong)
    answer = "".join(chr(ord(digit) + 0xFEE0) for digit in fields["captcha_1"])
    posted = client.post(
        article.get_absolute_url() + "comments/",
        {
            "user_name": "李明",
            "body": "海堤早该加高了。",
            **fields,
            "captcha_1": answer,
        },
        **CHINESE,
    )

    assert posted.status_code == 302
    page = client.get(posted["Location"], **CHINESE).content.decode()
    assert "谢谢！你的评论已发布。" in page
    assert "海堤早该加高了。" in page


@pytest.fixture
def moderation_pages(article, make_comment, moderator):
    held = make_comment(article, user_name="Held Reader", status="held")
    reported = make_comment(article, user_name="Lena", body="The wall is overdue.")
    moderation.report(
        comment=reported, reason=Reason.ABUSIVE, reporter_ip="198.51.100.50"
    )
    return [
        "/admin/",
        "/admin/comments/comment/",
        "/admin/comments/comment/?queue=all",
        "/admin/comments/comment/workspace/",
        "/admin/comments/comment/dashboard/",
        f"/admin/comments/comment/{held.pk}/change/",
        "/admin/comments/report/",
        "/admin/comments/report/reporters/",
        "/admin/comments/illegalcontentnotice/",
        "/admin/comments/ban/",
        "/admin/comments/ban/add/",
        "/admin/comments/posterstanding/",
        "/admin/comments/commentsettings/",
        "/admin/comments/bannedword/",
        "/admin/articles/article/",
    ]


def test_no_english_is_left_on_the_chinese_moderation_pages(
    moderator_client, article, moderation_pages, settings
):
    allowed = NAMES | {
        settings.NEWSROOM_SITE_NAME,
        article.headline,
        article.section.name,
        "Held Reader",
        "Lena",
        "The wall is overdue.",
        "A thoughtful comment.",
        "mod",
        "192.0.2.1",
        "198.51.100.50",
        article.byline,
        # The alt text of Django's yes/no icons, which Django does not translate.
        "True",
        "False",
    }
    left = {}
    for path in moderation_pages:
        english = moderator_client.get(path, follow=True, **ENGLISH)
        chinese = moderator_client.get(path, follow=True, **CHINESE)
        assert chinese.status_code == 200, path
        if found := untranslated(
            chinese.content.decode(), english.content.decode(), allowed
        ):
            left[path] = found
    assert left == {}, "\n".join(f"{path}: {found}" for path, found in left.items())


def test_no_english_is_left_on_the_chinese_superuser_pages(admin_client, settings):
    pages = [
        "/admin/privacy/legalrequest/",
        "/admin/privacy/legalrequest/add/",
        "/admin/portability/importrun/",
        "/admin/portability/importrun/add/",
        "/admin/portability/backup/",
        "/admin/portability/backup/add/",
    ]
    allowed = NAMES | {
        "admin",
        "JSON Lines",
        "WordPress WXR",
    }
    left = {}
    for path in pages:
        english = admin_client.get(path, **ENGLISH).content.decode()
        chinese = admin_client.get(path, **CHINESE).content.decode()
        if found := untranslated(chinese, english, allowed):
            left[path] = found
    assert left == {}, "\n".join(f"{path}: {found}" for path, found in left.items())


@pytest.mark.parametrize("catalogue", ["django.po", "djangojs.po"])
def test_the_chinese_catalogues_are_whole(catalogue):
    path = settings_module.BASE_DIR / "locale" / "zh_Hans" / "LC_MESSAGES" / catalogue
    checked = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
    )

    assert checked.returncode == 0, checked.stderr
    assert re.fullmatch(r"\d+ translated messages?\.\n", checked.stderr), checked.stderr


def test_a_story_stays_in_its_own_language(client, make_article):
    story = make_article(
        slug="tool-room",
        headline="老城区开出共享工具间",
        body="居民凭借书证借电钻。",
        language="zh-hans",
    )

    page = client.get(story.get_absolute_url(), **ENGLISH).content.decode()

    assert '<html lang="en">' in page
    assert '<h1 lang="zh-hans">老城区开出共享工具间</h1>' in page
    assert (
        '<div class="story-body" lang="zh-hans"><p>居民凭借书证借电钻。</p></div>'
        in page
    )
    assert '"inLanguage": "zh-hans"' in page


def test_no_english_is_left_in_the_chinese_comment_forms_errors(
    client, article, settings
):
    def refused(**headers) -> str:
        security = client.get("/comments/form-security/", **headers)
        fields = captcha_from(security)
        return client.post(
            article.get_absolute_url() + "comments/",
            {"user_name": "", "body": "", **fields, "captcha_1": "wrong"},
            **headers,
        ).content.decode()

    english, chinese = refused(**ENGLISH), refused(**CHINESE)

    assert "Please enter a user name." in english
    assert "请输入用户名。" in chinese
    allowed = NAMES | {
        settings.NEWSROOM_SITE_NAME,
        article.headline,
        article.section.name,
        f"© {article.published_at.year} {settings.NEWSROOM_SITE_NAME}",
        "English",
    }
    assert untranslated(chinese, english, allowed) == []


def test_the_admin_log_speaks_the_moderators_language(
    moderator_client, article, make_comment
):
    comment = make_comment(article)
    moderator_client.cookies[settings_module.LANGUAGE_COOKIE_NAME] = "zh-hans"

    moderator_client.post(
        "/admin/comments/comment/workspace/decide/",
        {"comment": comment.pk, "decision": "remove:spam"},
    )
    history = moderator_client.get(
        f"/admin/comments/comment/{comment.pk}/history/"
    ).content.decode()

    assert "以“垃圾信息”为由删除" in history
    assert "Removed as" not in history


def test_chinese_labels_end_in_one_full_width_colon(client, article):
    page = client.get(f"/story/{article.slug}/comment/", **CHINESE).content.decode()
    labels = re.findall(r"<label[^>]*>([^<]+)</label>", page)

    assert labels
    assert not [label for label in labels if ":" in label], labels
    assert not [label for label in labels if "：：" in label], labels


def test_a_standing_is_named_in_chinese_without_parsing_its_sentence(db):
    with translation.override("zh-hans"):
        watched = PosterStanding(standing=Standing.WATCHED, ip_address="192.0.2.1")
        assert watched.label == "受观察"
