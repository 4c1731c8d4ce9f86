"""Django's Redis cache, with one Redis client per connection pool.

Django's client makes a new redis.Redis for every cache call, and redis-py
fills about 170 response callbacks into each new one: on this site's
hottest path (a cached article page, one get_many) that was a third of the
time the request took. A redis.Redis is safe to share between threads, as
its connection pool is, so each pool keeps one.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class SharedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client


class SharedClientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient

    def validate_key(self, key: str) -> None:
        # Django looks at every character of every key for what memcached
        # would refuse; Redis takes any key, and the page's lookup reads four.
        pass
