import json

from django.conf import settings
from django.contrib import messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe
from django.views.generic import ListView

from comments.forms import CommentForm
from comments.models import COMMENTS_PER_PAGE, Comment

from . import newsletter, tips
from .forms import NewsletterForm, TipForm
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
    """The story and its comments; middleware.py caches it for every reader."""
    response = render_article_page(request, get_public_article(slug))
    if reads_a_flash_message(request):
        # A page showing a reader their own message is theirs alone.
        patch_cache_control(response, private=True, no_store=True)
    return response


def reads_a_flash_message(request: HttpRequest) -> bool:
    return CookieStorage.cookie_name in request.COOKIES


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
    canonical_url = request.build_absolute_uri(article.get_absolute_url())
    image_url = (
        request.build_absolute_uri(article.lead_photo.url) if article.lead_photo else ""
    )
    context = {
        "article": article,
        "canonical_url": canonical_url,
        "image_url": image_url,
        "structured_data": json_ld(
            news_article_data(article, canonical_url, image_url, paginator.count)
        ),
        "comments": comments,
        "comment_count": paginator.count,
        "comment_form": CommentForm(),
    }
    return render(request, "articles/article_detail.html", context)


# As json_script escapes: nothing in the data can close the script element.
JSON_IN_HTML = str.maketrans({"<": "\\u003C", ">": "\\u003E", "&": "\\u0026"})


def json_ld(data: dict) -> str:
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(json.dumps(data).translate(JSON_IN_HTML)),
    )


def news_article_data(
    article: Article, url: str, image_url: str, comment_count: int
) -> dict:
    """schema.org NewsArticle, for search engines' story listings."""
    data = {
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
        "commentCount": comment_count,
    }
    if image_url:
        data["image"] = [image_url]
    return data


def render_message(
    request: HttpRequest, title: str, message: str, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "articles/message.html",
        {"title": title, "message": message},
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def send_story(request: HttpRequest) -> HttpResponse:
    form = TipForm(request.POST if request.method == "POST" else None)
    status = 200
    if form.is_bound:
        status = 400
        if form.is_valid():
            try:
                tips.receive(
                    tip=form.save(commit=False),
                    ip_address=request.META.get("REMOTE_ADDR"),
                )
            except tips.TooSoon as limited:
                messages.error(
                    request,
                    _(
                        "You have sent several stories in a short time. Please try "
                        "again in %(wait)d minutes; your text is kept below."
                    )
                    % {"wait": max(1, limited.retry_after // 60)},
                )
                status = 429
            else:
                return redirect("articles:tip_sent")
    return render(request, "articles/send_story.html", {"form": form}, status=status)


@require_safe
def tip_sent(request: HttpRequest) -> HttpResponse:
    return render_message(
        request,
        _("Thank you for your story"),
        _(
            "It has reached our editors, who read every tip. If they follow it up, "
            "they will write to the address you gave."
        ),
    )


@require_http_methods(["GET", "HEAD", "POST"])
def newsletter_signup(request: HttpRequest) -> HttpResponse:
    form = NewsletterForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        newsletter.sign_up(
            email=form.cleaned_data["email"],
            site_url=request.build_absolute_uri("/").rstrip("/"),
            ip_address=request.META.get("REMOTE_ADDR"),
        )
        # The same answer whatever happened, so the form reveals nothing.
        return redirect("articles:newsletter_sent")
    status = 400 if form.is_bound else 200
    return render(request, "articles/newsletter.html", {"form": form}, status=status)


@require_safe
def newsletter_sent(request: HttpRequest) -> HttpResponse:
    return render_message(
        request,
        _("Check your inbox"),
        _(
            "If the address can receive our newsletter, a message is on its way. "
            "Open the link in it to confirm your subscription."
        ),
    )


@require_safe
def newsletter_confirm(request: HttpRequest, token: str) -> HttpResponse:
    try:
        newsletter.confirm(token)
    except newsletter.InvalidLink:
        return invalid_link(request)
    return render_message(
        request,
        _("You are subscribed"),
        _(
            "Thank you. The newsletter will arrive at your address; every issue "
            "has a link to unsubscribe."
        ),
    )


@csrf_exempt  # mail programs post here for one-click unsubscribe (RFC 8058)
@require_http_methods(["GET", "HEAD", "POST"])
def newsletter_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        newsletter.unsign(token, newsletter.UNSUBSCRIBE_SALT)
    except newsletter.InvalidLink:
        return invalid_link(request)
    if request.method == "POST":
        newsletter.unsubscribe(token)
        return render_message(
            request,
            _("You are unsubscribed"),
            _("We will not send the newsletter to this address again."),
        )
    # A page with one button, so that link checkers cannot unsubscribe anyone.
    return render(request, "articles/unsubscribe.html")


def invalid_link(request: HttpRequest) -> HttpResponse:
    return render_message(
        request,
        _("This link does not work"),
        _(
            "It may have expired or been cut short. Sign up again from the "
            "newsletter page to get a new one."
        ),
        status=400,
    )
