from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve, reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import quote_etag

from . import page_cache
from .views import article_detail, reads_a_flash_message


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
        page = request.GET.get("page", "1")
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
