"""Posting a comment or reply, as a reader or as staff: the form, its
answers and its refusals, and the page to write on without JavaScript."""

import logging
import math
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import (
    require_POST,
    require_safe,
)

from articles.models import Article
from articles.views import get_public_article
from protection import limits
from protection.numbers import whole_number
from protection.views import issues_captcha

from .. import extensions, moderation, threads
from ..forms import CommentForm, StaffCommentForm
from ..models import Comment, CommentSettings, staff_display_name, staff_voice
from ..switches import accepts_comments
from ..templatetags.comment_tags import renderer_for
from .reading import where_to_find

logger = logging.getLogger(__name__)

# The posting browser's secret for one comment (views/editing.py).
EDIT_COOKIE = "newsroom_edit"


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
    article = (
        Article.objects.published().select_related("section").filter(slug=slug).first()
    )
    form = CommentForm(
        request.POST,
        article=article,
        client_address=request.META.get("REMOTE_ADDR"),
        known_name=extensions.known_name(request),
    )
    if article is None:
        return refuse_unavailable(request, form)
    switches = CommentSettings.current()  # once: the post is checked by them
    if not accepts_comments(article, switches):
        return refuse_closed(request, article, form)
    if "new_captcha" in request.POST:
        # Without JavaScript, "New image" submits the form: show a fresh
        # picture and keep what the reader typed, without posting.
        fresh = CommentForm(
            initial={
                name: form[name].value() for name in ("user_name", "body", "reply_to")
            },
            known_name=form.known_name,
        )
        return render_write_page(request, article, fresh)
    if form.is_valid():
        for check in extensions.name_checks:
            if taken := check(request, form.cleaned_data["user_name"]):
                form.add_error("user_name", taken)
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
            reader_key=extensions.reader_key(request),
            current_switches=switches,
        )
    except moderation.CommentsClosed:
        # Closed between the check above and now.
        return refuse_closed(request, article, form)
    except moderation.PosterBanned as banned:
        message = _(
            "Your comment was not posted: a moderator has banned this "
            "address, user name or confirmed e-mail address from commenting "
            "%(duration)s."
        ) % {"duration": banned.ban.duration_text}
        return refuse(request, article, form, message, status=403)
    except limits.TooSoon as limited:
        return refuse_too_soon(request, article, form, limited.retry_after)
    also = [
        listener(request, comment, form.cleaned_data)
        for listener in extensions.after_posting
    ]
    return posted(request, article, comment, also=" ".join(filter(None, also)))


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


def reply_html(reply: Comment) -> str:
    """A reply as its thread on the story page shows it."""
    names = threads.names_answered([reply])
    renderer = renderer_for(reply.article, replies_open=accepts_comments(reply.article))
    return renderer.comment(threads.attach_name(reply, names), extra_class=" reply")


def posted(
    request: HttpRequest, article: Article, comment: Comment, *, also: str = ""
) -> HttpResponse:
    """The answer to a stored post; also: what else happened, in a sentence
    (an app listening to extensions.after_posting said so)."""
    held = comment.status == Comment.Status.HELD
    message = str(Outcome.HELD if held else Outcome.PUBLISHED)
    if also:
        message = f"{message} {also}"
    if wants_json(request):
        answer: dict[str, Any] = {
            "status": comment.status,
            "message": str(message),
            "url": "" if held else comment.get_absolute_url(),
        }
        if comment.parent_id and not held:
            # The story page's script puts a published reply in its thread.
            answer["reply"] = {"thread": comment.parent_id, "html": reply_html(comment)}
        if comment.edit_secret:
            # The script offers Edit on this comment while the window lasts.
            answer["edit"] = {
                "id": comment.pk,
                "url": reverse("comments:edit", kwargs={"pk": comment.pk}),
                "until": moderation.editable_until(comment).isoformat(),
            }
        response: HttpResponse = private(JsonResponse(answer))
    else:
        if held:
            # On the short page of the form, where the reader is looking.
            messages.info(request, message)
            response = redirect("comments:write", slug=article.slug)
        else:
            messages.success(request, message)
            response = redirect(where_to_find(comment, request, just_posted=True))
        if comment.edit_secret:
            messages.info(request, edit_offer(comment))
    hand_over_key(response, comment)
    return response


def hand_over_key(response: HttpResponse, comment: Comment) -> None:
    """Give the posting browser the comment's secret, for its own addresses."""
    if not comment.edit_secret:
        return
    response.set_cookie(
        EDIT_COOKIE,
        comment.edit_secret,
        max_age=int(moderation.edit_window().total_seconds()),
        path=reverse("comments:permalink", kwargs={"pk": comment.pk}),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Strict",
    )


def edit_offer(comment: Comment) -> str:
    """Without the script: where to change the comment, and until when."""
    return format_html(
        _(
            'You can <a href="{url}">edit or delete your comment</a> for {minutes} minutes.'
        ),
        url=reverse("comments:edit", kwargs={"pk": comment.pk}),
        minutes=settings.NEWSROOM_EDIT_MINUTES,
    )


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
        "yet: please try again in %(wait)s. Your text is kept in the form."
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
    initial = {"reply_to": request.GET.get("reply_to", "")}
    if staff_voice_of(request.user, None):
        form: CommentForm | StaffCommentForm = StaffCommentForm(initial=initial)
    else:
        form = CommentForm(initial=initial, known_name=extensions.known_name(request))
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
    known_name = extensions.known_name(request)
    return {
        "form": CommentForm(known_name=known_name),
        "known_name": known_name,
        "staff_voice": staff_voice_of(request.user, article),
    }


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
                "known_name": getattr(form, "known_name", ""),
                "staff_voice": staff_voice_of(request.user, article),
            },
            status=status,
        )
    )
