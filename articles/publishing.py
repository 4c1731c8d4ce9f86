"""Every change to a story's state made outside its edit form: closing and
reopening its comments, and bringing a section's open stories under its
comment rules.

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
from .models import Article, Section


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


def apply_section_rules(sections: Iterable[Section], *, by: User) -> tuple[int, int]:
    """Bring the sections' published stories that take comments under their
    section's rules now: pre-moderated where the section pre-moderates new
    stories, closed where it closes them. Rules only ever tighten here: a
    story an editor chose to pre-moderate or close stays so. Returns how
    many stories were pre-moderated and how many closed."""
    open_stories = Article.objects.published().filter(comments_open=True)
    strict = [section.pk for section in sections]
    with transaction.atomic():
        to_premoderate = list(
            open_stories.select_for_update().filter(
                section__in=strict,
                section__new_stories_premoderated=True,
                premoderated=False,
            )
        )
        Article.objects.filter(pk__in=[story.pk for story in to_premoderate]).update(
            premoderated=True
        )
        if to_premoderate:
            LogEntry.objects.log_actions(
                user_id=by.pk,
                queryset=to_premoderate,
                action_flag=CHANGE,
                change_message=gettext("Pre-moderated, as its section is"),
            )
        for article in to_premoderate:
            page_cache.invalidate(article.slug)
        closed = close_comments(
            open_stories.filter(section__in=strict, section__new_stories_closed=True),
            by=by,
        )
    return len(to_premoderate), closed
