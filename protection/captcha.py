"""The captcha: its challenge, and using one up.

The challenge is two real words from the list the project ships: readable,
speakable, and with 265 words, one blind guess in about 70,000 succeeds.
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
from datetime import timedelta
from functools import cache

from captcha.models import CaptchaStore
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

WORDS_PER_CHALLENGE = 2


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


def word_challenge() -> tuple[str, str]:
    """Return (text drawn in the image, expected answer)."""
    words = random.SystemRandom().sample(captcha_words(), WORDS_PER_CHALLENGE)
    return " ".join(words).upper(), " ".join(words)


def guess_odds() -> int:
    """How many blind guesses it takes, on average, to pass once."""
    count = len(captcha_words())
    return count * (count - 1)


def normalize_answer(answer: str) -> str:
    return " ".join(answer.lower().split())


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
