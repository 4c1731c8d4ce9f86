"""Security: staff sessions, the content security policy, trusted proxies,
HTTPS, and the admin's address and sign-in protection."""

from datetime import timedelta

from django.utils.csp import CSP

from . import environment as env
from .core import DEBUG

# Security. Readers never log in; only staff have sessions, and they end.
SESSION_COOKIE_AGE = env.whole("NEWSROOM_STAFF_SESSION_HOURS", 8) * 3600
SESSION_COOKIE_HTTPONLY = True
MESSAGE_STORAGE = "django.contrib.messages.storage.cookie.CookieStorage"
CSRF_FAILURE_VIEW = "newsroom.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "media-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}
# How many reverse proxies (load balancer, CDN) stand in front of the site.
# Their X-Forwarded-For entries are trusted to name the client; anything
# further left was written by the client and is ignored.
NEWSROOM_TRUSTED_PROXIES = env.whole("NEWSROOM_TRUSTED_PROXIES", 0)
if NEWSROOM_TRUSTED_PROXIES:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.flag("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env.flag(
    "DJANGO_SECURE_COOKIES", not DEBUG
)
SECURE_HSTS_SECONDS = env.whole(
    "DJANGO_SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.flag("DJANGO_SECURE_HSTS_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env.flag("DJANGO_SECURE_HSTS_PRELOAD", True)

# The admin: its own address, and brute-force protection on its login.
NEWSROOM_ADMIN_URL = env.text("NEWSROOM_ADMIN_URL", "admin/").strip("/") + "/"
AXES_FAILURE_LIMIT = env.whole("NEWSROOM_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["ip_address", ["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "staff.views.paused"
# A browser the account signed in from before is limited on its own, never
# paused with its address (staff/sign_in.py).
AXES_WHITELIST_CALLABLE = "staff.sign_in.from_a_known_browser"
# TrustedProxyMiddleware has already put the real client in REMOTE_ADDR.
AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)
