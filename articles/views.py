from django.contrib.messages.storage.cookie import CookieStorage
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import quote_etag
from django.views.decorators.http import require_safe
from django.views.generic import ListView

from comments.forms import CommentForm
from comments.models import COMMENTS_PER_PAGE, Comment

from . import page_cache
from .models import Article, Section


class HomeView(ListView):
    template_name = "articles/home.html"
    context_object_name = "articles"
    paginate_by = 20

    def get_queryset(self):
        return (
            Article.objects.published().with_comment_count().select_related("section")
        )


class SectionView(ListView):
    template_name = "articles/section.html"
    context_object_name = "articles"
    paginate_by = 20

    def get_queryset(self):
        self.section = get_object_or_404(Section, slug=self.kwargs["slug"])
        return (
            Article.objects.published()
            .filter(section=self.section)
            .with_comment_count()
            .select_related("section")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(section=self.section, **kwargs)


@require_safe
def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    page = request.GET.get("page", "1")
    # A page showing a reader their own flash message is theirs alone.
    if CookieStorage.cookie_name in request.COOKIES:
        response = render_article_page(request, get_public_article(slug))
        patch_cache_control(response, private=True, no_store=True)
        return response
    host = request.get_host()
    version, content = page_cache.lookup(slug, page, host)
    etag = quote_etag(f"{version}-{page}") if version else None
    if etag and (not_modified := get_conditional_response(request, etag=etag)):
        return not_modified
    if content is None:
        content = render_article_page(request, get_public_article(slug)).content
        if version:
            page_cache.store(slug, page, host, version, content)
    response = HttpResponse(content)
    if etag:
        response["ETag"] = etag
    # Anyone may keep a copy, but must check it is current before use.
    patch_cache_control(response, public=True, no_cache=True)
    return response


def get_public_article(slug: str) -> Article:
    return get_object_or_404(
        Article.objects.published().select_related("section"), slug=slug
    )


def render_article_page(request: HttpRequest, article: Article) -> HttpResponse:
    paginator = Paginator(
        Comment.objects.published()
        .filter(article=article)
        .only("user_name", "body", "created_at"),
        COMMENTS_PER_PAGE,
    )
    try:
        comments = paginator.page(request.GET.get("page", 1))
    except InvalidPage as error:
        raise Http404(str(error)) from error
    context = {
        "article": article,
        "canonical_url": request.build_absolute_uri(article.get_absolute_url()),
        "comments": comments,
        "comment_count": paginator.count,
        "comment_form": CommentForm(),
    }
    return render(request, "articles/article_detail.html", context)
