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
    return _change(
        Article.objects.filter(
            pk__in=[article.pk for article in articles], comments_open=not is_open
        ),
        by=by,
        message=message,
        comments_open=is_open,
    )


def apply_section_rules(sections: Iterable[Section], *, by: User) -> tuple[int, int]:
    """Bring the sections' published stories that take comments under their
    section's rules now: pre-moderated where the section pre-moderates new
    stories, closed where it closes them. Rules only ever tighten here: a
    story an editor chose to pre-moderate or close stays so. Returns how
    many stories were pre-moderated and how many closed."""
    in_sections = Article.objects.published().filter(
        comments_open=True, section__in=[section.pk for section in sections]
    )
    with transaction.atomic():
        premoderated = _change(
            in_sections.filter(
                section__new_stories_premoderated=True, premoderated=False
            ),
            by=by,
            message=gettext("Pre-moderated, as its section is"),
            premoderated=True,
        )
        closed = close_comments(
            in_sections.filter(section__new_stories_closed=True), by=by
        )
    return premoderated, closed


def _change(candidates, *, by: User, message: str, **fields) -> int:
    """Change the stories (locked first, then changed only if still so),
    record it in the admin's log and retire their cached pages, in one
    transaction; returns how many changed."""
    with transaction.atomic():
        targets = list(candidates.select_for_update())
        if not targets:
            return 0
        Article.objects.filter(pk__in=[article.pk for article in targets]).update(
            **fields
        )
        LogEntry.objects.log_actions(
            user_id=by.pk, queryset=targets, action_flag=CHANGE, change_message=message
        )
        for article in targets:
            page_cache.invalidate(article.slug)
    return len(targets)
