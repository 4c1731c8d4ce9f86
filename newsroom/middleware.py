import ipaddress
import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError

from .views import service_unavailable

logger = logging.getLogger(__name__)


class TrustedProxyMiddleware:
    """Put the client's own address in REMOTE_ADDR, as the proxies saw it.

    With N trusted proxies in front of the site, the Nth address from the
    right of X-Forwarded-For is the client; entries further left were
    written by the client itself and could say anything. Rate limits, bans,
    reports and the admin's login protection all read REMOTE_ADDR.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        proxies = settings.NEWSROOM_TRUSTED_PROXIES
        if proxies:
            forwarded = [
                address.strip()
                for address in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
                if address.strip()
            ]
            if len(forwarded) >= proxies:
                client = forwarded[-proxies]
                try:
                    ipaddress.ip_address(client)
                except ValueError:
                    logger.warning("Ignoring malformed X-Forwarded-For %r", client)
                else:
                    request.META["REMOTE_ADDR"] = client
        return self.get_response(request)


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
            logger.error("Database unavailable: %s", exception)
            return service_unavailable(request)
        return None
