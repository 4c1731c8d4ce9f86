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
import math
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
# A word counts when leaving it out lowers the score's log-odds this much
# (log-odds, not the score: in a comment full of insults leaving one out
# hardly moves a score of 0.999, but it still weighs).
WEIGHS = 0.5


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


def score_each(comments: Sequence[tuple[str, str]]) -> list[Risk | None]:
    """Each comment's risk and the words that weighed most, from one batch
    per model (extensions.risk_scorers); None for all if no model could
    read them."""
    try:
        each = [readings(user_name, body) for user_name, body in comments]
        texts = [text for readings_of_one in each for text in readings_of_one]
        models = [predict for predict in (general_model(), site_model()) if predict]
        values = [list(predict(texts)) for predict in models] if texts else []
        risks: list[Risk | None] = []
        start = 0
        for readings_of_one in each:
            value, predict, text = max(
                (float(found[start + offset]), model, reading)
                for model, found in zip(models, values, strict=True)
                for offset, reading in enumerate(readings_of_one)
            )
            start += len(readings_of_one)
            words = explain(predict, text, value) if value >= EXPLAINED_FROM else ()
            risks.append(Risk(round(value, 4), words))
        return risks
    # Posting and importing never wait on the score: comments that cannot
    # be scored are stored unscored, as if the score were off.
    except Exception:
        logger.exception("Comments could not be scored")
        return [None] * len(comments)


def log_odds(value: float) -> float:
    value = min(max(value, 1e-9), 1 - 1e-9)
    return math.log(value / (1 - value))


def explain(predict: Predict, text: str, value: float) -> tuple[str, ...]:
    """The words of text whose absence lowers its score most."""
    words = list(dict.fromkeys(WORD.findall(text)))[:WORDS_TRIED]
    if not words:
        return ()
    without = [re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", " ", text) for word in words]
    drops = [log_odds(value) - log_odds(float(each)) for each in predict(without)]
    ranked = sorted(zip(drops, words, strict=True), key=lambda pair: -pair[0])
    return tuple(word for drop, word in ranked[:WORDS_SHOWN] if drop >= WEIGHS)
