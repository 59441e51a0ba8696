"""Rate limits counted in the cache, keyed by hashed identifiers."""

import pytest
import time_machine
from django.core.cache import cache
from django.test import RequestFactory

from publicforms.ratelimits import Limit, client_id


def request_from(remote: str, forwarded: str | None = None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)


def test_a_limit_allows_its_count_then_says_how_long_to_wait():
    limit = Limit("test", count=2, seconds=60)
    with time_machine.travel("2026-11-29 10:00:15Z", tick=False) as clock:
        assert limit.hit("a") is None
        assert limit.hit("a") is None
        assert limit.hit("a") == 45
        assert limit.hit("b") is None
        clock.shift(46)
        assert limit.hit("a") is None


def test_limits_can_be_turned_off(settings):
    settings.STATEUP_RATE_LIMITS = False
    limit = Limit("test", count=1, seconds=60)
    assert [limit.hit("a") for _ in range(5)] == [None] * 5


def test_client_id_is_remote_addr_and_ignores_forwarded_headers_by_default():
    assert client_id(request_from("203.0.113.5", "198.51.100.1")) == "203.0.113.5"


def test_client_id_trusts_only_as_many_forwarded_hops_as_there_are_proxies(settings):
    settings.STATEUP_PROXY_COUNT = 1
    request = request_from("10.0.0.1", "6.6.6.6, 198.51.100.7")
    assert client_id(request) == "198.51.100.7"
    settings.STATEUP_PROXY_COUNT = 2
    assert client_id(request) == "6.6.6.6"
    settings.STATEUP_PROXY_COUNT = 3
    assert client_id(request) == "10.0.0.1"


def test_an_ipv6_client_is_its_64_network():
    first = client_id(request_from("2001:db8:1:2::1"))
    assert first == client_id(request_from("2001:db8:1:2:ffff::9")) == "2001:db8:1:2::/64"
    assert client_id(request_from("::ffff:203.0.113.5")) == "203.0.113.5"


@pytest.fixture
def redis_cache(settings):
    import redis

    try:
        redis.Redis(host="127.0.0.1", port=6379, db=2, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis at 127.0.0.1:6379")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/2",
            "KEY_PREFIX": "stateup-tests",
        }
    }
    cache.clear()
    yield cache
    cache.clear()


def test_limits_count_in_redis_with_hashed_keys(redis_cache):
    limit = Limit("test", count=2, seconds=60)
    assert limit.hit("person@example.org") is None
    assert limit.hit("person@example.org") is None
    assert limit.hit("person@example.org") is not None
    keys = redis_cache._cache.get_client().keys("*")
    assert keys
    assert not [key for key in keys if b"person" in key]
