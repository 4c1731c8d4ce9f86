import logging

from django.db import InterfaceError, OperationalError

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
