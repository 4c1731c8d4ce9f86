"""A hostile-input corpus through the real comment form: never a 5xx, and
nothing a reader sent is lost (a refusal shows it back)."""

import pytest

from comments.models import Comment

from .support import comments_url

pytestmark = pytest.mark.django_db

COMBINING = "\u0301"

BODIES = [
    "x" * 60_000,  # past the limit, past SQLite's LIKE pattern limit
    "\U0001f1fa\U0001f1e6" * 6000,  # flags: 48 KB of 4-byte code points
    ("a" + COMBINING * 400) * 100,
    "\u202eevil\u202c and \u200b\u200d hidden",
    "'; DROP TABLE comments_comment; --",
    "%s %(body)s {0} {{ body }} {% csrf_token %}",
    "<script>alert(1)</script><img src=x onerror=alert(1)>",
    "\\x00 \\u0000 and a real tab\tand\r\nnewlines\r",
    "\ud7ff\ue000\uffff",
    " " * 5000,
]

FIELD_TRICKS = [
    {"captcha_0": "' OR 1=1 --"},
    {"captcha_0": "x" * 10_000, "captcha_1": "y" * 10_000},
    {"captcha_1": ""},
    {"website": "w" * 100_000},
    {"user_name": "n" * 10_000},
    {"user_name": "\u0000"},
    {"status": "published", "ip_address": "1.2.3.4", "article": "999"},
]


@pytest.mark.parametrize("body", BODIES, ids=range(len(BODIES)))
def test_strange_comments_never_break_the_form(client, article, comment_data, body):
    response = client.post(comments_url(article), comment_data(body=body))

    assert response.status_code < 500
    if response.status_code != 302:
        assert response.status_code in (400, 429)
        assert not Comment.objects.exists()


@pytest.mark.parametrize("fields", FIELD_TRICKS, ids=range(len(FIELD_TRICKS)))
def test_forged_fields_never_break_the_form(client, article, comment_data, fields):
    response = client.post(
        comments_url(article),
        comment_data(body="Kept, whatever else was sent.") | fields,
    )

    assert response.status_code < 500
    if response.status_code == 302:
        stored = Comment.objects.get()
        # Nothing a reader posts sets what the site decides.
        assert stored.ip_address != "1.2.3.4"
        assert stored.article == article
    else:
        assert "Kept, whatever else was sent." in response.content.decode()


def test_a_very_long_comment_is_told_its_length_not_about_accents(
    client, article, comment_data
):
    response = client.post(comments_url(article), comment_data(body="x" * 60_000))

    page = response.content.decode()
    assert "Please keep your comment to 3000 characters (it has 60000)." in page
    assert "accents" not in page
