"""The site's comment switches as every cached story page sees them.

Whether comments are open site-wide can change with the clock (staffed
hours) as well as with a moderator's switch, and whether removed comments
state their reason is a switch too, so both are part of each cached page's
version (articles.page_cache.page_states): a page cached while comments
were open is not served once they close. Each process reads the switches
at most once a second, and renders story pages with the switches it read,
so a warm page costs no query and a re-rendered one no query for them.
"""

import logging
import time

from articles.models import Article

from .models import CommentSettings

logger = logging.getLogger(__name__)

MAX_AGE = 1.0

# (the switches, when read) for this process.
_known: tuple[CommentSettings, float] = (CommentSettings(pk=1), float("-inf"))


def current() -> CommentSettings:
    """The switches as this process read them, at most a second ago."""
    global _known
    switches, read_at = _known
    now = time.monotonic()
    if now - read_at >= MAX_AGE:
        try:
            switches = CommentSettings.current()
        except Exception:  # the page cannot render either; keep the last
            logger.exception("Database unavailable; comment switches not read")
        _known = (switches, now)
    return switches


def forget() -> None:
    """Read the switches afresh next time (this process just changed them)."""
    global _known
    _known = (_known[0], float("-inf"))


def page_state() -> str:
    switches = current()
    return ("c" if switches.closed_now() else "") + (
        "r" if switches.state_removal_reasons else ""
    )


def accepts_comments(article: Article, switches: CommentSettings | None = None) -> bool:
    """Whether the story takes comments now, the one rule: its own setting
    and closing date (Article.accepts_comments) and the site's switches (all
    closed at once, or outside staffed hours). Pages pass the switches they
    were rendered with; without them the switches are read afresh, as
    posting must."""
    switches = switches or CommentSettings.current()
    return article.accepts_comments and not switches.closed_now()
