"""Arbitrary Unicode through the real form: never a 500, stored as documented,
rendered escaped."""

import re
from collections import Counter
from html import unescape

import pytest
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from comments import text
from comments.markup import comment_html
from comments.models import Comment
from tests.conftest import captcha_from

from .support import comments_url

pytestmark = pytest.mark.django_db

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg/onload=alert(1)>",
    "javascript:alert(1)",
    '<a href="javascript:alert(1)">click</a>',
    "'; DROP TABLE comments_comment; --",
    "{{ settings.SECRET_KEY }}",
    "{% debug %}",
    "<iframe src=//evil.example></iframe>",
    "<style>body{display:none}</style>",
    "&lt;script&gt;already escaped&lt;/script&gt;",
    "\u202egnp.exe",
]


@pytest.fixture
def post_comment(client, article, flood_limit):
    flood_limit("comments")

    def post(user_name: str, body: str):
        form = captcha_from(client.get("/comments/form-security/"))
        return client.post(
            comments_url(article),
            {"user_name": user_name, "body": body, **form},
        )

    return post


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(user_name=st.text(max_size=60), body=st.text(max_size=200))
def test_any_unicode_is_stored_as_documented_and_rendered_escaped(
    post_comment, article, client, user_name, body
):
    Comment.objects.all().delete()

    response = post_comment(user_name, body)

    name, comment = text.normalize_user_name(user_name), text.normalize_comment(body)
    valid = bool(
        name and comment and "\x00" not in user_name + body and text.length(name) <= 50
    )
    assert response.status_code == (302 if valid else 400)
    if not valid:
        assert not Comment.objects.exists()
        return
    stored = Comment.objects.get()
    assert (stored.user_name, stored.body) == (name, comment)
    if stored.status == Comment.Status.PUBLISHED:
        page = client.get(article.get_absolute_url()).content.decode()
        assert escape(name) in page
        assert comment_html(comment) in page
        # Nothing the reader wrote is lost on the way: only the quote marks
        # and the spacing become markup.
        shown = unescape(re.sub(r"<[^>]+>", "", comment_html(comment)))
        assert written(shown) == written(comment)


def written(text: str) -> Counter[str]:
    return Counter(char for char in text if not char.isspace() and char != ">")


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_injection_payloads_come_back_as_inert_text(
    post_comment, client, article, payload
):
    response = post_comment(f"x {payload}"[:50], payload)
    assert response.status_code == 302

    page = client.get(article.get_absolute_url()).content.decode()

    assert payload not in page or escape(payload) == payload
    assert comment_html(text.normalize_comment(payload)) in page
    assert "alert(1)</script>" not in page
    assert "<img src=x" not in page
    assert "<svg/onload" not in page
    assert Comment.objects.count() == 1


COMBINING_ACUTE = "\u0301"


def test_a_short_comment_heavy_with_combining_marks_is_refused_clearly(post_comment):
    # 2,990 letters, each carrying 390 accents: 2.3 MB that counts as 2,990.
    body = ("a" + COMBINING_ACUTE * 390) * 2990

    response = post_comment("Lena", body)

    page = unescape(response.content.decode())
    assert response.status_code == 400
    assert "it carries more accents, marks or symbols than a comment can hold" in page
    assert not Comment.objects.exists()


def test_a_name_of_combining_marks_gets_a_message_in_the_reader_s_terms(
    post_comment,
):
    response = post_comment(("n" + COMBINING_ACUTE * 60) * 5, "Hello.")

    page = unescape(response.content.decode())
    assert response.status_code == 400
    assert "Please shorten your user name" in page
    assert "200 characters" not in page


def test_a_long_body_of_emoji_is_stored_and_its_repeat_held(post_comment):
    flags = "\U0001f1fa\U0001f1e6" * 1900  # 1,900 flags, 15 KB; one line of them

    first = post_comment("Flags", flags)
    second = post_comment("Flags again", flags)

    assert (first.status_code, second.status_code) == (302, 302)
    statuses = list(Comment.objects.order_by("pk").values_list("status", flat=True))
    assert statuses == [Comment.Status.PUBLISHED, Comment.Status.HELD]
