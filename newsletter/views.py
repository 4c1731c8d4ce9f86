from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from protection.views import issues_captcha

from . import subscriptions
from .forms import NewsletterForm


@require_http_methods(["GET", "HEAD", "POST"])
@issues_captcha
def signup(request: HttpRequest) -> HttpResponse:
    form = NewsletterForm(
        request.POST if request.method == "POST" else None,
        client_address=request.META.get("REMOTE_ADDR"),
    )
    if form.is_bound and form.is_valid():
        subscriptions.sign_up(
            email=form.cleaned_data["email"],
            site_url=request.build_absolute_uri("/").rstrip("/"),
            ip_address=request.META.get("REMOTE_ADDR"),
        )
        # The same answer whatever happened, so the form reveals nothing.
        return redirect("newsletter:sent")
    status = 200
    if form.is_bound:
        status = 429 if form.too_soon else 400
    return render(request, "newsletter/signup.html", {"form": form}, status=status)


@require_safe
def sent(request: HttpRequest) -> HttpResponse:
    return render_message(
        request,
        _("Check your inbox"),
        _(
            "If the address can receive our newsletter, a message is on its way. "
            "Open the link in it to confirm your subscription."
        ),
    )


@require_safe
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    try:
        subscriptions.confirm(token)
    except subscriptions.InvalidLink:
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
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        subscriptions.unsign(token, subscriptions.UNSUBSCRIBE_SALT)
    except subscriptions.InvalidLink:
        return invalid_link(request)
    if request.method == "POST":
        subscriptions.unsubscribe(token)
        return render_message(
            request,
            _("You are unsubscribed"),
            _("We will not send the newsletter to this address again."),
        )
    # A page with one button, so that link checkers cannot unsubscribe anyone.
    return render(request, "newsletter/unsubscribe.html")


def invalid_link(request: HttpRequest) -> HttpResponse:
    return render_message(
        request,
        _("This link does not work"),
        _(
            "It may have been used already, replaced by a newer one, expired "
            "or been cut short. Sign up again from the newsletter page to get "
            "a new one."
        ),
        status=400,
    )


def render_message(
    request: HttpRequest, title: str, message: str, status: int = 200
) -> HttpResponse:
    return render(
        request, "message.html", {"title": title, "message": message}, status=status
    )
