import functools
import time

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.cache import get_conditional_response
from django.utils.http import quote_etag

from . import page_cache
from .views import (
    REMEMBER_FOR,
    PageVariant,
    article_detail,
    page_variant,
    reads_a_flash_message,
)

# Shared caches (our nginx edge, a CDN, Varnish) may answer for the app for
# a second, and a moment longer while one request fetches the next copy;
# browsers ask each time, answered 304 while the ETag holds.
SHARED_CACHE_CONTROL = "public, max-age=0, s-maxage=1, stale-while-revalidate=1"
PRIVATE_CACHE_CONTROL = "private, no-cache"
KEPT_ON_NOT_MODIFIED = (
    "Content-Security-Policy",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "X-Frame-Options",
    "Cross-Origin-Opener-Policy",
    "Permissions-Policy",
    "Content-Language",
)


class ArticlePageCacheMiddleware:
    """Serve article pages from the cache, and cache the ones rendered.

    Readers far outnumber everything else the site serves, and an article
    page is the same for every one of them, so this middleware is the first
    one: a cached page is answered with the headers the whole stack gave it
    (security headers, CSP, ETag, Cache-Control), without the middleware
    below or the view. The page is kept under the story's versions (see
    page_cache), read before rendering, which double as the ETag.

    Anything else about the request (a page number written oddly, an order
    that does not exist, a reader's remembered order) goes down the stack
    to the view, which answers it with every header.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.article_prefix = None

    def __call__(self, request: HttpRequest) -> HttpResponse:
        slug = self.shared_article_slug(request)
        if slug is None:
            return self.get_response(request)
        # The language LocaleMiddleware would choose, from the same cookie
        # and Accept-Language: a cached page is served in it or not at all.
        cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        header = request.headers.get("Accept-Language", "")
        # Django reads no more of either than its first 500 characters and
        # whether there are more: cut to 501, the remembered answers stay
        # the same and their keys small.
        translation.activate(reader_language(cookie and cookie[:501], header[:501]))
        try:
            choice = page_variant(request)
        except Http404:
            choice = None
        if not isinstance(choice, PageVariant):
            return self.get_response(request)
        variant, freshness, remember = choice
        host = f"{request.scheme}://{request.get_host()}"
        read_at = time.time()
        versions, cached = page_cache.lookup(slug, variant, host, freshness)
        if cached is not None:
            response = cached.response()
        else:
            # For the page's parts (templatetags/page_parts.py).
            request.page_versions = versions  # type: ignore[attr-defined]
            response = self.get_response(request)
            if response.status_code != 200 or response.cookies:
                return response
            response["Cache-Control"] = SHARED_CACHE_CONTROL
            if versions:
                response["ETag"] = quote_etag(f"{versions.page(freshness)}-{variant}")
                page_cache.store(
                    variant,
                    versions,
                    freshness,
                    page_cache.CachedPage(list(response.items()), response.content),
                )
        answer = get_conditional_response(
            request, etag=response.get("ETag"), response=response
        )
        if answer is not None and answer is not response:
            # Django's 304 (or 412) keeps only the caching headers; a browser
            # applies the security headers of the answer it is actually given.
            for header in KEPT_ON_NOT_MODIFIED:
                if header in response:
                    answer[header] = response[header]
            response = answer
        if remember:
            for cookie, value in remember.items():
                response.set_cookie(
                    cookie,
                    value,
                    max_age=REMEMBER_FOR,
                    samesite="Lax",
                    secure=request.is_secure(),
                )
            # A shared cache must not hand this reader's cookie to others.
            response["Cache-Control"] = PRIVATE_CACHE_CONTROL
        else:
            # nginx counts a copy's life in whole seconds: s-maxage=1 would
            # keep one up to two. Expiring at the end of the second in which
            # the versions were read keeps what our edge serves within a
            # second of the state it shows (nginx alone reads this header).
            response["X-Accel-Expires"] = f"@{int(read_at)}"
        return response

    def shared_article_slug(self, request: HttpRequest) -> str | None:
        """The story's slug when this is an article page every reader shares."""
        if request.method not in ("GET", "HEAD") or reads_a_flash_message(request):
            return None
        if self.article_prefix is None:
            # Found once the URLs are loaded. Only paths under it are
            # resolved here, so other pages pay nothing for this middleware.
            self.article_prefix = reverse(
                "articles:detail", kwargs={"slug": "slug"}
            ).removesuffix("slug/")
        if not request.path_info.startswith(self.article_prefix):
            return None
        return article_slug(request.path_info)


@functools.lru_cache(maxsize=4096)
def article_slug(path: str) -> str | None:
    """The slug when the path is a story's page. Remembered: the resolver
    tries the site's routes one after another, on every cached page."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.kwargs["slug"] if match.func is article_detail else None


@functools.lru_cache(maxsize=1024)
def reader_language(cookie: str | None, accept_language: str) -> str:
    """The language LocaleMiddleware would choose from the cookie and the
    header: remembered, as every reader's browser sends one of a few."""
    request = HttpRequest()
    if cookie is not None:
        request.COOKIES[settings.LANGUAGE_COOKIE_NAME] = cookie
    request.META["HTTP_ACCEPT_LANGUAGE"] = accept_language
    return translation.get_language_from_request(request)
