"""The site's comment switches as every cached story page sees them.

Whether comments are open site-wide can change with the clock (staffed
hours) as well as with a moderator's switch, so it is part of each cached
page's version (articles.page_cache.page_states): a page cached while
comments were open is not served once they close. Each process reads the
switches at most once a second, so a warm page still costs no query.
"""

import logging
import time

from .models import CommentSettings

logger = logging.getLogger(__name__)

MAX_AGE = 1.0

# (closed, when read) for this process.
_known: tuple[bool, float] = (False, float("-inf"))


def page_state() -> str:
    global _known
    closed, read_at = _known
    now = time.monotonic()
    if now - read_at >= MAX_AGE:
        try:
            closed = CommentSettings.current().closed_now()
        except Exception:  # the page cannot render either; keep the last
            logger.exception("Database unavailable; comment switches not read")
        _known = (closed, now)
    return "c" if closed else ""
