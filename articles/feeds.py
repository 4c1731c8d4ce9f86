from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext

from .models import Article, Section

FEED_LENGTH = 30


class StoryFeed(Feed):
    """What every feed of stories says about each story."""

    def item_title(self, article: Article) -> str:
        return article.headline

    def item_description(self, article: Article) -> str:
        return article.summary

    def item_author_name(self, article: Article) -> str:
        return article.byline

    def item_pubdate(self, article: Article):
        return article.published_at

    def item_updateddate(self, article: Article):
        return article.updated_at

    def item_categories(self, article: Article) -> list[str]:
        return [article.section.name]


class LatestStoriesFeed(StoryFeed):
    def title(self) -> str:
        return gettext("%(site)s: latest stories") % {
            "site": settings.NEWSROOM_SITE_NAME
        }

    def link(self) -> str:
        return reverse("articles:home")

    def description(self) -> str:
        return str(settings.NEWSROOM_SITE_TAGLINE)

    def items(self):
        return Article.objects.published().select_related("section")[:FEED_LENGTH]


class LatestStoriesAtomFeed(LatestStoriesFeed):
    feed_type = Atom1Feed
    subtitle = LatestStoriesFeed.description


class SectionFeed(StoryFeed):
    def get_object(self, request, slug: str) -> Section:
        return get_object_or_404(Section, slug=slug)

    def title(self, section: Section) -> str:
        return f"{settings.NEWSROOM_SITE_NAME}: {section.name}"

    def link(self, section: Section) -> str:
        return section.get_absolute_url()

    def description(self, section: Section) -> str:
        return gettext("The latest %(section)s stories.") % {"section": section.name}

    def items(self, section: Section):
        return (
            Article.objects.published()
            .filter(section=section)
            .select_related("section")[:FEED_LENGTH]
        )


class SectionAtomFeed(SectionFeed):
    feed_type = Atom1Feed
    subtitle = SectionFeed.description
