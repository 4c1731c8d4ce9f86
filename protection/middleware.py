import ipaddress
import logging

from django.conf import settings
from django.core.exceptions import SuspiciousOperation

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
                for address in request.headers.get("x-forwarded-for", "").split(",")
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


class NullCharacterMiddleware:
    """Refuse a request whose address carries a null character.

    Only broken or hostile clients send one, and PostgreSQL refuses it in
    any text it is asked to compare, so a view that looks a parameter up
    would fail with a server error. Forms refuse it in what is posted.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path_info or "%00" in request.META.get("QUERY_STRING", ""):
            raise SuspiciousOperation("A null character in the request's address")
        return self.get_response(request)
