"""Site-wide views: the health check, and error pages that must render
without the database."""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.static import serve

logger = logging.getLogger(__name__)


@require_safe
@never_cache
def health(request: HttpRequest) -> JsonResponse:
    """For the load balancer: 200 when the database and cache answer, else 503."""
    checks = {"database": check_database(), "cache": check_cache()}
    healthy = all(state == "ok" for state in checks.values())
    return JsonResponse(checks, status=200 if healthy else 503)


def media(request: HttpRequest, path: str) -> HttpResponse | FileResponse:
    """Uploaded photos, when Django serves them itself (NEWSROOM_SERVE_MEDIA)."""
    return serve(request, path, document_root=str(settings.MEDIA_ROOT))


def check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any failure means unhealthy; the log says which
        logger.exception("Health check: database unavailable")
        return "unavailable"
    return "ok"


def check_cache() -> str:
    try:
        cache.set("health:probe", "ok", 10)
        if cache.get("health:probe") != "ok":
            return "unavailable"
    except Exception:
        logger.exception("Health check: cache unavailable")
        return "unavailable"
    return "ok"


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
