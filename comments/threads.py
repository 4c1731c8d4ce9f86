"""A story's conversation as readers see it: threads in the order the
reader chose, a page at a time, each with its first replies.

Conversations are one level deep. A page lists threads (a top-level
comment and its replies), so an answer is always next to what it answers;
the Picks order lists the picked comments themselves.
"""

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db import models
from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber
from django.utils.translation import gettext_lazy as _

from articles import page_cache
from articles.models import Article

from .models import Comment, CommentQuerySet

THREADS_PER_PAGE = 50
REPLIES_SHOWN = 3
# What the page shows of each comment; everything else stays in the table.
SHOWN_FIELDS = (
    "user_name",
    "body",
    "created_at",
    "status",
    "removal_reason",
    "parent_id",
    "reply_to_id",
    "voice",
    "is_pick",
    "recommend_count",
    "reply_count",
    "removed_reply_count",
    "erased_at",
    "edited_at",
    "withdrawn_at",
)


class Sort(models.TextChoices):
    NEWEST = "newest", _("Newest")
    OLDEST = "oldest", _("Oldest")
    RECOMMENDED = "recommended", _("Most recommended")
    PICKS = "picks", _("Editors' picks")


DEFAULT_SORT = Sort.NEWEST
# The reader's order, remembered by their browser (see apps.py).
SORT_COOKIE = "comment_sort"
# Recommendations do not re-render a cached page (see views.recommend); a
# page ordered by them is rendered afresh at most this often.
RECOMMENDED_REFRESH_SECONDS = 60
# The order as a variant of the cached story page (see apps.py).
SORT_CHOICE = page_cache.ReaderChoice(
    parameter="sort",
    cookie=SORT_COOKIE,
    default=DEFAULT_SORT,
    values=frozenset(Sort.values),
    refresh_seconds={Sort.RECOMMENDED: RECOMMENDED_REFRESH_SECONDS},
)

ORDERINGS: dict[str, tuple[str, ...]] = {
    Sort.NEWEST: ("-created_at", "-id"),
    Sort.OLDEST: ("created_at", "id"),
    Sort.RECOMMENDED: ("-recommend_count", "-created_at", "-id"),
    Sort.PICKS: ("-created_at", "-id"),
}


def listed(article: Article, sort: str, *, with_removed: bool) -> CommentQuerySet:
    """What a sort lists, in its order: threads, or the picked comments.
    with_removed: removed comments keep their place, to state the reason."""
    on_story = Comment.objects.filter(article=article)
    if sort == Sort.PICKS:
        comments = on_story.published().picks()
    else:
        comments = on_story.threads(with_removed=with_removed)
    return comments.order_by(*ORDERINGS[sort])


@dataclass
class Thread:
    comment: Comment
    replies: list[Comment] = field(default_factory=list)
    more_replies: int = 0


def page(article: Article, sort: str, number: int | str, *, with_removed: bool) -> Page:
    """A page of the story's conversation; its items are Threads.

    Raises InvalidPage for a page past the last. At most four queries
    whatever the page holds: the count, the page, the first replies of its
    threads (none when no thread can have any), and the names of the
    comments replies answer.
    """
    paginator = Paginator(
        listed(article, sort, with_removed=with_removed).only(*SHOWN_FIELDS),
        THREADS_PER_PAGE,
    )
    found = paginator.page(number)
    comments = list(found.object_list)
    if sort == Sort.PICKS:
        # Listed on their own, so a picked reply says whom it answers.
        names = names_answered(comments, within_threads=True)
        items = [Thread(attach_name(comment, names)) for comment in comments]
    else:
        items = with_first_replies(comments, with_removed=with_removed)
    return Page(items, found.number, paginator)


def with_first_replies(comments: list[Comment], *, with_removed: bool) -> list[Thread]:
    threads = {comment.pk: Thread(comment) for comment in comments}
    shown = {
        comment.pk: comment.reply_count
        + (comment.removed_reply_count if with_removed else 0)
        for comment in comments
    }
    answered = [pk for pk, count in shown.items() if count]
    if not answered:
        return list(threads.values())
    replies = Comment.objects.filter(parent__in=answered).shown_in_threads(
        with_removed=with_removed
    )
    if max(shown.values()) > REPLIES_SHOWN:
        # Only the first few of each thread, however long it is.
        replies = replies.annotate(
            position=Window(
                RowNumber(),
                partition_by=[F("parent_id")],
                order_by=[F("created_at").asc(), F("id").asc()],
            )
        ).filter(position__lte=REPLIES_SHOWN)
    first = list(replies.only(*SHOWN_FIELDS).order_by("parent_id", "created_at", "id"))
    names = names_answered([*comments, *first])
    for reply in first:
        threads[reply.thread_id].replies.append(attach_name(reply, names))
    for pk, thread in threads.items():
        thread.more_replies = max(0, shown[pk] - len(thread.replies))
    return list(threads.values())


def whole_thread(top: Comment, *, with_removed: bool) -> Thread:
    """A thread with every reply readers see, oldest first."""
    replies = list(
        Comment.objects.filter(parent=top)
        .shown_in_threads(with_removed=with_removed)
        .only(*SHOWN_FIELDS)
        .order_by("created_at", "id")
    )
    names = names_answered(replies)
    return Thread(top, [attach_name(reply, names) for reply in replies])


def names_answered(
    comments: list[Comment], *, within_threads: bool = False
) -> dict[int, str]:
    """The names of the published comments these ones answer, in one query;
    a reply under the comment it answers needs none, unless within_threads."""
    answered = {
        comment.reply_to_id
        for comment in comments
        if comment.reply_to_id
        and (within_threads or comment.reply_to_id != comment.parent_id)
    }
    if not answered:
        return {}
    return dict(
        Comment.objects.published()
        .filter(pk__in=answered)
        .values_list("pk", "user_name")
    )


def attach_name(comment: Comment, names: dict[int, str]) -> Comment:
    comment.answers_name = names.get(comment.reply_to_id or 0, "")  # type: ignore[attr-defined]
    return comment


def position(comment: Comment, sort: str, *, with_removed: bool) -> tuple[int, bool]:
    """The page a comment is on in a sort that lists it, and whether the
    page shows it (a reply past the first few is on its thread's own page)."""
    listed_item = comment
    if sort != Sort.PICKS and comment.parent_id:
        listed_item = Comment.objects.get(pk=comment.parent_id)
    before = listed(comment.article, sort, with_removed=with_removed).filter(
        ordered_before(listed_item, ORDERINGS[sort])
    )
    number = before.count() // THREADS_PER_PAGE + 1
    if sort == Sort.PICKS or not comment.parent_id:
        return number, True
    earlier_replies = (
        Comment.objects.filter(parent_id=comment.parent_id)
        .shown_in_threads(with_removed=with_removed)
        .filter(
            Q(created_at__lt=comment.created_at)
            | Q(created_at=comment.created_at, pk__lt=comment.pk)
        )
        .count()
    )
    return number, earlier_replies < REPLIES_SHOWN


def ordered_before(comment: Comment, ordering: tuple[str, ...]) -> Q:
    """What comes before the comment in an ordering like ("-created_at", "-id")."""
    before = Q(pk__in=[])
    equal = Q()
    for term in ordering:
        name = term.lstrip("-")
        value = getattr(comment, "pk" if name == "id" else name)
        lookup = "gt" if term.startswith("-") else "lt"
        before |= equal & Q(**{f"{name}__{lookup}": value})
        equal &= Q(**{name: value})
    return before
