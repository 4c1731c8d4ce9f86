"""The captcha challenge: a real word from the list the project ships.

django-simple-captcha's own word challenge reads a system dictionary on every
challenge and loops forever when no word fits the configured lengths; this
one reads our list once and says clearly when it has no usable word.
"""

import random
from functools import cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@cache
def captcha_words() -> tuple[str, ...]:
    low = settings.CAPTCHA_DICTIONARY_MIN_LENGTH
    high = settings.CAPTCHA_DICTIONARY_MAX_LENGTH
    with open(settings.CAPTCHA_WORDS_DICTIONARY, encoding="utf-8") as words:
        usable = tuple(
            word
            for word in (line.strip().lower() for line in words)
            if word.isalpha() and word.isascii() and low <= len(word) <= high
        )
    if not usable:
        raise ImproperlyConfigured(
            f"{settings.CAPTCHA_WORDS_DICTIONARY} has no word of {low} to "
            f"{high} letters for the captcha."
        )
    return usable


def word_challenge() -> tuple[str, str]:
    """Return (text drawn in the image, expected answer)."""
    word = random.SystemRandom().choice(captcha_words())
    return word.upper(), word
