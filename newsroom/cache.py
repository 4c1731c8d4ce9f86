"""Django's Redis cache, with one Redis client per connection pool, and
this process's own copies of the keys every page reads, kept exact by Redis.

Django's client makes a new redis.Redis for every cache call, and redis-py
fills about 170 response callbacks into each new one: on this site's
hottest path (a cached article page, one get_many) that was a third of the
time the request took. A redis.Redis is safe to share between threads, as
its connection pool is, so each pool keeps one.

The keys under the prefixes named in OPTIONS["TRACKED_PREFIXES"] (the
article page's versions, the word lists') are kept in the process as
well, and read there without a round trip, by Redis's client-side
caching: a thread of each process holds a RESP3 connection with CLIENT
TRACKING on in broadcasting mode, and Redis pushes it the name of every
key under those prefixes that changes, expires or is evicted, whoever
changed it (another worker, another app server, the task worker). See
TrackedKeys for when the copies are not used.
"""

import logging
import os
import threading
import time
from collections.abc import Iterable
from typing import Any

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.utils.functional import cached_property
from redis.connection import ConnectionPool

logger = logging.getLogger(__name__)


class TrackedKeys:
    """This process's copies of the keys under some prefixes.

    The copies are used only while the tracking connection has answered
    within the last LIVE_FOR seconds (it is pinged every PING_EVERY when
    quiet); when it drops, or Redis restarts, every copy is forgotten at
    once and reads go to Redis until tracking is on again. A value read
    from Redis is kept only if nothing under the prefixes changed while it
    was being read, so a change that crossed the read is never hidden.
    """

    LIVE_FOR = 1.0
    PING_EVERY = 0.25
    NAME = "newsroom-tracking"

    def __init__(self, pool: ConnectionPool, prefixes: tuple[str, ...]):
        self.pool = pool
        self.prefixes = prefixes
        self.values: dict[str, Any] = {}
        # Moves on with every change heard of, and every reconnection.
        self.changes = 0
        self.heard_at = float("-inf")
        self.lock = threading.Lock()
        self.listening_in: int | None = None
        self.stopped = threading.Event()

    def tracks(self, keys: Iterable[str]) -> bool:
        return all(key.startswith(self.prefixes) for key in keys)

    def read(self, keys: list[str]) -> tuple[dict[str, Any] | None, int]:
        """Every key's copy, or None when one is missing or the copies
        cannot be trusted now; and the changes so far, for remember()."""
        self.listen()
        with self.lock:
            if time.monotonic() - self.heard_at < self.LIVE_FOR:
                try:
                    return {key: self.values[key] for key in keys}, self.changes
                except KeyError:
                    pass
            return None, self.changes

    def remember(self, found: dict[str, Any], changes_before_reading: int) -> None:
        with self.lock:
            if self.changes == changes_before_reading:
                self.values.update(found)

    def forget(self, keys: Iterable[str] | None = None) -> None:
        """Forget these keys' copies (every copy when None)."""
        with self.lock:
            self.changes += 1
            if keys is None:
                self.values.clear()
            else:
                for key in keys:
                    self.values.pop(key, None)

    def listen(self) -> None:
        """Start this process's listener (again after a fork: gunicorn's
        workers do not inherit the parent's thread)."""
        if self.listening_in == os.getpid():
            return
        with self.lock:
            if self.listening_in == os.getpid():
                return
            self.listening_in = os.getpid()
            self.values.clear()
            self.changes += 1
            self.heard_at = float("-inf")
        threading.Thread(target=self._listen, name=self.NAME, daemon=True).start()

    def _listen(self) -> None:
        failures = 0
        while not self.stopped.is_set():
            connection = self.pool.connection_class(
                **self.pool.connection_kwargs | {"protocol": 3}
            )
            try:
                self._track(connection)
                failures = 0
                while not self.stopped.is_set():
                    if connection.can_read(timeout=self.PING_EVERY):
                        connection.read_response(push_request=True)
                    else:
                        # Pushes that came before the answer are read first.
                        connection.send_command("PING")
                        connection.read_response()
                    with self.lock:
                        self.heard_at = time.monotonic()
            except Exception as error:  # Redis down, restarting, or dropped us
                with self.lock:
                    self.heard_at = float("-inf")
                self.forget()
                if failures == 0:
                    logger.warning(
                        "Redis tracking connection lost (%s); reading from Redis",
                        error,
                    )
                failures += 1
                self.stopped.wait(min(0.05 * 2**failures, 0.5))
            finally:
                connection.disconnect()

    def _track(self, connection) -> None:
        connection.connect()
        connection._parser.set_invalidation_push_handler(self._invalidated)
        prefixes = [word for prefix in self.prefixes for word in ("PREFIX", prefix)]
        connection.send_command("CLIENT", "SETNAME", self.NAME)
        connection.read_response()
        connection.send_command("CLIENT", "TRACKING", "ON", "BCAST", *prefixes)
        if isinstance(answer := connection.read_response(), Exception):
            raise answer
        # What was kept before tracking began may have changed since.
        self.forget()
        with self.lock:
            self.heard_at = time.monotonic()

    def _invalidated(self, push: list) -> None:
        _, keys = push
        # None: Redis was flushed.
        self.forget(None if keys is None else [key.decode() for key in keys])


class SharedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, tracked_prefixes: tuple[str, ...] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self._clients: dict[ConnectionPool, Any] = {}
        pool = self._get_connection_pool(write=True)  # type: ignore[attr-defined]
        self.tracked = TrackedKeys(pool, tracked_prefixes) if tracked_prefixes else None

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client

    def get(self, key, default):
        if self.tracked is None or not self.tracked.tracks([key]):
            return super().get(key, default)
        return self.get_many([key]).get(key, default)

    def get_many(self, keys):
        keys = list(keys)
        if self.tracked is None or not self.tracked.tracks(keys):
            return super().get_many(keys)
        copies, changes = self.tracked.read(keys)
        if copies is not None:
            return copies
        found = super().get_many(keys)
        self.tracked.remember(found, changes)
        return found

    # Every write to a tracked key forgets this process's copy at once, not
    # a moment later when Redis's message comes: the request that changed
    # it, and the next one here, see the change.

    def set(self, key, *args, **kwargs):
        try:
            return super().set(key, *args, **kwargs)
        finally:
            self._forget([key])

    def add(self, key, *args, **kwargs):
        try:
            return super().add(key, *args, **kwargs)
        finally:
            self._forget([key])

    def delete(self, key):
        try:
            return super().delete(key)
        finally:
            self._forget([key])

    def incr(self, key, delta):
        try:
            return super().incr(key, delta)
        finally:
            self._forget([key])

    def set_many(self, data, timeout):
        try:
            return super().set_many(data, timeout)
        finally:
            self._forget(list(data))

    def delete_many(self, keys):
        keys = list(keys)
        try:
            return super().delete_many(keys)
        finally:
            self._forget(keys)

    def clear(self):
        try:
            return super().clear()
        finally:
            if self.tracked is not None:
                self.tracked.forget()

    def _forget(self, keys: list[str]) -> None:
        if self.tracked is not None:
            self.tracked.forget(keys)


# One per server and options in a process: Django makes a cache object per
# thread, and each would otherwise listen on a connection of its own.
_clients: dict[tuple, SharedClientRedisCacheClient] = {}
_clients_lock = threading.Lock()


def stop_tracking(location: str) -> None:
    """Stop this process's listeners to the Redis at location and forget its
    clients (a test's own Redis is going away)."""
    with _clients_lock:
        for identity, client in list(_clients.items()):
            if location in identity[0]:
                if client.tracked is not None:
                    client.tracked.stopped.set()
                del _clients[identity]


class SharedClientRedisCache(RedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        prefixes = options.pop("TRACKED_PREFIXES", ())
        super().__init__(server, params | {"OPTIONS": options})
        self._tracked_prefixes = tuple(self.make_key(prefix) for prefix in prefixes)

    @cached_property
    def _cache(self):
        identity = (
            tuple(self._servers),
            self._tracked_prefixes,
            tuple(sorted((key, repr(value)) for key, value in self._options.items())),
        )
        with _clients_lock:
            client = _clients.get(identity)
            if client is None:
                client = _clients[identity] = SharedClientRedisCacheClient(
                    self._servers,
                    tracked_prefixes=self._tracked_prefixes,
                    **self._options,
                )
        return client

    def validate_key(self, key: str) -> None:
        # Django looks at every character of every key for what memcached
        # would refuse; Redis takes any key, and the page's lookup reads four.
        pass
