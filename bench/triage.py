"""How well the risk score sorts comments, and what it costs.

    .venv/bin/python bench/triage.py [--decisions 100000]

On the labelled comments of bench/triage_comments.py (civil comments on hard
subjects and abusive ones without swear words, English and Chinese):

- ROC AUC of the general model alone, and of the score as the site computes
  it once the site's model has learned from moderators (two folds: the
  site's model learns from one half and scores the other);
- at the suggested threshold, the share of abusive comments held and of
  civil comments wrongly held;
- a spam wave no model knows: after how many removals the next comment of
  the wave scores above the threshold, with a training after each removal
  and as the worker trains (every NEWSROOM_RISK_RETRAIN_AFTER removals);
- the time to score a comment as posting does, and to train the site's
  model on that many decisions.

Runs on a fresh SQLite database in a temporary folder.
"""

import argparse
import math
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

THRESHOLD = 0.9


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--decisions", type=int, default=100_000)
    arguments = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="newsroom-triage-")
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from sklearn.metrics import roc_auc_score

    from bench.triage_comments import ABUSIVE, CIVIL, wave
    from triage import learning, scoring

    call_command("migrate", verbosity=0)
    general = scoring.general_model()

    def general_score(comment: str) -> float:
        return max(general(scoring.readings("Reader", comment)))

    comments = CIVIL + ABUSIVE
    labels = [0] * len(CIVIL) + [1] * len(ABUSIVE)
    alone = [general_score(comment) for comment in comments]

    # Two folds: the site's model learns from one half, scores the other.
    combined = [0.0] * len(comments)
    for fold in (0, 1):
        learned = [i for i in range(len(comments)) if i % 2 != fold]
        pipeline = learning.new_pipeline().fit(
            [scoring.readings("Reader", comments[i])[0] for i in learned],
            [labels[i] for i in learned],
        )
        for i in range(len(comments)):
            if i % 2 == fold:
                site = pipeline.predict_proba(scoring.readings("Reader", comments[i]))
                combined[i] = max(alone[i], *site[:, 1])

    def held(scores, label, threshold) -> float:
        chosen = [s for s, each in zip(scores, labels, strict=True) if each == label]
        return sum(s > threshold for s in chosen) / len(chosen)

    print(
        f"{len(CIVIL)} civil and {len(ABUSIVE)} abusive comments, English and Chinese"
    )
    print(
        f"{'':22} {'ROC AUC':>8} {'held above':>11} {'abusive held':>13} {'civil held':>11}"
    )
    for name, scores in [
        ("general model alone", alone),
        ("general + site model", combined),
    ]:
        auc = roc_auc_score(labels, scores)
        for threshold in (0.5, 0.7, THRESHOLD):
            print(
                f"{name:22} {auc:8.2f} {threshold:11} "
                f"{held(scores, 1, threshold):13.0%} {held(scores, 0, threshold):11.0%}"
            )

    # The wave: the site's history (kept civil comments, removed abuse),
    # then removals of the wave one by one.
    history = [scoring.readings("Reader", c)[0] for c in comments]
    caught_after = None
    for removed in range(1, 31):
        pipeline = learning.new_pipeline().fit(
            history + [scoring.readings("Reader", wave(n))[0] for n in range(removed)],
            labels + [1] * removed,
        )
        unseen = scoring.readings("Reader", wave(100 + removed))
        if max(pipeline.predict_proba(unseen)[:, 1]) > THRESHOLD:
            caught_after = removed
            break
    every = settings.NEWSROOM_RISK_RETRAIN_AFTER
    if caught_after is None:
        print("spam wave: not held after 30 removals")
    else:
        worker = math.ceil(caught_after / every) * every
        print(
            f"spam wave: the next comment is held after {caught_after} removals "
            f"(training after each); after {worker} with the worker training "
            f"every {every}"
        )

    # Cost: scoring as posting does (no site model yet, then with one).
    timed = comments * 3
    for label in ("without", "with"):
        if label == "with":
            with_model(learning, comments, labels)
        started = time.perf_counter()
        for comment in timed:
            scoring.score_each([("Reader", comment)])
        each = (time.perf_counter() - started) / len(timed) * 1000
        print(f"scoring a comment {label} the site's model: {each:.1f} ms")

    rng = random.Random(7)
    texts = [
        f"{rng.choice(comments)} {rng.choice(comments)} {rng.randrange(10**6)}"
        for _ in range(arguments.decisions)
    ]
    decided = [rng.random() < 0.1 for _ in texts]
    started = time.perf_counter()
    learning.new_pipeline().fit([t.casefold() for t in texts], decided)
    print(
        f"training the site's model on {arguments.decisions:,} decisions: "
        f"{time.perf_counter() - started:.1f} s"
    )
    print(
        "median comment length:",
        statistics.median(len(t) for t in texts),
        "characters",
    )


def with_model(learning, comments, labels) -> None:
    """Put a site model in use, as the worker would."""
    learning_decisions = learning.decisions
    learning.decisions = lambda: (
        [c.casefold() for c in comments],
        labels,
    )
    try:
        learning.train()
    finally:
        learning.decisions = learning_decisions


if __name__ == "__main__":
    main()
