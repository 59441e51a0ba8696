"""
Django's Redis cache backend, with one Redis client per connection pool.

The built-in backend makes a new `redis.Redis` object for every cache call, and
building one (its table of reply handlers) costs more than a round trip to a local
Redis. A client is thread-safe and takes its connections from the pool, so one per
pool is enough; the pool itself still notices a fork and reconnects.
"""

from django.core.cache.backends import redis


class RedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
