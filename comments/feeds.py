from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.text import Truncator
from django.utils.translation import gettext

from articles.models import Article

from .models import Comment


class StoryCommentsFeed(Feed):
    """The latest published comments on one story.

    Feed readers render an RSS item's title and description, and an Atom
    entry's summary, as HTML: what readers wrote is escaped for them, so
    that it arrives as the text it was, never as markup.
    """

    def get_object(self, request, slug: str) -> Article:
        return get_object_or_404(Article.objects.published(), slug=slug)

    def title(self, article: Article) -> str:
        return gettext("Comments on %(headline)s") % {"headline": article.headline}

    def link(self, article: Article) -> str:
        return f"{article.get_absolute_url()}#comments"

    def description(self, article: Article) -> str:
        return gettext("Readers' comments on %(headline)s.") % {
            "headline": article.headline
        }

    def items(self, article: Article):
        # Replies too: each says whom it answers.
        return (
            Comment.objects.published()
            .filter(article=article)
            .select_related("reply_to")[:50]
        )

    def item_title(self, comment: Comment) -> str:
        return escape(self.plain_title(comment))

    def plain_title(self, comment: Comment) -> str:
        who = comment.user_name
        answered = comment.reply_to
        if answered is not None and answered.status == Comment.Status.PUBLISHED:
            who = gettext("%(name)s, replying to %(answered)s") % {
                "name": who,
                "answered": answered.user_name,
            }
        return f"{who}: {Truncator(comment.body).words(12)}"

    def item_description(self, comment: Comment) -> str:
        return escape(comment.body)

    def item_link(self, comment: Comment) -> str:
        return comment.get_absolute_url()

    def item_author_name(self, comment: Comment) -> str:
        return comment.user_name

    def item_pubdate(self, comment: Comment):
        return comment.created_at


class StoryCommentsAtomFeed(StoryCommentsFeed):
    feed_type = Atom1Feed
    subtitle = StoryCommentsFeed.description

    def item_title(self, comment: Comment) -> str:
        # An Atom title is text, not HTML.
        return self.plain_title(comment)
