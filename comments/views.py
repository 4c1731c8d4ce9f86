import logging
import math
import re
import secrets
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import User
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)
from django.views.generic import ListView

from articles.models import Article
from articles.views import get_public_article
from protection import limits
from protection.numbers import whole_number
from protection.outages import without_cache
from protection.views import issues_captcha, too_many

from . import moderation, threads
from .forms import CommentForm, ReportForm, StaffCommentForm
from .models import (
    Comment,
    CommentSettings,
    Reason,
    most_discussed_stories,
    staff_display_name,
    staff_voice,
)
from .moderation import Decision
from .switches import accepts_comments

HELD_SHOWN = 50

logger = logging.getLogger(__name__)


class Outcome:
    """What became of a post, said next to the form (JavaScript) or on a
    page (without it): one message, and where the comment is."""

    HELD = gettext_lazy(
        "Thank you! Your comment is held for review: a moderator will read "
        "it before it appears. You do not need to post it again."
    )
    PUBLISHED = gettext_lazy("Thank you! Your comment is published.")


@require_POST
def post_comment(request: HttpRequest, slug: str) -> HttpResponse:
    """Post a comment or reply. Signed-in staff post under their own name
    without a captcha; readers go through the captcha and its limits."""
    user = request.user
    if isinstance(user, User) and staff_voice_of(user, None):
        return post_as_staff(request, slug, user)
    return post_as_reader(request, slug)


@issues_captcha
def post_as_reader(request: HttpRequest, slug: str) -> HttpResponse:
    article = Article.objects.published().filter(slug=slug).first()
    form = CommentForm(
        request.POST, article=article, client_address=request.META.get("REMOTE_ADDR")
    )
    if article is None:
        return refuse_unavailable(request, form)
    if not accepts_comments(article):
        return refuse_closed(request, article, form)
    if "new_captcha" in request.POST:
        # Without JavaScript, "New image" submits the form: show a fresh
        # picture and keep what the reader typed, without posting.
        fresh = CommentForm(
            initial={
                name: form[name].value() for name in ("user_name", "body", "reply_to")
            }
        )
        return render_write_page(request, article, fresh)
    if not form.is_valid():
        response = refuse_invalid(request, article, form)
        if form.too_soon:
            response.status_code = 429
            response["Retry-After"] = str(form.too_soon)
        return response
    try:
        comment = moderation.submit(
            article=article,
            user_name=form.cleaned_data["user_name"],
            body=form.cleaned_data["body"],
            ip_address=request.META.get("REMOTE_ADDR"),
            user_agent=request.headers.get("User-Agent", ""),
            reply_to=form.cleaned_data["reply_to"],
        )
    except moderation.CommentsClosed:
        # Closed between the check above and now.
        return refuse_closed(request, article, form)
    except moderation.PosterBanned as banned:
        message = _(
            "Your comment was not posted: a moderator has banned this "
            "address or user name from commenting %(duration)s."
        ) % {"duration": banned.ban.duration_text}
        return refuse(request, article, form, message, status=403)
    except limits.TooSoon as limited:
        return refuse_too_soon(request, article, form, limited.retry_after)
    return posted(request, article, comment)


def post_as_staff(request: HttpRequest, slug: str, author: User) -> HttpResponse:
    article = Article.objects.published().filter(slug=slug).first()
    form = StaffCommentForm(request.POST, article=article)
    if article is None:
        return refuse_unavailable(request, form)
    if not accepts_comments(article):
        return refuse_closed(request, article, form)
    if not form.is_valid():
        return refuse_invalid(request, article, form)
    try:
        comment = moderation.submit_as_staff(
            article=article,
            author=author,
            body=form.cleaned_data["body"],
            ip_address=request.META.get("REMOTE_ADDR"),
            user_agent=request.headers.get("User-Agent", ""),
            reply_to=form.cleaned_data["reply_to"],
        )
    except moderation.CommentsClosed:
        return refuse_closed(request, article, form)
    except limits.TooSoon as limited:
        return refuse_too_soon(request, article, form, limited.retry_after)
    return posted(request, article, comment)


def wants_json(request: HttpRequest) -> bool:
    """The story page's script posts the form and shows the outcome in place."""
    return request.headers.get("Accept", "").startswith("application/json")


def posted(request: HttpRequest, article: Article, comment: Comment) -> HttpResponse:
    held = comment.status == Comment.Status.HELD
    message = Outcome.HELD if held else Outcome.PUBLISHED
    if wants_json(request):
        return private(
            JsonResponse(
                {
                    "status": comment.status,
                    "message": str(message),
                    "url": "" if held else comment.get_absolute_url(),
                }
            )
        )
    if held:
        # On the short page of the form, where the reader is looking.
        messages.info(request, message)
        return redirect("comments:write", slug=article.slug)
    messages.success(request, message)
    return redirect(where_to_find(comment, request))


def refuse_invalid(
    request: HttpRequest, article: Article, form: CommentForm | StaffCommentForm
) -> HttpResponse:
    errors = form.errors.get_json_data()
    first = next(iter(errors.values()))[0]["message"]
    return refuse(request, article, form, "", status=400, json_message=first)


def refuse_too_soon(
    request: HttpRequest, article: Article, form, retry_after: int
) -> HttpResponse:
    message = _(
        "You are posting faster than we allow. Your comment was not posted "
        "yet: please try again in %(wait)s. Your text is kept below."
    ) % {"wait": timesince_words(retry_after)}
    response = refuse(request, article, form, message, status=429)
    response["Retry-After"] = str(retry_after)
    return response


def refuse(
    request: HttpRequest,
    article: Article,
    form,
    message: str,
    *,
    status: int,
    json_message: str = "",
) -> HttpResponse:
    """Not posted: the form again with the reader's text and a fresh
    captcha, next to the form (JavaScript) or on the form's own page."""
    if not wants_json(request):
        if message:
            messages.error(request, message)
        return render_write_page(request, article, form, status=status)
    fresh = render(
        request,
        "comments/_comment_form.html#form-security",
        security_context(request, article),
    ).content.decode()
    return private(
        JsonResponse(
            {
                "status": "refused",
                "message": str(message or json_message),
                "errors": {
                    name: [error["message"] for error in errors]
                    for name, errors in form.errors.get_json_data().items()
                },
                "security": fresh,
            },
            status=status,
        )
    )


def timesince_words(seconds: int) -> str:
    if seconds < 60:
        return ngettext("%d second", "%d seconds", seconds) % seconds
    minutes = math.ceil(seconds / 60)
    return ngettext("%d minute", "%d minutes", minutes) % minutes


def refuse_closed(request: HttpRequest, article: Article, form) -> HttpResponse:
    message = _(
        "Comments on this story are closed, so your comment was not "
        "posted. Your text is below if you want to keep it."
    )
    return refuse(request, article, form, message, status=403)


def refuse_unavailable(request: HttpRequest, form) -> HttpResponse:
    """The story was taken down while the reader wrote: keep their text."""
    response = render(
        request, "comments/story_unavailable.html", {"form": form}, status=404
    )
    patch_cache_control(response, private=True, no_store=True)
    return response


@require_safe
@issues_captcha
def write_comment(request: HttpRequest, slug: str) -> HttpResponse:
    """The comment form on a page of its own, for readers without
    JavaScript; ?reply_to= makes it a reply."""
    article = get_public_article(slug)
    form_class = StaffCommentForm if staff_voice_of(request.user, None) else CommentForm
    form = form_class(initial={"reply_to": request.GET.get("reply_to", "")})
    return render_write_page(request, article, form)


@require_safe
@issues_captcha
def form_security(request: HttpRequest) -> HttpResponse:
    """The captcha and form tokens, fetched when a reader starts to comment;
    for signed-in staff, the name and badge they will post under on the
    story (?story=<slug>) instead.

    Kept out of the article page so that viewing a story writes nothing
    (each captcha is a database row) and the page can be cached for all.
    """
    return private(
        render(
            request,
            "comments/_comment_form.html#form-security",
            security_context(request),
        )
    )


def security_context(
    request: HttpRequest, article: Article | None = None
) -> dict[str, Any]:
    if article is None and request.user.is_staff:
        slug = request.GET.get("story", "")
        article = Article.objects.published().filter(slug=slug).first()
    return {"form": CommentForm(), "staff_voice": staff_voice_of(request.user, article)}


def staff_voice_of(user, article: Article | None) -> dict[str, str] | None:
    """The name and badge a signed-in staff member comments under."""
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return None
    voice = staff_voice(user, article)
    return {
        "name": staff_display_name(user),
        "voice": voice.value,
        "label": str(voice.label),
    }


def private(response: HttpResponse) -> HttpResponse:
    patch_cache_control(response, private=True, no_store=True)
    return response


def render_write_page(
    request: HttpRequest, article: Article, form, status: int = 200
) -> HttpResponse:
    reply_to = whole_number(form["reply_to"].value())
    replying_to = (
        article.comments.published().filter(pk=reply_to).first() if reply_to else None
    )
    return private(
        render(
            request,
            "comments/write.html",
            {
                "article": article,
                "accepts_comments": accepts_comments(article),
                "form": form,
                "with_security": True,
                "replying_to": replying_to,
                "replying_to_list": [replying_to] if replying_to else [],
                "staff_voice": staff_voice_of(request.user, article),
            },
            status=status,
        )
    )


@require_safe
def moderation_tools(request: HttpRequest, slug: str) -> HttpResponse:
    """For a moderator reading a story: its held comments, and what the
    story page's script needs to decide on them and on the published ones;
    for a journalist, what it needs to mark editors' picks. Nobody else
    learns anything here, not even that it exists."""
    can_moderate = Decision.APPROVE.allowed(request.user)
    if not (can_moderate or Decision.PICK.allowed(request.user)):
        raise Http404
    article = get_object_or_404(Article, slug=slug)
    held = (
        article.comments.held().order_by("created_at")[:HELD_SHOWN]
        if can_moderate
        else []
    )
    response = JsonResponse(
        {
            "decide_url": reverse("admin:comments_comment_decide"),
            "csrf_token": get_token(request),
            # The decisions this moderator may take, by name.
            "decisions": {
                decision.name.lower(): {
                    "value": decision.value,
                    "label": str(decision.label),
                }
                for decision in Decision
                if decision.allowed(request.user)
            },
            "removals": [
                [Decision.REMOVE.value_for(reason), str(reason.label)]
                for reason in Reason
            ],
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
    paginate_by = threads.THREADS_PER_PAGE

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
    return redirect(where_to_find(get_public_comment(pk), request))


def where_to_find(comment: Comment, request: HttpRequest) -> str:
    """Where the reader will find a comment: its page of the story in the
    reader's order, or its thread's own page for a reply past the first
    few."""
    remembered = request.COOKIES.get(threads.SORT_COOKIE, threads.DEFAULT_SORT)
    sort = remembered if remembered in threads.Sort.values else threads.DEFAULT_SORT
    if sort == threads.Sort.PICKS and not comment.is_pick:
        sort = threads.DEFAULT_SORT
    with_removed = CommentSettings.current().state_removal_reasons
    number, on_page = threads.position(comment, sort, with_removed=with_removed)
    if not on_page:
        thread_page = reverse("comments:thread", kwargs={"pk": comment.parent_id})
        return f"{thread_page}#comment-{comment.pk}"
    query = {"sort": sort} if sort != threads.DEFAULT_SORT else {}
    if number > 1:
        query["page"] = str(number)
    if not query and remembered != threads.DEFAULT_SORT:
        # The bare story address would take the reader to their own order.
        query["sort"] = threads.DEFAULT_SORT
    address = comment.article.get_absolute_url()
    if query:
        address += f"?{urlencode(query)}"
    return f"{address}#comment-{comment.pk}"


@require_safe
def thread(request: HttpRequest, pk: int) -> HttpResponse:
    """A comment with every reply under it, on a page of its own: where
    "Show more replies" leads without JavaScript, and what it fetches with
    it (?partial=replies)."""
    with_removed = CommentSettings.current().state_removal_reasons
    top = get_object_or_404(
        Comment.objects.threads(with_removed=with_removed).filter(
            article__in=Article.objects.published()
        ),
        pk=pk,
    )
    article = get_public_article(top.article.slug)
    template = "comments/thread.html"
    if request.GET.get("partial") == "replies":
        template += "#replies"
    return render(
        request,
        template,
        {
            "article": article,
            "thread": threads.whole_thread(top, with_removed=with_removed),
        },
    )


BROWSER_COOKIE = "newsroom_browser"


@require_http_methods(["GET", "POST"])
def recommend(request: HttpRequest, pk: int) -> HttpResponse:
    """Recommend a comment: once per browser and once per address. Without
    JavaScript a page asks to confirm, as the Report link's does."""
    comment = get_public_comment(pk)
    if request.method == "GET":
        return private(render(request, "comments/recommend.html", {"comment": comment}))
    try:
        limits.take("recommendations", request.META.get("REMOTE_ADDR"))
    except limits.TooSoon as limited:
        return too_many(request, limited.retry_after)
    browser = request.COOKIES.get(BROWSER_COOKIE, "")
    if not BROWSER_KEY.fullmatch(browser):
        browser = secrets.token_hex(16)
    try:
        count = moderation.recommend(
            comment, ip_address=request.META["REMOTE_ADDR"], browser=browser
        )
        message = _("Thank you: your recommendation is counted.")
        counted = True
    except moderation.AlreadyRecommended:
        count = Comment.objects.values_list("recommend_count", flat=True).get(pk=pk)
        message = _("You have already recommended this comment.")
        counted = False
    if wants_json(request):
        response: HttpResponse = JsonResponse(
            {"counted": counted, "count": count, "message": str(message)}
        )
    else:
        messages.add_message(
            request, messages.SUCCESS if counted else messages.INFO, message
        )
        response = redirect(comment)
    response.set_cookie(
        BROWSER_COOKIE,
        browser,
        max_age=365 * 24 * 3600,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return private(response)


BROWSER_KEY = re.compile(r"[0-9a-f]{32}")
COUNTS_MAX_AGE = 5


@require_safe
def recommendation_counts(request: HttpRequest, slug: str) -> HttpResponse:
    """Each comment's recommendations on a story, merged into the cached page
    by its script: a recommendation changes this small answer, not the page.
    Kept a few seconds, so that a crowd of readers costs one query per
    story and interval."""
    key = f"comments:recommendations:{slug}"
    counts = None
    with without_cache("recommendation counts read afresh"):
        counts = cache.get(key)
    if counts is None:
        article = get_public_article(slug)
        counts = dict(
            Comment.objects.published()
            .filter(article=article, recommend_count__gt=0)
            .values_list("pk", "recommend_count")
        )
        with without_cache("recommendation counts not kept"):
            cache.set(key, counts, COUNTS_MAX_AGE)
    response = JsonResponse({"counts": counts})
    patch_cache_control(response, public=True, max_age=COUNTS_MAX_AGE)
    return response


@require_safe
def community_rules(request: HttpRequest) -> HttpResponse:
    """What moderators remove and why; each removed comment's line links to
    its reason here."""
    return render(request, "comments/rules.html")


@require_http_methods(["GET", "POST"])
def report_comment(request: HttpRequest, pk: int) -> HttpResponse:
    """A reader's report, or notice of illegal content. A comment held by
    readers' reports since the page was served still takes them (a notice
    matters whatever its state), but its text is no longer shown."""
    comment = get_object_or_404(
        Comment.objects.reportable().select_related("article"), pk=pk
    )
    form = ReportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            moderation.report(
                comment=comment,
                reason=form.cleaned_data["reason"],
                explanation=form.cleaned_data["explanation"],
                reporter_ip=request.META["REMOTE_ADDR"],
            )
        except limits.TooSoon as limited:
            return too_many(request, limited.retry_after)
        if form.cleaned_data["reason"] == Reason.ILLEGAL:
            thanks = _(
                "Thank you for your notice. A moderator will decide whether the "
                "comment is illegal and remove it if it is."
            )
        else:
            thanks = _(
                "Thank you for your report. A moderator will look at the comment."
            )
        messages.success(request, thanks)
        comment.refresh_from_db(fields=["status"])
        if comment.status == Comment.Status.PUBLISHED:
            return redirect(comment)
        return redirect(f"{comment.article.get_absolute_url()}#comments")
    status = 400 if form.is_bound else 200
    return private(
        render(
            request,
            "comments/report.html",
            {"comment": comment, "form": form},
            status=status,
        )
    )
