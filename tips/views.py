from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from protection import limits
from protection.views import issues_captcha

from . import inbox
from .forms import TipForm


@require_http_methods(["GET", "HEAD", "POST"])
@issues_captcha
def send(request: HttpRequest) -> HttpResponse:
    form = TipForm(
        request.POST if request.method == "POST" else None,
        client_address=request.META.get("REMOTE_ADDR"),
    )
    if not form.is_bound:
        return render(request, "tips/send.html", {"form": form})
    if not form.is_valid():
        status = 429 if form.too_soon else 400
        return render(request, "tips/send.html", {"form": form}, status=status)
    try:
        inbox.receive(
            tip=form.save(commit=False), ip_address=request.META.get("REMOTE_ADDR")
        )
    except limits.TooSoon as limited:
        messages.error(
            request,
            _(
                "You have sent several stories in a short time. Please try "
                "again in %(wait)d minutes; your text is kept below."
            )
            % {"wait": max(1, limited.retry_after // 60)},
        )
        return render(request, "tips/send.html", {"form": form}, status=429)
    return redirect("tips:sent")


@require_safe
def sent(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "message.html",
        {
            "title": _("Thank you for your story"),
            "message": _(
                "It has reached our editors, who read every tip. If they follow "
                "it up, they will write to the address you gave."
            ),
        },
    )
