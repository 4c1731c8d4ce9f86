from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from protection import limits

from . import inbox
from .forms import TipForm


@require_http_methods(["GET", "HEAD", "POST"])
def send(request: HttpRequest) -> HttpResponse:
    form = TipForm(request.POST if request.method == "POST" else None)
    status = 200
    if form.is_bound:
        status = 400
        if form.is_valid():
            try:
                inbox.receive(
                    tip=form.save(commit=False),
                    ip_address=request.META.get("REMOTE_ADDR"),
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
                status = 429
            else:
                return redirect("tips:sent")
    return render(request, "tips/send.html", {"form": form}, status=status)


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
