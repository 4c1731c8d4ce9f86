"""When a comment's risk is scored: while it is posted when a threshold
could hold it (the site's or its section's), so that the hold happens
before anyone reads it; otherwise by the task worker a moment later, for
the queue's order and the card, so that the site's web workers never load
the models unless a newsroom holds by score."""

from django.tasks import task

from .. import extensions
from ..models import Comment


def score_now(threshold: float | None) -> bool:
    return threshold is not None


def later(comment: Comment) -> None:
    """Have the worker score the comment. Called in the transaction that
    stores it: the task is a row of the same database, so the two commit
    together (no comment left unscored) and the worker cannot see the task
    before the comment."""
    score_comments.enqueue([comment.pk])


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
