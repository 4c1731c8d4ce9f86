"""The captcha: its challenge, and using one up.

The challenge is two real words from the list the project ships: readable,
speakable, and with 265 words, one blind guess in about 70,000 succeeds.
A reader of a language whose readers may not read English words (Chinese)
is given six digits instead: every reader can read and type them (an
input method's full-width digits count), and one blind guess in a million
succeeds.
django-simple-captcha's own word challenge reads a system dictionary on
every challenge and loops forever when no word fits the configured lengths;
this one reads our list once and says clearly when it has no usable word.

A captcha is used up in one conditional delete whose row count decides, so
parallel replays of one solved captcha pass once. The row also says when
the captcha was issued, which bounds how fast a person can have answered:
a signed time the client sends back could be reused with fresh captchas.
"""

import enum
import random
import re
import unicodedata
from datetime import timedelta
from functools import cache

from captcha.models import CaptchaStore
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone, translation

WORDS_PER_CHALLENGE = 2
DIGITS_PER_CHALLENGE = 6
# The languages whose readers are asked for digits rather than English words.
DIGIT_LANGUAGES = frozenset({"zh-hans"})


@cache
def captcha_words() -> tuple[str, ...]:
    low = settings.CAPTCHA_DICTIONARY_MIN_LENGTH
    high = settings.CAPTCHA_DICTIONARY_MAX_LENGTH
    with open(settings.CAPTCHA_WORDS_DICTIONARY, encoding="utf-8") as words:
        usable = tuple(
            sorted(
                {
                    word
                    for word in (line.strip().lower() for line in words)
                    if word.isalpha() and word.isascii() and low <= len(word) <= high
                }
            )
        )
    if len(usable) < 2:
        raise ImproperlyConfigured(
            f"{settings.CAPTCHA_WORDS_DICTIONARY} has fewer than two words of "
            f"{low} to {high} letters for the captcha."
        )
    return usable


def asks_for_digits() -> bool:
    """Whether the reader's language is one that is asked for digits."""
    return translation.get_language() in DIGIT_LANGUAGES


def challenge() -> tuple[str, str]:
    """The captcha's challenge in the reader's language (settings'
    CAPTCHA_CHALLENGE_FUNCT): (text drawn in the image, expected answer)."""
    return digit_challenge() if asks_for_digits() else word_challenge()


def word_challenge() -> tuple[str, str]:
    words = random.SystemRandom().sample(captcha_words(), WORDS_PER_CHALLENGE)
    return " ".join(words).upper(), " ".join(words)


def digit_challenge() -> tuple[str, str]:
    digits = "".join(
        random.SystemRandom().choice("0123456789") for _ in range(DIGITS_PER_CHALLENGE)
    )
    # Spaced in the picture, so that each digit is read (and spoken) alone.
    return " ".join(digits), digits


def guess_odds(*, digits: bool = False) -> int:
    """How many blind guesses it takes, on average, to pass once."""
    if digits:
        return 10**DIGITS_PER_CHALLENGE
    count = len(captcha_words())
    return count * (count - 1)


def normalize_answer(answer: str) -> str:
    """Case and spacing ignored; full-width digits (as Chinese input methods
    type them) read as digits, and digits typed with spaces as one number."""
    answer = " ".join(unicodedata.normalize("NFKC", answer).lower().split())
    return SPACE_BETWEEN_DIGITS.sub("", answer)


SPACE_BETWEEN_DIGITS = re.compile(r"(?<=\d) (?=\d)")


class Outcome(enum.Enum):
    PASSED = "passed"
    WRONG = "wrong"
    TOO_FAST = "too fast"


def consume(key: str, answer: str) -> Outcome:
    """Use up the captcha: one attempt each, right or wrong."""
    now = timezone.now()
    lifetime = timedelta(minutes=settings.CAPTCHA_TIMEOUT)
    thinking_time = timedelta(seconds=settings.NEWSROOM_MIN_SECONDS_TO_POST)
    # A captcha expires a lifetime after it was issued; one issued less than
    # the thinking time ago expires later than this.
    latest_expiry = now + lifetime - thinking_time
    matching = CaptchaStore.objects.filter(
        hashkey=key, response=normalize_answer(answer), expiration__gt=now
    )
    if matching.filter(expiration__lte=latest_expiry).delete()[0]:
        return Outcome.PASSED
    too_fast = matching.delete()[0]
    CaptchaStore.objects.filter(hashkey=key).delete()
    return Outcome.TOO_FAST if too_fast else Outcome.WRONG
