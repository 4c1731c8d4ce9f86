"""Site-wide views: the health check, and error pages that must render
without the database."""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
    JsonResponse,
)
from django.http.response import HttpResponseBase
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.i18n import JavaScriptCatalog
from django.views.static import serve

logger = logging.getLogger(__name__)


@require_safe
@never_cache
def health(request: HttpRequest) -> JsonResponse:
    """For the load balancer: 200 while the database answers, else 503.

    The site serves without its cache (slower, its limits counted in the
    database), so a cache that is down or full is reported, not a reason to
    take every app server out of the pool at once."""
    checks = {"database": check_database(), "cache": check_cache()}
    return JsonResponse(checks, status=200 if checks["database"] == "ok" else 503)


@require_safe
def choose_language(request: HttpRequest, language: str) -> HttpResponse:
    """The footer's language links: remember the reader's choice in the
    cookie LocaleMiddleware reads, and go back to the page they came from.
    A link, not Django's set_language form: cached pages carry no form
    token, and it works without JavaScript."""
    if language not in dict(settings.LANGUAGES):
        raise Http404("No such language.")
    back = request.headers.get("referer", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = "/"
    response = HttpResponseRedirect(back)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite="Lax",
        secure=request.is_secure(),
    )
    patch_cache_control(response, private=True, no_store=True)
    return response


@require_safe
def javascript_catalog(request: HttpRequest) -> HttpResponseBase:
    """The scripts' translations in the language its address names (?v=…),
    whatever the reader's cookie says: a copy kept for an address (by the
    browser, the edge, a CDN) is that language's."""
    language = request.GET.get("v", settings.LANGUAGE_CODE)
    if language not in dict(settings.LANGUAGES):
        raise Http404("No such language.")
    with translation.override(language):
        response = JavaScriptCatalog.as_view()(request)
    response["Content-Language"] = language
    patch_cache_control(response, public=True, max_age=3600)
    return response


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
    # A read: a full cache still serves pages, and says so here.
    try:
        cache.get("health:probe")
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


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """A request refused as malformed: the API's clients read JSON, as
    every other answer of the API is."""
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"error": "The request could not be understood; check its address."},
            status=400,
        )
    return render_error(request, "400.html", 400)


def server_error(request: HttpRequest) -> HttpResponse:
    return render_error(request, "500.html", 500)


def service_unavailable(request: HttpRequest) -> HttpResponse:
    response = render_error(request, "503.html", 503)
    response["Retry-After"] = "60"
    return response


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render_error(request, "403_csrf.html", 403)


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    """The site's icon, where browsers and feed readers look for it first;
    the static file carries its long cache headers."""
    return HttpResponsePermanentRedirect(static("favicon.ico"))
