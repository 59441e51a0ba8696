"""The Redis cache backend: Django's, with one client per connection pool."""

import pytest

from stateup.redis_cache import RedisCache


@pytest.fixture
def redis_cache(redis_url):
    backend = RedisCache(redis_url, {"KEY_PREFIX": "stateup-test-redis-cache"})
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
