import os
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest
import redis
from django.core.cache import cache
from django.utils import translation

from pagecache import version
from pagecache.middleware import pages
from publicforms import ratelimits

LOCALE = Path(__file__).resolve().parent.parent / "locale"


def pytest_sessionstart(session):
    """Compile the catalogues (.mo files are built, never committed) when they changed."""
    if shutil.which("msgfmt") is None:
        return  # the catalogue tests say so; `make test` compiles them first anyway
    for po in LOCALE.glob("*/LC_MESSAGES/django.po"):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            subprocess.run(["msgfmt", "--check", "-o", str(mo), str(po)], check=True)  # noqa: S607


@pytest.fixture(autouse=True)
def _isolated_media_and_cache(settings, tmp_path):
    """Every test gets its own upload folder and an empty cache."""
    settings.MEDIA_ROOT = tmp_path / "media"
    # Test accounts need no slow password hashing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()
    # Each test's database is rolled back, which no trigger or signal sees.
    version.forget()
    # The test client's last request leaves its page's language active in this thread.
    translation.deactivate()
    pages.clear()
    yield
    cache.clear()


IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _tasks_run_inline(request, settings, monkeypatch):
    """
    Background tasks run inline, as soon as they are enqueued: a test's transaction
    never commits, so "after commit" means "now" here. Tests of the real workers
    (marker `real_tasks`) keep the configured backend and commit for real.
    """
    if request.node.get_closest_marker("real_tasks"):
        return
    settings.TASKS = IMMEDIATE_TASKS
    monkeypatch.setattr("background.enqueue.on_commit", lambda callback, **kwargs: callback())


@pytest.fixture
def one_rate_limit_window(monkeypatch):
    """
    The rate limiter's clock held a quarter into a minute. Limits count per clock
    minute, so a test that fills one must not cross into a fresh window halfway.
    """
    monkeypatch.setattr(ratelimits, "time", SimpleNamespace(time=lambda: 1_800_000_015.0))


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


@pytest.fixture
def smtp_sink(settings):
    """A real SMTP server on a local port, with Django's SMTP backend pointed at it."""
    from tests.newsletter.smtp_sink import SmtpSink

    sink = SmtpSink()
    settings.EMAIL_BACKEND = "newsletter.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = sink.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield sink
    sink.stop()
