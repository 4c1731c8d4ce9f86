import io
import re

import pytest
from django.core.exceptions import ImproperlyConfigured
from PIL import Image, ImageStat

from protection import captcha, captcha_picture
from protection.captcha import captcha_words, guess_odds, word_challenge


@pytest.fixture(autouse=True)
def fresh_word_list():
    captcha_words.cache_clear()
    yield
    captcha_words.cache_clear()


def test_challenge_is_two_different_words_from_the_shipped_list(settings):
    shown, answer = word_challenge()

    words = settings.CAPTCHA_WORDS_DICTIONARY.read_text().split()
    first, second = answer.split()
    assert first in words
    assert second in words
    assert first != second
    assert shown == answer.upper()


def test_a_blind_guess_passes_less_than_once_in_ten_thousand():
    assert guess_odds() > 10_000


def test_shipped_list_has_enough_words_of_the_configured_length(settings):
    words = captcha_words()

    assert len(words) >= 200
    assert all(
        settings.CAPTCHA_DICTIONARY_MIN_LENGTH
        <= len(word)
        <= settings.CAPTCHA_DICTIONARY_MAX_LENGTH
        for word in words
    )


def test_a_list_with_no_usable_word_is_a_clear_error(settings, tmp_path):
    words = tmp_path / "words.txt"
    words.write_text("a\nharbour\nextraordinarily\n")
    settings.CAPTCHA_WORDS_DICTIONARY = words

    with pytest.raises(ImproperlyConfigured, match="fewer than two words of 4 to 7"):
        word_challenge()


def test_every_word_in_the_list_is_drawn_whole_at_both_sizes():
    """No letter is cut at the picture's edge or inside it: all the ink of
    every letter, drawn on its own, is on the picture."""
    words = captcha.captcha_words()
    longest = sorted(words, key=len)[-2:]
    for text in [*(word.upper() for word in words), " ".join(longest).upper()]:
        for scale in (1, 2):
            ink, letters = captcha_picture.place(text, scale=scale, seed=text)
            assert ink.size == (
                captcha_picture.WIDTH * scale,
                captcha_picture.HEIGHT * scale,
            )
            drawn = sum(ImageStat.Stat(ink).sum)
            expected = sum(sum(ImageStat.Stat(mask).sum) for mask in letters)
            assert drawn == pytest.approx(expected, rel=0.001), (text, scale)
            left, top, right, bottom = ink.getbbox()
            assert left > 0 and top > 0, (text, scale)
            assert right < ink.width and bottom < ink.height, (text, scale)


def test_a_letter_is_never_cut_when_it_is_turned():
    """A turned "L" keeps its foot: the mask holds all of the letter's ink."""
    upright = captcha_picture.letter("L", 68, 0)
    turned = captcha_picture.letter("L", 68, 20)
    assert sum(ImageStat.Stat(turned).sum) == pytest.approx(
        sum(ImageStat.Stat(upright).sum), rel=0.03
    )


@pytest.mark.django_db
def test_the_picture_comes_at_twice_the_size_for_sharp_screens(client):
    security = client.get("/comments/form-security/").content.decode()
    key = re.search(r'name="captcha_0" value="([0-9a-f]+)"', security).group(1)

    assert f'srcset="/captcha/image/{key}@2/ 2x"' in security
    assert 'width="320" height="80"' in security
    one = Image.open(io.BytesIO(client.get(f"/captcha/image/{key}/").content))
    two = Image.open(io.BytesIO(client.get(f"/captcha/image/{key}@2/").content))
    assert (one.size, two.size) == ((320, 80), (640, 160))
    assert client.get("/captcha/image/0123456789abcdef/").status_code == 410


@pytest.mark.django_db
def test_a_picture_is_drawn_once_however_often_it_is_asked_for(client, monkeypatch):
    security = client.get("/comments/form-security/").content.decode()
    key = re.search(r'name="captcha_0" value="([0-9a-f]+)"', security).group(1)
    drawn = []
    draw = captcha_picture.draw
    monkeypatch.setattr(
        captcha_picture, "draw", lambda *a, **kw: drawn.append(1) or draw(*a, **kw)
    )

    first = client.get(f"/captcha/image/{key}/").content
    again = client.get(f"/captcha/image/{key}/").content

    assert first == again
    assert len(drawn) == 1
