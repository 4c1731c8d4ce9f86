"""The banned words and the names only staff may post under, as every post
and edit is checked against them.

They change a few times a year and every post needs them (two queries),
so each process keeps them, read once per change. A change
gives the lists a new version in the shared cache (comments/signals.py),
now and again once it commits; the version is a tracked key
(newsroom.cache), so a process reads it without a round trip and Redis
tells every process at once when it moves. Without a shared cache, or
while it does not answer, the lists are read from the database for every
post. The version expires after a minute, so a change whose new version
could not be written (Redis unreachable from that process only) still
reaches every process within a minute.
"""

import uuid
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction

from protection.outages import without_cache

from ..models import BannedWord

# A tracked prefix (newsroom/settings/storage.py).
PREFIX = "word-lists:"
VERSION_KEY = PREFIX + "version"
VERSION_TIMEOUT = 60
# What an erased comment's poster is called; readers cannot post under it.
ERASED_NAME = "(erased)"


@dataclass(frozen=True)
class WordLists:
    banned_words: tuple[str, ...]
    reserved_names: tuple[str, ...]


# (version, lists) as this process last read them.
_known: tuple[str, WordLists] | None = None


def current() -> WordLists:
    global _known
    version = _version() if settings.NEWSROOM_CACHE_IS_SHARED else None
    known = _known
    if version is not None and known is not None and known[0] == version:
        return known[1]
    lists = WordLists(
        banned_words=tuple(BannedWord.objects.values_list("word", flat=True)),
        reserved_names=tuple(_reserved_names()),
    )
    if version is not None:
        # Read after the version: a change that crossed this read moves the
        # version again, and the next post reads the lists afresh.
        _known = (version, lists)
    return lists


def changed() -> None:
    """The lists changed (a banned word, a staff member): every process
    reads them afresh, this one at once."""
    _new_version()
    transaction.on_commit(_new_version)


def forget() -> None:
    """Read the lists afresh next time."""
    global _known
    _known = None


def _version() -> str | None:
    version = None
    with without_cache("word lists read for every post"):
        version = cache.get(VERSION_KEY)
        if version is None:
            cache.add(VERSION_KEY, uuid.uuid4().hex, VERSION_TIMEOUT)
            version = cache.get(VERSION_KEY)
    return version


def _new_version() -> None:
    forget()
    with without_cache("word lists read afresh within a minute"):
        cache.set(VERSION_KEY, uuid.uuid4().hex, VERSION_TIMEOUT)


def _reserved_names() -> list[str]:
    """Names only staff may post under: the site's, and each staff member's
    user name and full name."""
    staff = get_user_model().objects.filter(is_staff=True)
    return [
        *settings.NEWSROOM_RESERVED_NAMES,
        ERASED_NAME,
        *(
            name
            for username, first, last in staff.values_list(
                "username", "first_name", "last_name"
            )
            for name in (username, f"{first} {last}".strip())
            if name
        ),
    ]
