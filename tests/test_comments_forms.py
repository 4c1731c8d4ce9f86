from datetime import timedelta
from html import unescape

import pytest
from captcha.models import CaptchaStore

from comments.models import Comment

from .support import comments_url

pytestmark = pytest.mark.django_db

GENERIC = "Sorry, your comment could not be posted. Please try again."


def post(client, article, data):
    response = client.post(comments_url(article), data)
    return response, unescape(response.content.decode())


def test_a_filled_honeypot_is_refused_quietly(client, article, comment_data):
    response, page = post(
        client, article, comment_data(body="Buy now", website="http://spam.example")
    )

    assert response.status_code == 400
    assert GENERIC in page
    assert "Buy now</textarea>" in page
    assert not Comment.objects.exists()


def test_the_honeypot_is_hidden_from_people(client, article):
    page = client.get(article.get_absolute_url()).content.decode()

    assert '<div class="visually-hidden-field" aria-hidden="true">' in page
    assert 'name="website"' in page
    assert 'tabindex="-1"' in page


def test_posting_faster_than_a_person_types_is_refused_quietly(
    client, article, comment_data, settings
):
    settings.NEWSROOM_MIN_SECONDS_TO_POST = 3

    response, page = post(client, article, comment_data(body="Instant"))

    assert response.status_code == 400
    assert GENERIC in page
    assert "Instant</textarea>" in page


def test_a_person_who_took_their_time_gets_through(
    client, article, comment_data, settings
):
    settings.NEWSROOM_MIN_SECONDS_TO_POST = 3
    data = comment_data()
    # The captcha was shown a minute ago.
    captcha = CaptchaStore.objects.filter(hashkey=data["captcha_0"])
    captcha.update(expiration=captcha.get().expiration - timedelta(minutes=1))

    response, _ = post(client, article, data)

    assert response.status_code == 302


def test_a_too_fast_answer_uses_the_captcha_up(client, article, comment_data, settings):
    settings.NEWSROOM_MIN_SECONDS_TO_POST = 3
    data = comment_data()
    post(client, article, data)
    captcha = CaptchaStore.objects.filter(hashkey=data["captcha_0"])

    assert not captcha.exists()


def test_null_characters_are_refused_with_a_message(client, article, comment_data):
    response, page = post(client, article, comment_data(body="Hello\x00world"))

    assert response.status_code == 400
    assert "Null characters are not allowed." in page


def test_user_name_is_normalised_before_it_is_stored(client, article, comment_data):
    post(
        client,
        article,
        comment_data(user_name="  \uff2c\uff45\uff4e\uff41\u200b \u202eK\tB  "),
    )

    assert Comment.objects.get().user_name == "Lena K B"


def test_comment_is_normalised_before_it_is_stored(client, article, comment_data):
    post(
        client,
        article,
        comment_data(body="  Cafe\u0301\r\nsecond\x07 line\tend  "),
    )

    assert Comment.objects.get().body == "Café\nsecond line\tend"


def test_combined_emoji_count_as_one_character(client, article, comment_data):
    family = "👨\u200d👩\u200d👧"

    response, _ = post(client, article, comment_data(body="x" * 2999 + family))

    assert response.status_code == 302
    assert Comment.objects.get().body.endswith(family)
