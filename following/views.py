"""Replies by e-mail, as the links in its mails open them: confirming an
address, the page of what it follows, and stopping one follow in a click.
None of these pages is cached or needs JavaScript."""

from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from protection.numbers import whole_number

from . import follows, links
from .models import Follow


def private(response: HttpResponse) -> HttpResponse:
    patch_cache_control(response, private=True, no_store=True)
    return response


@require_safe
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    try:
        follower = follows.confirm(token)
    except links.InvalidLink:
        return invalid_link(request)
    response = render_page(
        request,
        follower.email,
        message=_(
            "Thank you: your address is confirmed. We will e-mail you when "
            "someone replies; every message has a link to stop."
        ),
    )
    # This browser is not asked to confirm this address again.
    response.set_cookie(
        follows.BROWSER_COOKIE,
        follows.browser_cookie_value(follower),
        max_age=int(follows.BROWSER_COOKIE_AGE / timedelta(seconds=1)),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def manage(request: HttpRequest, token: str) -> HttpResponse:
    """Everything an address follows, each with a button to stop it."""
    try:
        email = links.email_of(token)
    except links.InvalidLink:
        return invalid_link(request)
    message = ""
    if request.method == "POST":
        if "all" in request.POST:
            follows.stop(email)
            message = _("You follow nothing now; we have forgotten your address.")
        elif follow_id := whole_number(request.POST.get("follow", "")):
            follows.stop(email, follow_id=follow_id)
            message = _("Stopped. We will not e-mail you about that again.")
    return render_page(request, email, message=message)


@csrf_exempt  # mail programs post here for one-click unsubscribe (RFC 8058)
@require_http_methods(["GET", "HEAD", "POST"])
def stop(request: HttpRequest, token: str) -> HttpResponse:
    """Stop the one follow a message was about."""
    try:
        email, follow_id = links.stopped_by(token)
    except links.InvalidLink:
        return invalid_link(request)
    follow = (
        Follow.objects.filter(pk=follow_id, follower__email=email)
        .select_related("comment__article", "article")
        .first()
    )
    if request.method == "POST":
        follows.stop(email, follow_id=follow_id)
        return render_page(
            request,
            email,
            message=_("Stopped. We will not e-mail you about that again."),
        )
    # A page with one button, so that link checkers cannot stop anything.
    return private(
        render(
            request,
            "following/stop.html",
            {"follow": follow, "manage_token": links.manage_token(email)},
        )
    )


def render_page(request: HttpRequest, email: str, *, message: str) -> HttpResponse:
    followed = (
        Follow.objects.filter(follower__email=email)
        .select_related("comment__article", "article")
        .order_by("-created_at")
    )
    return private(
        render(
            request,
            "following/manage.html",
            {
                "email": email,
                "follows": followed,
                "message": message,
                "token": links.manage_token(email),
            },
        )
    )


def invalid_link(request: HttpRequest) -> HttpResponse:
    return private(
        render(
            request,
            "message.html",
            {
                "title": _("This link does not work"),
                "message": _(
                    "It may have been used already, replaced by a newer one, "
                    "expired or been cut short. Tick “E-mail me when someone "
                    "replies” when you next comment to get a new one."
                ),
            },
            status=400,
        )
    )
