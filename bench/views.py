import django_comments
from django import forms
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from articles.views import get_public_article, json_ld, news_article_data
from comments.forms import COMMENT_LENGTH, USER_NAME_LENGTH
from comments.models import Comment
from protection.forms import HumanCheckForm


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


class CaptchaOnlyForm(HumanCheckForm):
    """Our comment form's captcha and nothing else a comment is checked by."""

    user_name = forms.CharField(max_length=USER_NAME_LENGTH)
    body = forms.CharField(max_length=COMMENT_LENGTH)


@require_POST
def least_post(request: HttpRequest, slug: str) -> HttpResponse:
    """The least a post can cost on this stack with our captcha kept: the
    story read, the captcha used up, one row stored, a redirect.

    Only for measuring: it skips every other check and record a comment
    gets (the moderation core), so it is served by the bench's URLs alone.
    """
    article = get_public_article(slug)
    address = request.META.get("REMOTE_ADDR")
    form = CaptchaOnlyForm(request.POST, client_address=address)
    if not form.is_valid():
        return HttpResponseBadRequest()
    Comment.objects.create(
        article=article,
        user_name=form.cleaned_data["user_name"],
        body=form.cleaned_data["body"],
        ip_address=address,
    )
    return redirect(article)
