"""How the comments app plugs into a story's page, as django-contrib-comments
plugs into any model: `{% comments_block article %}` renders the count, a
page of published comments and the form.

The list of comments is rendered in Python. The article page is the site's
hot path and can show 50 comments. Through the template language each
comment cost about half a millisecond (two URL reversals, date formatting,
filter lookups); here it costs a few microseconds. The markup is what a template would write, and every value
a reader or editor wrote is escaped with the standard library's html.escape,
which is what Django's escape filter uses.
"""

from html import escape
from typing import Any

from django import template
from django.core.paginator import InvalidPage, Page, Paginator
from django.http import Http404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import localtime

from articles.models import Article

from .. import workspace
from ..forms import CommentForm
from ..models import COMMENTS_PER_PAGE, Comment, CommentSettings

register = template.Library()


class StoredCountPaginator(Paginator):
    """Pages a story's comments by the count stored on the story, so the
    page costs no COUNT query."""

    def __init__(self, article: Article):
        super().__init__(
            Comment.objects.published()
            .filter(article=article)
            .only("user_name", "body", "created_at"),
            COMMENTS_PER_PAGE,
        )
        self.article = article

    @cached_property
    def count(self) -> int:
        return self.article.comment_count


@register.inclusion_tag("comments/_comments.html", takes_context=True)
def comments_block(context: template.Context, article: Article) -> dict[str, Any]:
    """The comments section of a story's page; a page number past the last
    is a 404, as a missing page of any list is."""
    try:
        page: Page = StoredCountPaginator(article).page(
            context["request"].GET.get("page", 1)
        )
    except InvalidPage as error:
        raise Http404(str(error)) from error
    return {
        "article": article,
        "accepts_comments": accepts_comments(article),
        "comments": page,
        "comment_count": article.comment_count,
        "comment_form": CommentForm(),
    }


def accepts_comments(article: Article) -> bool:
    """Whether the story takes comments now: its own setting and the
    site's switches (all closed at once, or outside staffed hours)."""
    return article.accepts_comments and not CommentSettings.current().closed_now()


COMMENT = """<article class="comment" id="comment-{pk}">
  {story}<header>
    <bdi class="comment-author">{user_name}</bdi>
    <time datetime="{iso}" data-relative>{when}</time>
  </header>
  <div class="comment-body" dir="auto">{body}</div>
  <footer class="comment-links">
    <a href="{permalinks}{pk}/">Permalink</a>
    <a href="{permalinks}{pk}/report/" rel="nofollow">Report</a>
  </footer>
</article>
"""

STORY = '<p class="forum-story">On <a href="{}">{}</a></p>\n  '


@register.inclusion_tag("admin/comments/_attention.html", takes_context=True)
def attention_summary(context: template.Context) -> dict[str, Any]:
    """For the admin's front page: what waits for a moderator, per story."""
    if not context["request"].user.has_perm("comments.can_moderate"):
        return {"shown": False}
    waiting = Comment.objects.needs_attention()
    return {
        "shown": True,
        "count": waiting.count(),
        "since": workspace.oldest_wait(waiting),
        "stories": workspace.waiting_by_story(),
    }


@register.simple_tag
def comment_list(comments, with_story: bool = False) -> SafeString:
    """The comments; with_story adds the story each is on (for the forum)."""
    # Reverse once for the whole list, not twice per comment.
    permalinks = escape(
        reverse("comments:permalink", kwargs={"pk": 0}).removesuffix("0/")
    )
    return mark_safe(  # every value below is escaped or built by format_html
        "".join(
            COMMENT.format(
                pk=int(comment.pk),
                user_name=escape(comment.user_name),
                iso=comment.created_at.isoformat(),
                # The site is in English; strftime spares a translation
                # lookup per comment.
                when=localtime(comment.created_at).strftime("%B %-d, %Y, %H:%M"),
                body=escape(comment.body).replace("\r\n", "\n").replace("\n", "<br>"),
                permalinks=permalinks,
                story=format_html(
                    STORY, comment.article.get_absolute_url(), comment.article.headline
                )
                if with_story
                else "",
            )
            for comment in comments
        )
    )
