"""Production mode: the settings refuse to start half-configured, and pass check --deploy."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": "q8B3l-Lp2xVf0sN9rT7uYw4ZcE6hJkMaDgRiOoP1sQ5vX2nB8mC0zA7yU3tK",
    "DJANGO_ALLOWED_HOSTS": "stateup.org,www.stateup.org",
}


def run_manage(*args: str, env: dict) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "STATEUP_"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.slow
def test_production_refuses_to_start_without_a_secret_key():
    env = {**PRODUCTION_ENV}
    del env["DJANGO_SECRET_KEY"]
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY is required in production" in result.stderr


@pytest.mark.slow
def test_production_refuses_to_start_without_allowed_hosts():
    env = {**PRODUCTION_ENV}
    del env["DJANGO_ALLOWED_HOSTS"]
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS is required in production" in result.stderr


@pytest.mark.slow
def test_debug_must_be_exactly_1_to_mean_development():
    env = {**PRODUCTION_ENV, "DJANGO_DEBUG": "true"}
    del env["DJANGO_SECRET_KEY"]
    result = run_manage("check", env=env)
    assert result.returncode != 0, "anything but DJANGO_DEBUG=1 must mean production"


@pytest.mark.slow
def test_check_deploy_is_clean_in_production():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout


@pytest.mark.slow
def test_production_turns_on_https_settings():
    code = (
        "from django.conf import settings as s;"
        "print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE,"
        " s.SECURE_HSTS_SECONDS, s.SECURE_PROXY_SSL_HEADER, s.DEBUG)"
    )
    result = run_manage("shell", "--no-imports", "-c", code, env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "True True True 31536000 ('HTTP_X_FORWARDED_PROTO', 'https') False"
    )


@pytest.mark.slow
def test_redis_url_selects_the_redis_cache():
    code = "from django.conf import settings as s; print(s.CACHES['default']['BACKEND'])"
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        code,
        env={**PRODUCTION_ENV, "REDIS_URL": "redis://127.0.0.1:6379/1"},
    )
    assert result.stdout.strip() == "stateup.redis_cache.RedisCache"


@pytest.mark.slow
def test_email_url_configures_smtp():
    code = (
        "from django.conf import settings as s;"
        "print(s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_USE_TLS)"
    )
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        code,
        env={**PRODUCTION_ENV, "EMAIL_URL": "smtp+tls://user:pass@mail.example.org:587"},
    )
    assert result.stdout.split() == [
        "newsletter.smtp.EmailBackend",
        "mail.example.org",
        "587",
        "True",
    ]
