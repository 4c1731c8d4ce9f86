import pytest
from django.core.exceptions import ImproperlyConfigured

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
