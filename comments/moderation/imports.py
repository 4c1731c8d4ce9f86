"""Comments brought from another system, stored as they were there, and
the stored counts brought up to date after any bulk store."""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from articles import page_cache
from articles.models import Article

from .. import extensions, text
from ..models import Comment, CommentStatus, ModerationEvent
from .recorder import Retire, record


def store_imported(
    comments: list[Comment], histories: list[list[ModerationEvent]], *, origin: str
) -> list[Comment]:
    """Store comments brought from another system as they were there: their
    status, dates, threads and history, with one more step saying where they
    came from. No rule or limit applies: they were moderated where they were
    written. The caller sets each reply's parent and reply_to, and brings the
    stored counts and cached pages up to date once at the end, with
    recount_comments."""
    risks = extensions.risk_of_each([(c.user_name, c.body) for c in comments])
    for comment, risk in zip(comments, risks, strict=True):
        comment.fingerprint = text.fingerprint(comment.body)
        # Scored as posted comments are, never held for it: they keep the
        # status they had.
        for field, value in extensions.risk_fields(risk).items():
            setattr(comment, field, value)
    with transaction.atomic():
        stored = Comment.objects.bulk_create(comments)
        # The history they had where they were written, as it was.
        ModerationEvent.objects.bulk_create(
            [
                _history_step(event, comment)
                for comment, history in zip(stored, histories, strict=True)
                for event in history
            ]
        )
        record(
            stored,
            action=ModerationEvent.Action.IMPORTED,
            reason=lambda comment: comment.removal_reason,
            rule=lambda comment: comment.hold_rule,
            detail=origin[: ModerationEvent._meta.get_field("detail").max_length],
            at=timezone.now(),
            retire=Retire.NOTHING,
            # Comments another system had are news to nobody here.
            told=False,
        )
    return stored


def _history_step(event: ModerationEvent, comment: Comment) -> ModerationEvent:
    event.comment = comment
    return event


def recount_comments(articles: Iterable[Article]) -> int:
    """Count the stories' published comments, and their threads' published
    and removed replies, afresh: for comments stored in bulk (imports, demo
    content, benchmarks) rather than one by one through the moderation
    core."""
    published = (
        Comment.objects.published()
        .filter(article=OuterRef("pk"))
        .order_by()
        .values("article")
        .annotate(count=Count("pk"))
        .values("count")
    )

    def replies(status: CommentStatus, **only) -> Subquery:
        return Subquery(
            Comment.objects.filter(parent=OuterRef("pk"), status=status, **only)
            .order_by()
            .values("parent")
            .annotate(count=Count("pk"))
            .values("count")
        )

    ids = [article.pk for article in articles]
    with transaction.atomic():
        changed = Article.objects.filter(pk__in=ids).update(
            comment_count=Coalesce(Subquery(published), 0)
        )
        Comment.objects.filter(article__in=ids, parent__isnull=True).update(
            reply_count=Coalesce(replies(CommentStatus.PUBLISHED), 0),
            removed_reply_count=Coalesce(
                replies(CommentStatus.REMOVED, was_public=True), 0
            ),
        )
        for slug in Article.objects.filter(pk__in=ids).values_list("slug", flat=True):
            page_cache.invalidate_comments(slug)
    return changed
