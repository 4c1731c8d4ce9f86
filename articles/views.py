import json
from typing import Any

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_cache_control
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_safe
from django.views.generic import ListView

from .models import Article, Section


class HomeView(ListView):
    template_name = "articles/home.html"
    context_object_name = "articles"
    paginate_by = 20

    def get_queryset(self):
        return Article.objects.published().select_related("section")


class SectionView(ListView):
    template_name = "articles/section.html"
    context_object_name = "articles"
    paginate_by = 20

    def get_queryset(self):
        self.section = get_object_or_404(Section, slug=self.kwargs["slug"])
        return (
            Article.objects.published()
            .filter(section=self.section)
            .select_related("section")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(section=self.section, **kwargs)


@require_safe
def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """The story, with the comments block the comments app's template tag
    adds; middleware.py caches the page for every reader."""
    response = render_article_page(request, get_public_article(slug))
    if reads_a_flash_message(request):
        # A page showing a reader their own message is theirs alone.
        patch_cache_control(response, private=True, no_store=True)
    return response


def reads_a_flash_message(request: HttpRequest) -> bool:
    """Whether the request carries a message the site signed for this reader.

    A made-up cookie must not push a request off the cached path, so the
    signature is checked (a few microseconds), not just the cookie's name.
    """
    value = request.COOKIES.get(CookieStorage.cookie_name)
    if not value:
        return False
    try:
        signing.get_cookie_signer(salt=CookieStorage.key_salt).unsign(value)
    except signing.BadSignature:
        return False
    return True


def get_public_article(slug: str) -> Article:
    return get_object_or_404(
        Article.objects.published().select_related("section"), slug=slug
    )


def render_article_page(request: HttpRequest, article: Article) -> HttpResponse:
    canonical_url = request.build_absolute_uri(article.get_absolute_url())
    image_url = (
        request.build_absolute_uri(article.lead_photo.url) if article.lead_photo else ""
    )
    context = {
        "article": article,
        "canonical_url": canonical_url,
        "image_url": image_url,
        "structured_data": json_ld(
            news_article_data(article, canonical_url, image_url, article.comment_count)
        ),
    }
    return render(request, "articles/article_detail.html", context)


# As json_script escapes: nothing in the data can close the script element.
JSON_IN_HTML = str.maketrans({"<": "\\u003C", ">": "\\u003E", "&": "\\u0026"})


def json_ld(data: dict) -> SafeString:
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(json.dumps(data).translate(JSON_IN_HTML)),
    )


def news_article_data(
    article: Article, url: str, image_url: str, comment_count: int
) -> dict[str, Any]:
    """schema.org NewsArticle, for search engines' story listings."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "OpinionNewsArticle" if article.is_opinion else "NewsArticle",
        "headline": article.headline,
        "description": article.summary,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": article.published_at.isoformat(),
        "dateModified": article.updated_at.isoformat(),
        "author": {"@type": "Person", "name": article.byline},
        "publisher": {"@type": "Organization", "name": settings.NEWSROOM_SITE_NAME},
        "articleSection": article.section.name,
        "commentCount": comment_count,
    }
    if image_url:
        data["image"] = [image_url]
    return data
