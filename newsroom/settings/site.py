"""The site itself: its name, where readers follow it, where they send
requests about their data, and who may call its API from other origins."""

from email.utils import parseaddr

from django.utils.translation import gettext_lazy as _

from . import environment as env
from .mail import DEFAULT_FROM_EMAIL

# The site itself.
NEWSROOM_SITE_NAME = env.text("NEWSROOM_SITE_NAME", "Newsroom")
# Our own tagline is translated; one set here is shown as written.
NEWSROOM_SITE_TAGLINE = env.text("NEWSROOM_SITE_TAGLINE", "") or _(
    "Independent news, and the conversation around it"
)
# "Label=URL" pairs separated by commas, e.g.
# "Mastodon=https://social.example/@news,Android app=https://play.example/news".
# Unset, the follow links are not shown.
NEWSROOM_FOLLOW_LINKS = [
    tuple(item.split("=", 1))
    for item in env.items("NEWSROOM_FOLLOW_LINKS", [])
    if "=" in item
]

# The read-only JSON API (/api/v1/) answers pages on other origins only
# when they are listed here, comma-separated (https://app.example.com).
CORS_ALLOWED_ORIGINS = env.items("NEWSROOM_API_ALLOWED_ORIGINS", [])
CORS_URLS_REGEX = r"^/api/"
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_ALLOW_CREDENTIALS = False
CORS_EXPOSE_HEADERS = ("ETag", "Retry-After")

# Where readers send requests about their data; the privacy page shows it.
NEWSROOM_PRIVACY_CONTACT = env.text(
    "NEWSROOM_PRIVACY_CONTACT", parseaddr(DEFAULT_FROM_EMAIL)[1]
)
