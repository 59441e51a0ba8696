"""Many people (or one impatient person) signing up one address at the same instant."""

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.core import mail
from django.db import connection, connections
from django.test import Client

from newsletter.models import Subscriber

ROOT = Path(__file__).resolve().parents[2]
THREADS = 12


def sign_up_at_once(addresses: list[str]) -> list:
    """POST one signup per address from its own thread, all released together."""
    barrier = threading.Barrier(len(addresses))
    results: list = [None] * len(addresses)

    def worker(index: int, address: str) -> None:
        try:
            client = Client()
            barrier.wait(timeout=30)
            response = client.post(
                "/newsletter/signup/",
                {"email": address, "consent": "on"},
                HTTP_ACCEPT="application/json",
            )
            results[index] = (response.status_code, response.json())
        except Exception as error:  # reported by the assertion below
            results[index] = error
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=worker, args=(i, address)) for i, address in enumerate(addresses)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_simultaneous_signups_of_one_new_address_leave_one_row_and_no_error(settings):
    if connection.vendor == "sqlite":
        pytest.skip(
            "the in-memory SQLite test database cannot take concurrent writers; "
            "test_simultaneous_signups_on_a_sqlite_file covers SQLite"
        )
    settings.STATEUP_RATE_LIMITS = False
    variants = ["Same@Example.org", "same@example.org", "SAME@EXAMPLE.ORG", " same@example.ORG "]
    results = sign_up_at_once([variants[i % len(variants)] for i in range(THREADS)])
    ok = {"ok": True, "message": "Thank you! Check your inbox to confirm your subscription."}
    assert results == [(200, ok)] * THREADS
    assert Subscriber.objects.count() == 1
    assert len(mail.outbox) == 1


SQLITE_SCRIPT = """
import json, os, sys, threading
import django
django.setup()
from django.core.management import call_command
from django.conf import settings
call_command("migrate", verbosity=0)
settings.STATEUP_RATE_LIMITS = False
settings.ALLOWED_HOSTS = ["testserver"]
from django.core import mail
mail.outbox = []
from tests.newsletter.test_concurrency import sign_up_at_once, THREADS
from newsletter.models import Subscriber
results = sign_up_at_once(["Same@Example.org", "same@EXAMPLE.org"] * (THREADS // 2))
print(json.dumps({
    "results": [r if isinstance(r, tuple) else repr(r) for r in results],
    "rows": Subscriber.objects.count(),
    "emails": len(mail.outbox),
}))
"""


@pytest.mark.slow
def test_simultaneous_signups_on_a_sqlite_file_leave_one_row_and_no_error(tmp_path):
    """SQLite as configured for production (WAL, IMMEDIATE transactions, busy timeout)."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "stateup.settings",
        "DJANGO_DEBUG": "1",
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        # The email is sent in the web process here, to count it in the outbox.
        "STATEUP_TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
    }
    result = subprocess.run(
        [sys.executable, "-c", SQLITE_SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    import json

    report = json.loads(result.stdout.strip().splitlines()[-1])
    ok = [200, {"ok": True, "message": "Thank you! Check your inbox to confirm your subscription."}]
    assert report["results"] == [ok] * THREADS, report
    assert report["rows"] == 1
    assert report["emails"] == 1
