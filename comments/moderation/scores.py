"""When a comment's risk is scored: while it is posted when a threshold
could hold it (the site's or its section's), so that the hold happens
before anyone reads it; otherwise by the task worker a moment later, for
the queue's order and the card, so that the site's web workers never load
the models unless a newsroom holds by score."""

from django.db import transaction
from django.tasks import task

from .. import extensions
from ..models import Comment


def score_now(threshold: float | None) -> bool:
    return threshold is not None


def later(comment: Comment) -> None:
    """Score the comment once it is stored (it committed)."""
    pk = comment.pk
    transaction.on_commit(lambda: score_comments.enqueue([pk]))


@task
def score_comments(comment_ids: list[int]) -> int:
    """Score these comments as they read now; returns how many."""
    comments = list(
        Comment.objects.filter(pk__in=comment_ids).only("pk", "user_name", "body")
    )
    risks = extensions.risk_of_each([(c.user_name, c.body) for c in comments])
    for comment, risk in zip(comments, risks, strict=True):
        for field, value in extensions.risk_fields(risk).items():
            setattr(comment, field, value)
    Comment.objects.bulk_update(comments, ["risk", "risk_reason"])
    return len(comments)
