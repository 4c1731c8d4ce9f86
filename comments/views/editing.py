"""A poster editing or deleting their own comment, for a few minutes, from
the browser that posted it (moderation/editing.py says when they may).

Posting hands that browser the comment's secret in a cookie sent to the
comment's own addresses only (/comments/<id>/...; posting.hand_over_key):
never to a story page, so the cached page stays the same bytes for every
reader.
"""

import math

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from articles.models import Article
from protection import limits

from .. import moderation
from ..forms import EditForm
from ..models import Comment
from .posting import EDIT_COOKIE, private, timesince_words
from .reading import where_to_find

REFUSALS = {
    moderation.Refusal.NOT_THIS_BROWSER: gettext_lazy(
        "A comment can be changed only from the browser that posted it, "
        "for %(minutes)d minutes after posting."
    ),
    moderation.Refusal.TOO_LATE: gettext_lazy(
        "The %(minutes)d minutes in which you could change this comment have passed."
    ),
    moderation.Refusal.DECIDED: gettext_lazy(
        "A moderator has decided on this comment, so it can no longer be changed."
    ),
    moderation.Refusal.REPLIED: gettext_lazy(
        "Someone has replied to this comment, so it can no longer be edited; "
        "you can still delete it."
    ),
    moderation.Refusal.GONE: gettext_lazy("This comment has been deleted."),
}


def refusal_text(refusal: moderation.Refusal) -> str:
    minutes = settings.NEWSROOM_EDIT_MINUTES
    return str(REFUSALS[refusal]) % {"minutes": minutes}


def comment_of_a_public_story(pk: int) -> Comment:
    return get_object_or_404(
        Comment.objects.select_related("article").filter(
            article__in=Article.objects.published()
        ),
        pk=pk,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def edit_comment(request: HttpRequest, pk: int) -> HttpResponse:
    """The poster's comment in a form, to change or delete."""
    comment = comment_of_a_public_story(pk)
    secret = request.COOKIES.get(EDIT_COOKIE, "")
    refusal = moderation.refusal(comment, secret, editing=True)
    form = EditForm(instance=comment)
    if request.method == "POST" and refusal is None:
        form = EditForm(request.POST, instance=Comment(body=comment.body))
        if form.is_valid():
            return save_edit(request, comment, secret, form)
    return edit_page(request, comment, form, refusal)


def save_edit(
    request: HttpRequest, comment: Comment, secret: str, form: EditForm
) -> HttpResponse:
    try:
        comment = moderation.edit(
            comment,
            secret=secret,
            body=form.cleaned_data["body"],
            ip_address=request.META.get("REMOTE_ADDR"),
        )
    except moderation.NotEditable as refused:
        return edit_page(request, comment, form, refused.refusal)
    except limits.TooSoon as limited:
        form.add_error(
            None,
            _("You are editing faster than we allow: please try again in %(wait)s.")
            % {"wait": timesince_words(limited.retry_after)},
        )
        response = edit_page(request, comment, form, None, status=429)
        response["Retry-After"] = str(limited.retry_after)
        return response
    if comment.status == Comment.Status.HELD:
        messages.info(
            request,
            _(
                "Your comment is changed and held for review: a moderator "
                "will read it before it appears again."
            ),
        )
        return redirect(comment.article.get_absolute_url() + "#comments")
    messages.success(request, _("Your comment is changed."))
    return redirect(where_to_find(comment, request))


@require_POST
def delete_comment(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete the poster's own comment, at their request."""
    comment = comment_of_a_public_story(pk)
    try:
        moderation.withdraw(comment, secret=request.COOKIES.get(EDIT_COOKIE, ""))
    except moderation.NotEditable as refused:
        return edit_page(request, comment, EditForm(instance=comment), refused.refusal)
    messages.success(request, _("Your comment is deleted."))
    response = redirect(comment.article.get_absolute_url() + "#comments")
    response.delete_cookie(
        EDIT_COOKIE, path=reverse("comments:permalink", kwargs={"pk": pk})
    )
    return response


def edit_page(
    request: HttpRequest,
    comment: Comment,
    form: EditForm,
    refusal: moderation.Refusal | None,
    *,
    status: int | None = None,
) -> HttpResponse:
    can_edit = refusal is None
    can_delete = can_edit or refusal == moderation.Refusal.REPLIED
    if status is None:
        status = 200 if can_delete else 403
    until = moderation.editable_until(comment)
    return private(
        render(
            request,
            "comments/edit.html",
            {
                "comment": comment,
                "article": comment.article,
                "form": form,
                "can_edit": can_edit,
                "can_delete": can_delete,
                "refusal": refusal_text(refusal) if refusal else "",
                "until": until,
                "minutes_left": max(
                    0, math.ceil((until - timezone.now()).total_seconds() / 60)
                ),
            },
            status=status,
        )
    )
