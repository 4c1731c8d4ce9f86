"""Every change to a story's state made outside its edit form: closing and
reopening its comments.

Like the comments app's moderation module, each function records what it
did in the admin's log and retires the story's cached pages, in one
transaction with the change.
"""

from collections.abc import Iterable

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext

from . import page_cache
from .models import Article


def close_comments(articles: Iterable[Article], *, by: User) -> int:
    """Stop new comments on the stories; returns how many changed."""
    return _set_comments_open(
        articles, False, by=by, message=gettext("Closed comments")
    )


def reopen_comments(articles: Iterable[Article], *, by: User) -> int:
    """Take new comments on the stories again; returns how many changed."""
    return _set_comments_open(
        articles, True, by=by, message=gettext("Reopened comments")
    )


def _set_comments_open(
    articles: Iterable[Article], is_open: bool, *, by: User, message: str
) -> int:
    with transaction.atomic():
        targets = list(
            Article.objects.select_for_update().filter(
                pk__in=[article.pk for article in articles], comments_open=not is_open
            )
        )
        if not targets:
            return 0
        Article.objects.filter(pk__in=[article.pk for article in targets]).update(
            comments_open=is_open
        )
        LogEntry.objects.log_actions(
            user_id=by.pk, queryset=targets, action_flag=CHANGE, change_message=message
        )
        for article in targets:
            page_cache.invalidate(article.slug)
    return len(targets)
