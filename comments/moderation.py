"""Every change to a comment's state happens here.

The comment form, the admin and the management commands all call these
functions, so the rules and the history live in one place.
"""

from articles.models import Article

from .models import Comment, Reason, Report


class CommentsClosed(Exception):
    """The article no longer takes comments."""


def submit(
    *,
    article: Article,
    user_name: str,
    body: str,
    ip_address: str | None,
    user_agent: str,
) -> Comment:
    """Store a reader's comment; it is published at once (post-moderation)."""
    if not article.accepts_comments:
        raise CommentsClosed(article)
    return Comment.objects.create(
        article=article,
        user_name=user_name,
        body=body,
        ip_address=ip_address,
        user_agent=user_agent[: Comment._meta.get_field("user_agent").max_length],
        status=Comment.Status.PUBLISHED,
    )


def report(*, comment: Comment, reason: Reason, reporter_ip: str) -> Report:
    """Record a reader's report; a second report by the same reader is ignored."""
    report, _created = Report.objects.get_or_create(
        comment=comment, reporter_ip=reporter_ip, defaults={"reason": reason}
    )
    return report
