import django_comments
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from articles.views import get_public_article, json_ld, news_article_data


def contrib_comments_article(request: HttpRequest, slug: str) -> HttpResponse:
    """The article page as a site on django-contrib-comments serves it.

    The story and its page are ours; the comments are that app's, counted,
    listed and offered a form by its own template tags and templates.
    """
    article = get_public_article(slug)
    comment_count = (
        django_comments.get_model()
        .objects.for_model(article)
        .filter(is_public=True, is_removed=False)
        .count()
    )
    canonical_url = request.build_absolute_uri(article.get_absolute_url())
    context = {
        "article": article,
        "canonical_url": canonical_url,
        "structured_data": json_ld(
            news_article_data(article, canonical_url, "", comment_count)
        ),
        "comment_count": comment_count,
    }
    return render(request, "bench/contrib_comments_article.html", context)
