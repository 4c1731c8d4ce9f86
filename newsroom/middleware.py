import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse

from .views import service_unavailable

logger = logging.getLogger(__name__)


class ServiceUnavailableMiddleware:
    """Answer 503 with a proper page when the database cannot be reached.

    Django opens a fresh connection for the next request, so the site
    recovers by itself once the database is back.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, (OperationalError, InterfaceError)):
            logger.error(
                "Service Unavailable (database): %s: %s", request.path, exception
            )
            return service_unavailable(request)
        return None


class EdgeLanguageMiddleware:
    """Keep the edge from filing a page under another language's key.

    The nginx edge (deploy/nginx) keys its copies on a language it reads
    from the request by simple rules, and says which in
    X-Newsroom-Edge-Language; Django chooses from the same cookie and
    Accept-Language by its own (the last of two cookies, every language the
    browser weighs). When the page's language is not the edge's, the edge
    is told not to keep it (X-Accel-Expires: 0), so a doubled cookie or an
    odd header cannot put a Chinese page where English readers get theirs.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        edge_language = request.headers.get("X-Newsroom-Edge-Language")
        if edge_language is not None and edge_language != response.get(
            "Content-Language"
        ):
            response["X-Accel-Expires"] = "0"
        return response
