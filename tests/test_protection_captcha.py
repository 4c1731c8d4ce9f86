import pytest
from django.core.exceptions import ImproperlyConfigured

from protection.captcha import captcha_words, word_challenge


@pytest.fixture(autouse=True)
def fresh_word_list():
    captcha_words.cache_clear()
    yield
    captcha_words.cache_clear()


def test_challenge_is_a_word_from_the_shipped_list(settings):
    shown, answer = word_challenge()

    words = settings.CAPTCHA_WORDS_DICTIONARY.read_text().split()
    assert answer in words
    assert shown == answer.upper()


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
    words.write_text("a\nan\nextraordinarily\n")
    settings.CAPTCHA_WORDS_DICTIONARY = words

    with pytest.raises(ImproperlyConfigured, match="has no word of 4 to 7 letters"):
        word_challenge()
