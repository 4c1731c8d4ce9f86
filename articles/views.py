from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET
from django.views.generic import ListView

from comments.forms import CommentForm
from comments.models import COMMENTS_PER_PAGE, Comment

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


@require_GET
def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    article = get_object_or_404(
        Article.objects.published().select_related("section"), slug=slug
    )
    return render_article_page(request, article)


def render_article_page(
    request: HttpRequest,
    article: Article,
    *,
    comment_form: CommentForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The article page; the comment views use it to show a form with errors."""
    paginator = Paginator(
        Comment.objects.published().filter(article=article), COMMENTS_PER_PAGE
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
        "comment_form": comment_form or CommentForm(),
    }
    return render(request, "articles/article_detail.html", context, status=status)
