import math
from datetime import timedelta

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)
from django.views.generic import ListView

from articles.models import Article
from articles.views import get_public_article
from protection import limits
from protection.views import issues_captcha

from . import moderation
from .forms import CommentForm, ReportForm
from .models import COMMENTS_PER_PAGE, Comment, Reason, most_discussed_stories
from .templatetags.comment_tags import accepts_comments

HELD_SHOWN = 50


@require_POST
@issues_captcha
def post_comment(request: HttpRequest, slug: str) -> HttpResponse:
    form = CommentForm(request.POST, client_address=request.META.get("REMOTE_ADDR"))
    article = Article.objects.published().filter(slug=slug).first()
    if article is None:
        return refuse_unavailable(request, form)
    if not accepts_comments(article):
        return refuse_closed(request, article, form)
    if "new_captcha" in request.POST:
        # Without JavaScript, "New image" submits the form: show a fresh
        # picture and keep what the reader typed, without posting.
        fresh = CommentForm(
            initial={
                "user_name": form["user_name"].value(),
                "body": form["body"].value(),
            }
        )
        return render_write_page(request, article, fresh)
    if not form.is_valid():
        if form.too_soon:
            response = render_write_page(request, article, form, status=429)
            response["Retry-After"] = str(form.too_soon)
            return response
        return render_write_page(request, article, form, status=400)
    try:
        comment = moderation.submit(
            article=article,
            user_name=form.cleaned_data["user_name"],
            body=form.cleaned_data["body"],
            ip_address=request.META.get("REMOTE_ADDR"),
            user_agent=request.headers.get("User-Agent", ""),
        )
    except moderation.CommentsClosed:
        # Closed between the check above and now.
        return refuse_closed(request, article, form)
    except moderation.PosterBanned as banned:
        messages.error(
            request,
            _(
                "Your comment was not posted: a moderator has banned this "
                "address or user name from commenting %(duration)s."
            )
            % {"duration": banned.ban.duration_text},
        )
        return render_write_page(request, article, form, status=403)
    except limits.TooSoon as limited:
        messages.error(
            request,
            _(
                "You are posting faster than we allow. Your comment was not "
                "posted yet: please try again in %(wait)s. Your text is kept below."
            )
            % {"wait": timesince_words(limited.retry_after)},
        )
        response = render_write_page(request, article, form, status=429)
        response["Retry-After"] = str(limited.retry_after)
        return response
    if comment.status == Comment.Status.HELD:
        messages.info(
            request,
            _(
                "Thank you! Your comment is awaiting moderation and will appear "
                "once a moderator has approved it."
            ),
        )
        return redirect(f"{article.get_absolute_url()}#comments")
    messages.success(request, _("Thank you! Your comment is published."))
    return redirect(f"{article.get_absolute_url()}#comment-{comment.pk}")


def timesince_words(seconds: int) -> str:
    if seconds < 60:
        return ngettext("%d second", "%d seconds", seconds) % seconds
    minutes = math.ceil(seconds / 60)
    return ngettext("%d minute", "%d minutes", minutes) % minutes


def refuse_closed(
    request: HttpRequest, article: Article, form: CommentForm
) -> HttpResponse:
    messages.error(
        request,
        _(
            "Comments on this story are closed, so your comment was not "
            "posted. Your text is below if you want to keep it."
        ),
    )
    return render_write_page(request, article, form, status=403)


def refuse_unavailable(request: HttpRequest, form: CommentForm) -> HttpResponse:
    """The story was taken down while the reader wrote: keep their text."""
    response = render(
        request, "comments/story_unavailable.html", {"form": form}, status=404
    )
    patch_cache_control(response, private=True, no_store=True)
    return response


@require_safe
@issues_captcha
def write_comment(request: HttpRequest, slug: str) -> HttpResponse:
    """The comment form on a page of its own, for readers without JavaScript."""
    article = get_public_article(slug)
    return render_write_page(request, article, CommentForm())


@require_safe
@issues_captcha
def form_security(request: HttpRequest) -> HttpResponse:
    """The captcha and form tokens, fetched when a reader starts to comment.

    Kept out of the article page so that viewing a story writes nothing
    (each captcha is a database row) and the page can be cached for all.
    """
    response = render(
        request,
        "comments/_comment_form.html#form-security",
        {"form": CommentForm()},
    )
    patch_cache_control(response, private=True, no_store=True)
    return response


def render_write_page(
    request: HttpRequest, article: Article, form: CommentForm, status: int = 200
) -> HttpResponse:
    response = render(
        request,
        "comments/write.html",
        {
            "article": article,
            "accepts_comments": accepts_comments(article),
            "form": form,
            "with_security": True,
        },
        status=status,
    )
    patch_cache_control(response, private=True, no_store=True)
    return response


@require_safe
def moderation_tools(request: HttpRequest, slug: str) -> HttpResponse:
    """For a moderator reading a story: its held comments, and what the
    story page's script needs to decide on them and on the published ones.
    Nobody else learns anything here, not even that it exists."""
    if not request.user.has_perm("comments.can_moderate"):
        raise Http404
    article = get_object_or_404(Article, slug=slug)
    held = article.comments.held().order_by("created_at")[:HELD_SHOWN]
    response = JsonResponse(
        {
            "decide_url": reverse("admin:comments_comment_decide"),
            "csrf_token": get_token(request),
            "can_ban": request.user.has_perm("comments.add_ban"),
            "reasons": [[reason.value, str(reason.label)] for reason in Reason],
            "held": [
                {
                    "pk": comment.pk,
                    "user_name": comment.user_name,
                    "body": comment.body,
                    "rule": str(comment.get_hold_rule_display()),
                }
                for comment in held
            ],
        }
    )
    patch_cache_control(response, private=True, no_store=True)
    return response


def get_public_comment(pk: int) -> Comment:
    return get_object_or_404(Comment.objects.public().select_related("article"), pk=pk)


class ForumView(ListView):
    """The latest discussion across all stories."""

    template_name = "comments/forum.html"
    context_object_name = "comments"
    paginate_by = COMMENTS_PER_PAGE

    def get_queryset(self):
        return Comment.objects.public().select_related("article")

    def get_context_data(self, **kwargs):
        now = timezone.now()
        return super().get_context_data(
            most_discussed_today=most_discussed_stories(since=now - timedelta(days=1)),
            most_discussed_week=most_discussed_stories(since=now - timedelta(days=7)),
            **kwargs,
        )


@require_safe
def permalink(request: HttpRequest, pk: int) -> HttpResponse:
    comment = get_public_comment(pk)
    page = comment.page_number()
    query = f"?page={page}" if page > 1 else ""
    return redirect(f"{comment.article.get_absolute_url()}{query}#comment-{comment.pk}")


@require_http_methods(["GET", "POST"])
def report_comment(request: HttpRequest, pk: int) -> HttpResponse:
    comment = get_public_comment(pk)
    form = ReportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        moderation.report(
            comment=comment,
            reason=form.cleaned_data["reason"],
            reporter_ip=request.META["REMOTE_ADDR"],
        )
        messages.success(
            request,
            _("Thank you for your report. A moderator will look at the comment."),
        )
        if comment.status == Comment.Status.PUBLISHED:
            return redirect(comment)
        return redirect(f"{comment.article.get_absolute_url()}#comments")
    status = 400 if form.is_bound else 200
    return render(
        request,
        "comments/report.html",
        {"comment": comment, "form": form},
        status=status,
    )
