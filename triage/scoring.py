"""A comment's risk score, computed on this server when it is posted: how
likely a moderator is to remove it, from 0 to 1.

Two models read the same normalised text as the banned words (no accents,
case, look-alike letters, invisible characters or spaced-out letters): the
general one that ships inside alt-profanity-check (English insults and
abuse, trained elsewhere, downloaded never), and the one learned from this
site's own moderators (learning.py), once there is one in use. The higher
score counts. Nothing leaves the server.

The words that weighed most are found by reading the comment again without
each of them (one batch, a few milliseconds), for risky comments only.
"""

import functools
import io
import logging
import re
from collections.abc import Callable, Sequence
from datetime import datetime

from comments import rules
from comments.extensions import Risk

from .models import SiteModel

logger = logging.getLogger(__name__)

Predict = Callable[[Sequence[str]], Sequence[float]]

WORD = re.compile(r"\w+")
# Words are looked for only in comments at least this risky.
EXPLAINED_FROM = 0.5
WORDS_TRIED = 20
WORDS_SHOWN = 3
# A word counts when leaving it out lowers the score by this much.
WEIGHS = 0.05


def readings(user_name: str, body: str) -> list[str]:
    """The text as the models read it; once more with digits and symbols
    read as the letters they stand for ("1d10t")."""
    text = rules.plain_text(f"{user_name}\n{body}")
    return list(dict.fromkeys([text, text.translate(rules.SYMBOL_LOOK_ALIKES)]))


@functools.cache
def general_model() -> Predict:
    """alt-profanity-check's model, loaded once per process (about a second)."""
    from profanity_check import profanity_check

    return profanity_check.predict_prob


def site_model() -> Predict | None:
    """The version of the site's model in use, or None."""
    current = SiteModel.objects.in_use().values_list("pk", "created_at").first()
    return None if current is None else loaded(*current)


# By number and time of training: a number alone can come back (a test's
# rolled-back database, a restored backup).
@functools.lru_cache(maxsize=2)
def loaded(version: int, trained_at: datetime) -> Predict:
    import joblib

    stored = SiteModel.objects.values_list("pipeline", flat=True).get(
        pk=version, created_at=trained_at
    )
    pipeline = joblib.load(io.BytesIO(bytes(stored)))
    return lambda texts: pipeline.predict_proba(list(texts))[:, 1]


def score(user_name: str, body: str) -> Risk | None:
    """The comment's risk and the words that weighed most
    (extensions.risk_scorers); None if no model could read it."""
    try:
        texts = readings(user_name, body)
        best: tuple[float, Predict, str] | None = None
        for predict in filter(None, [general_model(), site_model()]):
            for text, value in zip(texts, predict(texts), strict=True):
                if best is None or value > best[0]:
                    best = (float(value), predict, text)
        if best is None:
            return None
        value, predict, text = best
        words = explain(predict, text, value) if value >= EXPLAINED_FROM else ()
        return Risk(round(value, 4), words)
    # Posting never waits on the score: a comment that cannot be scored is
    # posted unscored, as if the score were off.
    except Exception:
        logger.exception("A comment could not be scored")
        return None


def explain(predict: Predict, text: str, value: float) -> tuple[str, ...]:
    """The words of text whose absence lowers its score most."""
    words = list(dict.fromkeys(WORD.findall(text)))[:WORDS_TRIED]
    if not words:
        return ()
    without = [re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", " ", text) for word in words]
    drops = [value - float(each) for each in predict(without)]
    ranked = sorted(zip(drops, words, strict=True), key=lambda pair: -pair[0])
    return tuple(word for drop, word in ranked[:WORDS_SHOWN] if drop >= WEIGHS)
