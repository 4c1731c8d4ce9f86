import ipaddress
import logging

from django.conf import settings

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
