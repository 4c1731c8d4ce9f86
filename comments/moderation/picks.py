"""Editors' picks, and readers' recommendations."""

from collections.abc import Iterable

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import F

from ..models import Comment, ModerationEvent, Recommendation
from .recorder import ids_of, record


def pick(comments: Iterable[Comment], *, by: User) -> int:
    """Make published comments editors' picks; returns how many."""
    return _mark_picks(comments, by=by, picked=True)


def unpick(comments: Iterable[Comment], *, by: User) -> int:
    """Take comments out of the editors' picks; returns how many."""
    return _mark_picks(comments, by=by, picked=False)


def _mark_picks(comments: Iterable[Comment], *, by: User, picked: bool) -> int:
    with transaction.atomic():
        candidates = Comment.objects.filter(pk__in=ids_of(comments), is_pick=not picked)
        if picked:
            candidates = candidates.published()
        targets = list(
            candidates.select_for_update(of=("self",)).only("pk", "article_id")
        )
        if not targets:
            return 0
        Comment.objects.filter(pk__in=ids_of(targets)).update(is_pick=picked)
        action = (
            ModerationEvent.Action.PICKED if picked else ModerationEvent.Action.UNPICKED
        )
        record(targets, action=action, by=by)
    return len(targets)


class AlreadyRecommended(Exception):
    """This browser or address has recommended the comment before."""


def recommend(comment: Comment, *, ip_address: str, browser: str) -> int:
    """Count a reader's recommendation, once per browser and once per
    address; returns the comment's new count. The cached pages stay: counts
    reach them separately (see views.recommendation_counts)."""
    try:
        with transaction.atomic():
            Recommendation.objects.create(
                comment=comment, ip_address=ip_address, browser=browser
            )
            Comment.objects.filter(pk=comment.pk).update(
                recommend_count=F("recommend_count") + 1
            )
    except IntegrityError:
        raise AlreadyRecommended(comment) from None
    return Comment.objects.values_list("recommend_count", flat=True).get(pk=comment.pk)
