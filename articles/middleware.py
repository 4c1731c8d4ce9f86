from django.urls import Resolver404, resolve, reverse

from .views import article_detail, cached_article_page, reads_a_flash_message


class CachedArticlePageMiddleware:
    """Answer warm article pages before sessions, CSRF, users and messages.

    Readers far outnumber everything else the site serves, and a cached
    article page is the same for every one of them, so it needs none of the
    middleware below this one, nor the view's own machinery. Everything
    else, and pages that must be rendered, goes on down the stack as usual.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.article_prefix = None

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and not reads_a_flash_message(request):
            slug = self.article_slug(request.path_info)
            if slug and (response := cached_article_page(request, slug)):
                return response
        return self.get_response(request)

    def article_slug(self, path: str) -> str | None:
        if self.article_prefix is None:
            # Resolved once URLs are loaded; only paths under it are resolved,
            # so other pages pay nothing for this middleware.
            self.article_prefix = reverse(
                "articles:detail", kwargs={"slug": "slug"}
            ).removesuffix("slug/")
        if not path.startswith(self.article_prefix):
            return None
        try:
            match = resolve(path)
        except Resolver404:
            return None
        return match.kwargs["slug"] if match.func is article_detail else None
