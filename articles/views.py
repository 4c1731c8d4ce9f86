import json
import re
from typing import Any, NamedTuple

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core import signing
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
)
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_safe
from django.views.generic import ListView

from . import page_cache
from .models import Article, Section

CANONICAL_PAGE = re.compile(r"[1-9][0-9]{0,8}")
REMEMBER_FOR = 365 * 24 * 3600


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
    if isinstance(choice := page_variant(request), HttpResponse):
        return choice
    response = render_article_page(request, get_public_article(slug))
    if reads_a_flash_message(request):
        # A page showing a reader their own message is theirs alone.
        patch_cache_control(response, private=True, no_store=True)
    return response


class PageVariant(NamedTuple):
    """Which cached copy of a story's page a request asks for."""

    name: str  # the language, page number and each choice: "en:2:oldest"
    freshness: str  # see ReaderChoice.refresh_bucket
    remember: dict[str, str]  # cookies to set: choices the reader just made


def page_variant(request: HttpRequest) -> PageVariant | HttpResponse:
    """The variant of the story's page the request asks for, or a redirect
    to its one address: "?page=01" and "?page=+2" go to "?page=2", "?page=1"
    to the story itself, and the bare story to the order the reader chose
    before. Anything that is no page number or choice is a 404."""
    page = request.GET.get("page")
    if page is None:
        page = "1"
    elif page == "1" or not CANONICAL_PAGE.fullmatch(page):
        return redirect_to_canonical_page(request, page)
    # Each language's page is its own copy (the middleware activates the
    # reader's language first, as LocaleMiddleware does for the view).
    name, freshness, remember = f"{translation.get_language()}:{page}", "", {}
    for choice in page_cache.reader_choices:
        value = request.GET.get(choice.parameter)
        remembered = request.COOKIES.get(choice.cookie, choice.default)
        if value is None:
            chose_before = remembered != choice.default and remembered in choice.values
            if chose_before and not request.GET:
                return redirect_to_remembered(request, choice, remembered)
            value = choice.default
        elif value not in choice.values:
            raise Http404(f"No such {choice.parameter}.")
        elif value != remembered:
            remember[choice.cookie] = value
        name += f":{value}"
        freshness += choice.refresh_bucket(value)
    return PageVariant(name, freshness, remember)


def redirect_to_remembered(
    request: HttpRequest, choice: page_cache.ReaderChoice, value: str
) -> HttpResponseRedirect:
    """The bare story address, for a reader who chose an order before:
    to that order's own (cached) address."""
    response = HttpResponseRedirect(f"{request.path}?{choice.parameter}={value}")
    patch_cache_control(response, private=True, no_store=True)
    patch_vary_headers(response, ["Cookie"])
    return response


def redirect_to_canonical_page(
    request: HttpRequest, page: str
) -> HttpResponsePermanentRedirect:
    try:
        number = int(page)
    except ValueError:
        number = 0
    # A number too long to be a page would redirect to itself for ever.
    if number < 1 or not CANONICAL_PAGE.fullmatch(str(number)):
        raise Http404("No such page of comments.")
    query = request.GET.copy()
    query.pop("page")
    if number > 1:
        query["page"] = str(number)
    encoded = query.urlencode()
    return HttpResponsePermanentRedirect(
        f"{request.path}?{encoded}" if encoded else request.path
    )


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
        "inLanguage": article.language,
        "commentCount": comment_count,
    }
    if image_url:
        data["image"] = [image_url]
    return data
