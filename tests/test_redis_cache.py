"""The Redis cache backend: Django's, with one client per connection pool."""

import pytest
import redis

from stateup.redis_cache import RedisCache

REDIS_URL = "redis://127.0.0.1:6379/6"


@pytest.fixture
def redis_cache():
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.ConnectionError:
        pytest.skip("Redis is not running at 127.0.0.1:6379")
    backend = RedisCache(REDIS_URL, {"KEY_PREFIX": "stateup-test-redis-cache"})
    yield backend
    backend.delete_many(["answer", "key"])


def test_it_stores_and_reads_values(redis_cache):
    redis_cache.set("answer", {"value": 42}, 30)
    assert redis_cache.get("answer") == {"value": 42}
    assert redis_cache.get_many(["answer", "missing"]) == {"answer": {"value": 42}}
    redis_cache.delete("answer")
    assert redis_cache.get("answer") is None


def test_every_call_reuses_one_client(redis_cache):
    client = redis_cache._cache.get_client()
    redis_cache.set("key", 1, 30)
    assert redis_cache._cache.get_client("key", write=True) is client
    assert redis_cache._cache.get_client() is client
