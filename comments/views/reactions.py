"""What readers do with others' comments: recommend and report them."""

import re
import secrets

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_http_methods,
    require_safe,
)

from articles.views import get_public_article
from protection import limits
from protection.outages import without_cache
from protection.views import too_many

from .. import moderation
from ..forms import ReportForm
from ..models import (
    Comment,
    Reason,
)
from .posting import private, timesince_words, wants_json
from .reading import get_public_comment

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
    """The live numbers of a story's conversation, merged into the cached page
    by its script: each comment's recommendations (a recommendation changes
    this small answer, not the page) and how many comments the story has
    (the page offers the new ones). Kept a few seconds, so that a crowd of
    readers costs one query per story and interval, and none while warm."""
    key = f"comments:live:{slug}"
    answer = None
    with without_cache("recommendation counts read afresh"):
        answer = cache.get(key)
    if answer is None:
        article = get_public_article(slug)
        answer = {
            "counts": dict(
                Comment.objects.published()
                .filter(article=article, recommend_count__gt=0)
                .values_list("pk", "recommend_count")
            ),
            "comments": article.comment_count,
        }
        with without_cache("recommendation counts not kept"):
            cache.set(key, answer, COUNTS_MAX_AGE)
    response = JsonResponse(answer)
    patch_cache_control(response, public=True, max_age=COUNTS_MAX_AGE)
    return response


@require_http_methods(["GET", "POST"])
def report_comment(request: HttpRequest, pk: int) -> HttpResponse:
    """A reader's report, or notice of illegal content. A comment held by
    readers' reports since the page was served still takes them (a notice
    matters whatever its state), but its text is no longer shown.

    The story page's script opens the form in a dialog (?partial=form) and
    sends it asking for JSON; without it this is a page of its own."""
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
            if wants_json(request):
                return JsonResponse(
                    {
                        "message": _(
                            "You are sending reports faster than we allow. Please "
                            "try again in %(wait)s. What you wrote is kept."
                        )
                        % {"wait": timesince_words(limited.retry_after)}
                    },
                    status=429,
                    headers={"Retry-After": str(limited.retry_after)},
                )
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
        if wants_json(request):
            return private(JsonResponse({"message": thanks}))
        messages.success(request, thanks)
        comment.refresh_from_db(fields=["status"])
        if comment.status == Comment.Status.PUBLISHED:
            return redirect(comment)
        return redirect(f"{comment.article.get_absolute_url()}#comments")
    status = 400 if form.is_bound else 200
    template = "comments/report.html"
    if request.GET.get("partial") == "form" or (form.is_bound and wants_json(request)):
        template += "#report-form"
    return private(
        render(request, template, {"comment": comment, "form": form}, status=status)
    )
