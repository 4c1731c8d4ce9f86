"""Replies by e-mail, as the links in its mails open them: confirming an
address, the page of what it follows, and stopping one follow in a click.
None of these pages is cached or needs JavaScript."""

from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from protection.numbers import whole_number
from protection.views import issues_captcha

from . import follows, links, names
from .forms import NameForm
from .models import Follow, ReservedName


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
    return this_browser_confirmed(response, follower.email)


def this_browser_confirmed(response: HttpResponse, email: str) -> HttpResponse:
    """This browser is not asked to confirm the address again, and may post
    under the name the address holds."""
    response.set_cookie(
        follows.BROWSER_COOKIE,
        follows.browser_cookie_value(email),
        max_age=int(follows.BROWSER_COOKIE_AGE / timedelta(seconds=1)),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


@require_http_methods(["GET", "HEAD", "POST"])
@issues_captcha
def name(request: HttpRequest) -> HttpResponse:
    """Make a user name yours: the form, and the same answer whatever the
    address (the link goes to it)."""
    form = NameForm(
        request.POST if request.method == "POST" else None,
        client_address=request.META.get("REMOTE_ADDR"),
    )
    if form.is_bound and form.is_valid():
        names.ask(
            email=form.cleaned_data["email"],
            user_name=form.cleaned_data["user_name"],
            ip_address=request.META.get("REMOTE_ADDR"),
            language=translation.get_language() or "",
        )
        return redirect("following:name_sent")
    status = 200
    if form.is_bound:
        status = 429 if form.too_soon else 400
    return private(
        render(request, "following/name.html", {"form": form}, status=status)
    )


@require_safe
def name_sent(request: HttpRequest) -> HttpResponse:
    return private(
        render(
            request,
            "message.html",
            {
                "title": _("Check your e-mail"),
                "message": _(
                    "If the address can receive our mail, a link is on its way. "
                    "Open it in the browser you comment from, within three days, "
                    "and the name is yours."
                ),
            },
        )
    )


@require_safe
def name_confirm(request: HttpRequest, token: str) -> HttpResponse:
    try:
        reserved = names.reserve(token)
    except links.InvalidLink:
        return invalid_link(request)
    except names.NameTaken:
        return private(
            render(
                request,
                "message.html",
                {
                    "title": _("That name is taken"),
                    "message": _(
                        "Another reader made this name, or one that looks like "
                        "it, theirs first. Ask for another one."
                    ),
                },
                status=409,
            )
        )
    response = render_page(
        request,
        reserved.follower.email,
        message=_("“%(name)s” is your name here now. Nobody else can comment under it.")
        % {"name": reserved.user_name},
    )
    return this_browser_confirmed(response, reserved.follower.email)


@require_http_methods(["GET", "HEAD", "POST"])
def manage(request: HttpRequest, token: str) -> HttpResponse:
    """Everything an address follows, each with a button to stop it."""
    try:
        email = links.email_of(token)
    except links.InvalidLink:
        return invalid_link(request)
    message = ""
    if request.method == "POST":
        if "release" in request.POST:
            names.release(email)
            message = _("Your name is free again; anyone may comment under it.")
        elif "all" in request.POST:
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
                "reserved": ReservedName.objects.filter(follower__email=email).first(),
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
