import re

from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
)
from django.urls import Resolver404, resolve, reverse
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import quote_etag

from . import page_cache
from .views import article_detail, reads_a_flash_message

CANONICAL_PAGE = re.compile(r"[1-9][0-9]{0,8}")
REMEMBER_FOR = 365 * 24 * 3600


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
        variant, freshness, remember = page, "", {}
        for choice in page_cache.reader_choices:
            value = request.GET.get(choice.parameter)
            remembered = request.COOKIES.get(choice.cookie, choice.default)
            if value is None:
                chose_before = (
                    remembered != choice.default and remembered in choice.values
                )
                if chose_before and not request.GET:
                    return self.redirect_to_remembered(request, choice, remembered)
                value = choice.default
            elif value not in choice.values:
                raise Http404(f"No such {choice.parameter}.")
            elif value != remembered:
                remember[choice.cookie] = value
            variant += f":{value}"
            freshness += choice.refresh_bucket(value)
        host = request.get_host()
        version, content = page_cache.lookup(slug, variant, host, freshness)
        etag = quote_etag(f"{version}-{variant}") if version else None
        if etag and (not_modified := get_conditional_response(request, etag=etag)):
            return not_modified
        if content is not None:
            response = HttpResponse(content)
        else:
            response = self.get_response(request)
            if response.status_code != 200:
                return response
            if version:
                page_cache.store(slug, variant, host, version, response.content)
        if etag:
            response["ETag"] = etag
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
            patch_cache_control(response, private=True, no_cache=True)
            return response
        # Anyone may keep a copy, but must check it is current before use.
        patch_cache_control(response, public=True, no_cache=True)
        return response

    @staticmethod
    def redirect_to_remembered(
        request: HttpRequest, choice: page_cache.ReaderChoice, value: str
    ) -> HttpResponseRedirect:
        """The bare story address, for a reader who chose an order before:
        to that order's own (cached) address."""
        response = HttpResponseRedirect(f"{request.path}?{choice.parameter}={value}")
        patch_cache_control(response, private=True, no_store=True)
        patch_vary_headers(response, ["Cookie"])
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
        query = request.GET.copy()
        query.pop("page")
        if number > 1:
            query["page"] = str(number)
        encoded = query.urlencode()
        return HttpResponsePermanentRedirect(
            f"{request.path}?{encoded}" if encoded else request.path
        )

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
