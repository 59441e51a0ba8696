import os

import pytest
import redis
from django.core.cache import cache

from pagecache import version
from pagecache.middleware import pages


@pytest.fixture(autouse=True)
def _isolated_media_and_cache(settings, tmp_path):
    """Every test gets its own upload folder and an empty cache."""
    settings.MEDIA_ROOT = tmp_path / "media"
    # Test accounts need no slow password hashing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()
    # Each test's database is rolled back, which no trigger or signal sees.
    version.forget()
    pages.clear()
    yield
    cache.clear()


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_user(
        username="staff", password="staff-password-123", is_staff=True, is_superuser=True
    )


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


# Its own database number, so that tests never touch a running site's keys.
REDIS_URL = os.environ.get("STATEUP_TEST_REDIS_URL", "redis://127.0.0.1:6379/6")


@pytest.fixture
def redis_url() -> str:
    """Redis for the tests that need it: in CI they fail without it, elsewhere they skip."""
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.ConnectionError:
        if os.environ.get("CI"):
            pytest.fail(f"Redis does not answer at {REDIS_URL}, and CI must run these tests")
        pytest.skip(f"Redis is not running at {REDIS_URL}")
    return REDIS_URL
