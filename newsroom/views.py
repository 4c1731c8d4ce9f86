"""Error pages that must render without the database."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string


def render_error(
    request: HttpRequest, template: str, status: int, **context
) -> HttpResponse:
    # No request context: context processors read the database, which may
    # be what failed.
    context = {
        "site_name": settings.NEWSROOM_SITE_NAME,
        "unposted_comment": unposted_comment(request),
        **context,
    }
    return HttpResponse(render_to_string(template, context), status=status)


def unposted_comment(request: HttpRequest) -> str:
    """What the reader was posting, to show back so that it is not lost."""
    if request.method != "POST":
        return ""
    try:
        return request.POST.get("body", "")
    except Exception:  # an unreadable body has nothing to give back
        return ""


def server_error(request: HttpRequest) -> HttpResponse:
    return render_error(request, "500.html", 500)


def service_unavailable(request: HttpRequest) -> HttpResponse:
    response = render_error(request, "503.html", 503)
    response["Retry-After"] = "60"
    return response


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render_error(request, "403_csrf.html", 403)
