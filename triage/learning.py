"""The model learned from this site's moderators: comments they removed as
abusive, racist, spam or illegal against comments that stayed published
(approved or never questioned), the latest 100,000. Off-topic and "other"
removals say nothing about the words, so they teach nothing.

The task worker trains a new version every so many removals
(NEWSROOM_RISK_RETRAIN_AFTER) and from the hourly housekeeping when any
decision is new. Before a version is put in use it is checked against the
moderators' latest decisions: one that disagrees with them more than the
version in use (a history poisoned by a rogue moderator approving abuse,
say) is kept, marked refused with the figures, and not used. Earlier
versions are kept, so that the admin can put one back.
"""

import io
import time
from collections.abc import Sequence

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.tasks import task
from django.utils.translation import gettext as _

from comments.models import Comment, ModerationEvent, Reason

from . import scoring
from .models import SiteModel

TAUGHT_BY = [Reason.ABUSIVE, Reason.RACIST, Reason.SPAM, Reason.ILLEGAL]
DECISIONS_LEARNED = 100_000
# Each new version is checked against this many of the latest decisions.
CHECKED_ON = 200
# How much less a new version may agree with them than the one in use.
TOLERANCE = 0.02
# A version needs at least this many removals and as many kept comments.
AT_LEAST = 5
VERSIONS_KEPT = 5
TRAINING = "triage:training"


def decisions(limit: int = DECISIONS_LEARNED) -> tuple[list[str], list[int]]:
    """The latest decisions, newest first: each comment's text as the
    scores read it, and 1 if a moderator removed it, 0 if it stayed."""
    mine = {"erased_at": None, "withdrawn_at": None}
    removed = Comment.objects.removed().filter(removal_reason__in=TAUGHT_BY, **mine)
    kept = Comment.objects.published().filter(**mine)
    rows = sorted(
        [
            *((pk, name, body, 1) for pk, name, body in _latest(removed, limit)),
            *((pk, name, body, 0) for pk, name, body in _latest(kept, limit)),
        ],
        reverse=True,
    )[:limit]
    texts = [scoring.readings(name, body)[0] for _pk, name, body, _label in rows]
    return texts, [label for *_rest, label in rows]


def _latest(comments, limit: int):
    return comments.order_by("-pk").values_list("pk", "user_name", "body")[:limit]


def new_pipeline():
    """Letters in runs of two to four, hashed (no vocabulary to keep, any
    language), and a logistic regression that weighs the few removals as
    much as the many kept comments."""
    from sklearn.feature_extraction.text import HashingVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    return make_pipeline(
        HashingVectorizer(
            analyzer="char_wb",
            ngram_range=(2, 4),
            n_features=2**18,
            alternate_sign=False,
            lowercase=False,
        ),
        # Weakly regularised: a handful of removals is enough to learn a
        # wave of spam the general model has never seen.
        LogisticRegression(class_weight="balanced", max_iter=1000, C=30),
    )


def agreement(
    predict: scoring.Predict, texts: Sequence[str], labels: Sequence[int]
) -> float:
    """The share of these decisions the model would have made too."""
    if not texts:
        return 1.0
    made = [int(value >= 0.5) for value in predict(texts)]
    return sum(a == b for a, b in zip(made, labels, strict=True)) / len(texts)


def train() -> SiteModel | None:
    """Train a version on the latest decisions and keep it; put it in use
    unless it agrees less with the latest decisions than the version in
    use. None when there is too little to learn from."""
    import joblib

    texts, labels = decisions()
    removals = sum(labels)
    if removals < AT_LEAST or len(labels) - removals < AT_LEAST:
        return None
    started = time.perf_counter()
    pipeline = new_pipeline().fit(texts, labels)
    seconds = time.perf_counter() - started
    latest_texts, latest_labels = texts[:CHECKED_ON], labels[:CHECKED_ON]
    new = agreement(
        lambda batch: pipeline.predict_proba(list(batch))[:, 1],
        latest_texts,
        latest_labels,
    )
    current = SiteModel.objects.in_use().first()
    old = (
        agreement(
            scoring.loaded(current.pk, current.created_at), latest_texts, latest_labels
        )
        if current
        else None
    )
    refused = ""
    if old is not None and new < old - TOLERANCE:
        refused = _(
            "It agrees with %(new).0f%% of the latest %(count)d decisions, the "
            "version in use with %(old).0f%%."
        ) % {"new": new * 100, "old": old * 100, "count": len(latest_texts)}
    stored = io.BytesIO()
    joblib.dump(pipeline, stored, compress=3)
    with transaction.atomic():
        if not refused:
            SiteModel.objects.in_use().update(in_use=False)
        version = SiteModel.objects.create(
            decisions=len(labels),
            removals=removals,
            seconds=seconds,
            agreement=new,
            previous_agreement=old,
            in_use=not refused,
            refused=refused,
            pipeline=stored.getvalue(),
        )
        _forget_old_versions()
    return version


def notice() -> str:
    """What the dashboard says when the latest version was refused
    (extensions.dashboard_notices)."""
    latest = SiteModel.objects.only("pk", "refused").first()
    if latest is None or not latest.refused:
        return ""
    return _(
        "The site's risk model, version %(number)s, was not put in use: "
        "%(why)s Risk scores, site model versions, says more."
    ) % {"number": latest.pk, "why": latest.refused}


def put_in_use(version: SiteModel) -> None:
    """Use this version from now on (putting an earlier one back)."""
    with transaction.atomic():
        SiteModel.objects.in_use().update(in_use=False)
        SiteModel.objects.filter(pk=version.pk).update(in_use=True, refused="")


def _forget_old_versions() -> None:
    kept = SiteModel.objects.values_list("pk", flat=True)[:VERSIONS_KEPT]
    SiteModel.objects.exclude(pk__in=list(kept)).exclude(in_use=True).delete()


@task
def train_site_model() -> int | None:
    """The worker's training; returns the new version's number."""
    try:
        version = train()
    finally:
        cache.delete(TRAINING)
    return version.pk if version else None


def _train_soon() -> None:
    # One training queued or running at a time.
    if cache.add(TRAINING, True, 3600):
        transaction.on_commit(train_site_model.enqueue)


def after_change(comments: Sequence[Comment], action: str, to: str | None) -> None:
    """Every so many removals, train again (extensions.after_change)."""
    if action != ModerationEvent.Action.REMOVED:
        return
    latest = SiteModel.objects.values_list("created_at", flat=True).first()
    removals = ModerationEvent.objects.filter(action=ModerationEvent.Action.REMOVED)
    if latest is not None:
        removals = removals.filter(created_at__gt=latest)
    if removals.count() >= settings.NEWSROOM_RISK_RETRAIN_AFTER:
        _train_soon()


def retrain_if_due() -> int:
    """Housekeeping: train again when any comment was decided on since the
    latest version. Returns 1 when a training was queued."""
    latest = SiteModel.objects.values_list("created_at", flat=True).first()
    decided = ModerationEvent.objects.filter(
        action__in=[ModerationEvent.Action.REMOVED, ModerationEvent.Action.APPROVED]
    )
    if latest is not None:
        decided = decided.filter(created_at__gt=latest)
    if not decided.exists():
        return 0
    _train_soon()
    return 1
