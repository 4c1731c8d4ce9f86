"""How the comments app plugs into a story's page, as django-contrib-comments
plugs into any model: `{% comments_block article %}` renders the count, the
orders, a page of threads (threads.py) and the form.

Comments are rendered in Python. The article page is the site's hot path
and can show 50 threads with their first replies. Through the template
language each comment cost about half a millisecond (two URL reversals,
date formatting, filter lookups); here it costs a few microseconds. The
markup is what a template would write, and every value a reader or editor
wrote is escaped with the standard library's html.escape, which is what
Django's escape filter uses.
"""

import zlib
from html import escape
from typing import Any
from urllib.parse import urlencode

from django import template
from django.core.paginator import InvalidPage, Page
from django.db.models import Min
from django.http import Http404
from django.urls import reverse
from django.utils import dateformat
from django.utils.formats import get_format
from django.utils.functional import SimpleLazyObject
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import get_current_timezone
from django.utils.translation import get_language, gettext, ngettext

from articles.models import Article

from .. import switches as on_pages
from .. import threads, workspace
from ..forms import CommentForm
from ..markup import comment_html
from ..models import Comment, CommentStatus, Report, Voice
from ..switches import accepts_comments

register = template.Library()


@register.inclusion_tag("comments/_comments.html", takes_context=True)
def comments_block(context: template.Context, article: Article) -> dict[str, Any]:
    """The comments section of a story's page in the reader's chosen order;
    an unknown order, or a page number past the last, is a 404, as a
    missing page of any list is."""
    query = context["request"].GET
    sort = query.get("sort", threads.DEFAULT_SORT)
    if sort not in threads.Sort.values:
        raise Http404("No such order of comments.")
    switches = on_pages.current()
    try:
        page = threads.page(
            article,
            sort,
            query.get("page", 1),
            with_removed=switches.state_removal_reasons,
        )
    except InvalidPage as error:
        raise Http404(str(error)) from error
    open_now = accepts_comments(article, switches)
    return {
        "article": article,
        "accepts_comments": open_now,
        "threads": page,
        "sort": sort,
        "sorts": sort_links(sort),
        "previous_url": page_url(sort, page.previous_page_number())
        if page.has_previous()
        else "",
        "next_url": page_url(sort, page.next_page_number()) if page.has_next() else "",
        "comment_count": article.comment_count,
        # Made only when the form is rendered, not when its part is cached.
        "comment_form": SimpleLazyObject(CommentForm),
        "conversation": conversation(page, article=article, replies_open=open_now),
        "empty_text": gettext("No editors’ picks yet.")
        if sort == threads.Sort.PICKS
        else gettext("No comments yet."),
    }


def sort_links(current: str) -> list[tuple[str, str, bool]]:
    """(label, address, whether it is the current order) for each order."""
    return [
        (str(sort.label), f"?sort={sort.value}#comments", sort == current)
        for sort in threads.Sort
    ]


def page_url(sort: str, number: int) -> str:
    query = {} if sort == threads.DEFAULT_SORT else {"sort": sort}
    if number > 1:
        query["page"] = str(number)
    return f"?{urlencode(query)}#comments" if query else "./#comments"


COMMENT = """<article class="comment{classes}" id="comment-{pk}">
  {story}<header>
    <span class="avatar avatar-{hue}" aria-hidden="true">{initial}</span>
    <bdi class="comment-author">{user_name}</bdi>{badge}
    <time datetime="{iso}" data-relative>{when}</time>{edited}{pick}
  </header>
  {answers}<div class="comment-body" dir="auto">{body}</div>
  <footer class="comment-links">
    <a href="{comments}{pk}/recommend/" rel="nofollow" class="action action-recommend" data-recommend="{pk}">{words[recommend]}</a>
    <span class="recommend-count" data-recommend-count="{pk}">{recommends}</span>
    {reply}<a href="{comments}{pk}/" class="action-quiet action-permalink"><span class="action-label">{words[permalink]}</span></a>
    <a href="{comments}{pk}/report/" rel="nofollow" class="action-quiet action-report" data-report>{words[report]}</a>
  </footer>
</article>
"""

PLACEHOLDER = """<article class="comment comment-gone{classes}" id="comment-{pk}">
  <p>{text}</p>
</article>
"""
AVATAR_COLOURS = 8
BADGE = ' <span class="badge badge-{voice}">{label}</span>'
PICK = ' <span class="pick-label">{label}</span>'
EDITED = ' <span class="comment-edited">{label}</span>'
ANSWERS = '<p class="answers">{text}</p>\n  '
ANSWERED = '<a href="{comments}{pk}/">{name}</a>'
REPLY = '<a href="{write}?reply_to={pk}#comment-form" rel="nofollow" class="action action-reply" data-reply="{pk}" data-reply-name="{name}">{label}</a>\n    '
STORY = '<p class="forum-story">{text}</p>\n  '
STORY_LINK = '<a href="{}">{}</a>'
MORE_REPLIES = (
    '<a class="more-replies" href="{comments}{pk}/thread/#comment-{last_shown}" '
    'data-more-replies="{comments}{pk}/thread/">{label}</a>\n'
)


class CommentRenderer:
    """Comments as HTML, for a whole list at once: URLs are reversed once
    for the list, not once or twice per comment."""

    def __init__(self, *, reply_url: str = "", with_story: bool = False):
        self.comments_url = escape(
            reverse("comments:permalink", kwargs={"pk": 0}).removesuffix("0/")
        )
        self.reply_url = escape(reply_url)
        self.with_story = with_story
        self.rules_url = escape(reverse("comments:rules"))
        self.recommendation_texts: dict[int, str] = {}
        self.avatars: dict[str, tuple[int, str]] = {}
        self.timezone = get_current_timezone()
        # The language's date and time format; English's as strftime, which
        # costs a tenth of Django's formatting on the site's hot path.
        self.datetime_format = get_format("DATETIME_FORMAT")
        self.strftime = "%B %-d, %Y, %H:%M" if get_language() == "en" else ""
        # The words around each comment, in the reader's language, looked up
        # once for the list.
        self.words = {
            name: escape(text)
            for name, text in {
                "recommend": gettext("Recommend"),
                "permalink": gettext("Permalink"),
                "report": gettext("Report"),
            }.items()
        }
        self.pick = PICK.format(label=escape(gettext("Editors’ pick")))
        self.edited = EDITED.format(label=escape(gettext("edited")))
        self.reply_label = escape(gettext("Reply"))
        # The name and story are links inside the sentence: {name}, {story}.
        self.replying_to = escape(gettext("Replying to {name}"))
        self.on_story = escape(gettext("On {story}"))
        self.removed = gettext(
            'This comment was removed by a moderator. Reason: <a href="{rules}">'
            "{reason}</a>."
        )
        self.erased = escape(gettext("This comment was erased on request."))
        self.withdrawn = escape(gettext("This comment was deleted by its author."))
        self.held = escape(gettext("This comment is waiting for a moderator’s review."))

    def avatar(self, user_name: str) -> tuple[int, str]:
        """The poster's generated avatar: one of eight colours, always the
        same for a name, and its first letter (drawn here, nothing fetched)."""
        if user_name not in self.avatars:
            initial = next((char for char in user_name if char.isalnum()), "?")
            self.avatars[user_name] = (
                zlib.crc32(user_name.encode()) % AVATAR_COLOURS,
                escape(initial.upper()),
            )
        return self.avatars[user_name]

    def recommendations(self, count: int) -> str:
        # Most counts repeat on a page: one translation lookup for each.
        if count not in self.recommendation_texts:
            self.recommendation_texts[count] = recommendations_text(count)
        return self.recommendation_texts[count]

    def when(self, moment) -> str:
        local = moment.astimezone(self.timezone)
        if self.strftime:
            return local.strftime(self.strftime)
        return dateformat.format(local, self.datetime_format)

    def comment(self, comment: Comment, *, extra_class: str = "") -> str:
        if comment.status != CommentStatus.PUBLISHED:
            return PLACEHOLDER.format(
                pk=int(comment.pk), classes=extra_class, text=self.gone_text(comment)
            )
        classes = extra_class
        if comment.is_pick:
            classes += " comment-pick"
        if comment.voice:
            classes += " comment-staff"
        name = escape(comment.user_name)
        answers_name = getattr(comment, "answers_name", "")
        hue, initial = self.avatar(comment.user_name)
        return COMMENT.format(
            pk=int(comment.pk),
            classes=classes,
            hue=hue,
            initial=initial,
            user_name=name,
            badge=BADGE.format(
                voice=comment.voice, label=escape(str(Voice(comment.voice).label))
            )
            if comment.voice
            else "",
            pick=self.pick if comment.is_pick else "",
            edited=self.edited if comment.edited_at else "",
            iso=comment.created_at.isoformat(),
            when=self.when(comment.created_at),
            answers=ANSWERS.format(
                text=self.replying_to.format(
                    name=ANSWERED.format(
                        comments=self.comments_url,
                        pk=comment.reply_to_id or 0,
                        name=escape(answers_name),
                    )
                )
            )
            if answers_name
            else "",
            body=comment_html(comment.body),
            comments=self.comments_url,
            recommends=self.recommendations(comment.recommend_count),
            reply=REPLY.format(
                write=self.reply_url,
                pk=int(comment.pk),
                name=name,
                label=self.reply_label,
            )
            if self.reply_url
            else "",
            story=STORY.format(
                text=self.on_story.format(
                    story=format_html(
                        STORY_LINK,
                        comment.article.get_absolute_url(),
                        comment.article.headline,
                    )
                )
            )
            if self.with_story
            else "",
            words=self.words,
        )

    def gone_text(self, comment: Comment) -> str:
        """The line in place of a comment readers cannot read: why."""
        if comment.erased_at:
            return self.erased
        if comment.withdrawn_at:
            return self.withdrawn
        if comment.status == CommentStatus.REMOVED:
            return self.removed.format(
                rules=f"{self.rules_url}#{escape(comment.removal_reason)}",
                reason=escape(str(comment.get_removal_reason_display())),
            )
        return self.held

    def thread(self, thread: threads.Thread) -> str:
        top = thread.comment
        parts = [self.comment(top)]
        if thread.replies or thread.more_replies:
            parts.append(f'<div class="replies" id="replies-{int(top.pk)}">\n')
            parts.extend(
                self.comment(reply, extra_class=" reply") for reply in thread.replies
            )
            if thread.more_replies:
                parts.append(
                    MORE_REPLIES.format(
                        comments=self.comments_url,
                        pk=int(top.pk),
                        last_shown=int(thread.replies[-1].pk),
                        label=ngettext(
                            "Show %d more reply",
                            "Show %d more replies",
                            thread.more_replies,
                        )
                        % thread.more_replies,
                    )
                )
            parts.append("</div>\n")
        return (
            f'<div class="thread" id="thread-{int(top.pk)}">\n{"".join(parts)}</div>\n'
        )


@register.filter
def comment_text(body: str) -> SafeString:
    """A comment's text as the story page shows it: paragraphs, quotes, links."""
    return mark_safe(comment_html(body))  # escaped by markup.py


def recommendations_text(count: int) -> str:
    if not count:
        return ""
    return ngettext("%d recommendation", "%d recommendations", count) % count


def renderer_for(article: Article, *, replies_open: bool) -> CommentRenderer:
    write = reverse("comments:write", kwargs={"slug": article.slug})
    return CommentRenderer(reply_url=write if replies_open else "")


def conversation(page: Page, *, article: Article, replies_open: bool) -> SafeString:
    """A page of threads: each comment with its first replies."""
    renderer = renderer_for(article, replies_open=replies_open)
    return mark_safe(  # every value is escaped or built by format_html
        "".join(renderer.thread(thread) for thread in page)
    )


@register.simple_tag
def whole_thread(thread: threads.Thread, article: Article) -> SafeString:
    """A thread with all its replies, for its page of its own."""
    renderer = renderer_for(article, replies_open=accepts_comments(article))
    return mark_safe(renderer.thread(thread))  # escaped by the renderer


@register.inclusion_tag("admin/comments/_attention.html", takes_context=True)
def attention_summary(context: template.Context) -> dict[str, Any]:
    """For the admin's front page: what waits for a moderator, per story."""
    if not context["request"].user.has_perm("comments.can_moderate"):
        return {"shown": False}
    waiting = Comment.objects.needs_attention()
    notices = Report.objects.illegal_content_notices().open()
    return {
        "shown": True,
        "count": waiting.count(),
        "since": workspace.oldest_wait(waiting),
        "stories": workspace.waiting_by_story(),
        "notices": notices.count(),
        "oldest_notice": notices.aggregate(oldest=Min("created_at"))["oldest"],
    }


@register.simple_tag
def comment_list(comments, with_story: bool = False) -> SafeString:
    """Comments one after another; with_story adds the story each is on (for
    the forum)."""
    renderer = CommentRenderer(with_story=with_story)
    return mark_safe(  # every value is escaped or built by format_html
        "".join(renderer.comment(comment) for comment in comments)
    )
