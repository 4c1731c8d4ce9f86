import re

from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
)
from django.urls import Resolver404, resolve, reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import quote_etag

from . import page_cache
from .views import article_detail, reads_a_flash_message

CANONICAL_PAGE = re.compile(r"[1-9][0-9]{0,8}")


class ArticlePageCacheMiddleware:
    """Serve article pages from the cache, and cache the ones rendered.

    Readers far outnumber everything else the site serves, and an article
    page is the same for every one of them, so a cached page needs none of
    the middleware below this one (sessions, CSRF, users, messages) nor the
    view. The page is kept under the story's version (see page_cache), which
    is read before rendering, and doubles as the ETag.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.article_prefix = None

    def __call__(self, request: HttpRequest) -> HttpResponse:
        slug = self.shared_article_slug(request)
        if slug is None:
            return self.get_response(request)
        page = request.GET.get("page")
        if page is None:
            page = "1"
        elif page == "1" or not CANONICAL_PAGE.fullmatch(page):
            # One address per page, so the cache keeps one copy of each:
            # "?page=01" and "?page=+2" are sent to "?page=2", "?page=1" to
            # the story itself; anything that is no page number is no page.
            return self.redirect_to_canonical_page(request, page)
        host = request.get_host()
        version, content = page_cache.lookup(slug, page, host)
        etag = quote_etag(f"{version}-{page}") if version else None
        if etag and (not_modified := get_conditional_response(request, etag=etag)):
            return not_modified
        if content is not None:
            response = HttpResponse(content)
        else:
            response = self.get_response(request)
            if response.status_code != 200:
                return response
            if version:
                page_cache.store(slug, page, host, version, response.content)
        if etag:
            response["ETag"] = etag
        # Anyone may keep a copy, but must check it is current before use.
        patch_cache_control(response, public=True, no_cache=True)
        return response

    @staticmethod
    def redirect_to_canonical_page(
        request: HttpRequest, page: str
    ) -> HttpResponsePermanentRedirect:
        try:
            number = int(page)
        except ValueError:
            number = 0
        if number < 1:
            raise Http404("No such page of comments.")
        query = f"?page={number}" if number > 1 else ""
        return HttpResponsePermanentRedirect(f"{request.path}{query}")

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
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None
        return match.kwargs["slug"] if match.func is article_detail else None
