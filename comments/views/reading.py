"""Reading comments away from the story: the forum, a comment's link, its
thread, and the community rules."""

from datetime import timedelta
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe
from django.views.generic import ListView

from articles.models import Article
from articles.views import get_public_article

from .. import switches, threads
from ..models import (
    Comment,
    CommentSettings,
    most_discussed_stories,
)


def get_public_comment(pk: int) -> Comment:
    return get_object_or_404(Comment.objects.public().select_related("article"), pk=pk)


class ForumView(ListView):
    """The latest discussion across all stories."""

    template_name = "comments/forum.html"
    context_object_name = "comments"
    paginate_by = threads.THREADS_PER_PAGE

    def get_queryset(self):
        return Comment.objects.public().select_related("article")

    def get_context_data(self, **kwargs):
        now = timezone.now()
        return super().get_context_data(
            most_discussed_today=most_discussed_stories(since=now - timedelta(days=1)),
            most_discussed_week=most_discussed_stories(since=now - timedelta(days=7)),
            **kwargs,
        )


@require_safe
def permalink(request: HttpRequest, pk: int) -> HttpResponse:
    return redirect(where_to_find(get_public_comment(pk), request))


def where_to_find(
    comment: Comment, request: HttpRequest, *, just_posted: bool = False
) -> str:
    """Where the reader will find a comment: its page of the story in the
    reader's order, or its thread's own page for a reply past the first
    few."""
    remembered = request.COOKIES.get(threads.SORT_COOKIE, threads.DEFAULT_SORT)
    sort = remembered if remembered in threads.Sort.values else threads.DEFAULT_SORT
    if sort == threads.Sort.PICKS and not comment.is_pick:
        sort = threads.DEFAULT_SORT
    if just_posted and sort == threads.Sort.NEWEST and not comment.parent_id:
        # First in the newest order. Counting would be no more exact: the
        # page is read after the redirect, when more may have come.
        number, on_page = 1, True
    else:
        # As the pages it points to were rendered: with this process's
        # switches.
        with_removed = switches.current().state_removal_reasons
        number, on_page = threads.position(comment, sort, with_removed=with_removed)
    if not on_page:
        thread_page = reverse("comments:thread", kwargs={"pk": comment.parent_id})
        return f"{thread_page}#comment-{comment.pk}"
    query = {"sort": sort} if sort != threads.DEFAULT_SORT else {}
    if number > 1:
        query["page"] = str(number)
    if not query and remembered != threads.DEFAULT_SORT:
        # The bare story address would take the reader to their own order.
        query["sort"] = threads.DEFAULT_SORT
    address = comment.article.get_absolute_url()
    if query:
        address += f"?{urlencode(query)}"
    return f"{address}#comment-{comment.pk}"


@require_safe
def thread(request: HttpRequest, pk: int) -> HttpResponse:
    """A comment with every reply under it, on a page of its own: where
    "Show more replies" leads without JavaScript, and what it fetches with
    it (?partial=replies)."""
    with_removed = CommentSettings.current().state_removal_reasons
    top = get_object_or_404(
        Comment.objects.threads(with_removed=with_removed).filter(
            article__in=Article.objects.published()
        ),
        pk=pk,
    )
    article = get_public_article(top.article.slug)
    template = "comments/thread.html"
    if request.GET.get("partial") == "replies":
        template += "#replies"
    return render(
        request,
        template,
        {
            "article": article,
            "thread": threads.whole_thread(top, with_removed=with_removed),
        },
    )


@require_safe
def community_rules(request: HttpRequest) -> HttpResponse:
    """What moderators remove and why; each removed comment's line links to
    its reason here."""
    return render(request, "comments/rules.html")
