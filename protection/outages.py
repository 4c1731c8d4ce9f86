"""Carrying on without the cache. The cache only saves work: when it is
down, full or slow, the site does the work afresh and serves the reader,
and the log says so once (not once a request) until the cache answers
again."""

import logging
from collections.abc import Iterator
from contextlib import contextmanager

logger = logging.getLogger("newsroom.cache")

_cache_down = False


@contextmanager
def without_cache(consequence: str) -> Iterator[None]:
    """Run a block of cache reads or writes; if the cache fails, leave the
    block and carry on. Set what the block gives before it, so that the
    code after it sees nothing came:

        page = None
        with without_cache("article page not cached"):
            page = cache.get(key)
    """
    global _cache_down
    try:
        yield
    # Any backend's error (connection, timeout, out of memory, a reply it
    # cannot parse): a cache failure only ever costs speed.
    except Exception:
        if not _cache_down:
            _cache_down = True
            logger.exception(
                "Cache unavailable; %s (said once, until it answers again)",
                consequence,
            )
        return
    if _cache_down:
        _cache_down = False
        logger.warning("Cache answers again")
