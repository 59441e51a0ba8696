"""Forty people registering for ten seats at the same instant, on PostgreSQL and on SQLite."""

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.db import connection, connections
from django.test import Client

from events.models import Registration

ROOT = Path(__file__).resolve().parents[2]
PEOPLE = 40
SEATS = 10


def register_at_once(slug: str, count: int) -> list:
    """POST one registration per person, each from its own thread, all released together."""
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def worker(index: int) -> None:
        try:
            client = Client()
            barrier.wait(timeout=60)
            response = client.post(
                f"/events/{slug}/register/",
                {"email": f"person{index}@example.org", "name": f"Person {index}", "consent": "on"},
                HTTP_ACCEPT="application/json",
            )
            results[index] = response.status_code
        except Exception as error:  # reported by the assertion below
            results[index] = repr(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def cancel_one_and_count(event) -> dict:
    seated = event.registrations.filter(status=Registration.Status.CONFIRMED).first()
    seated.cancel()
    return _counts(event)


def _counts(event) -> dict:
    statuses = list(event.registrations.values_list("status", flat=True))
    return {status: statuses.count(status) for status in ("confirmed", "waitlisted", "cancelled")}


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_forty_at_once_for_ten_seats_on_postgresql(settings):
    if connection.vendor == "sqlite":
        pytest.skip(
            "the in-memory SQLite test database cannot take concurrent writers; the SQLite file test covers SQLite"
        )
    from tests.factories import make_event

    settings.STATEUP_RATE_LIMITS = False
    settings.STATEUP_FORM_MIN_SECONDS = 0
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    event = make_event(capacity=SEATS)
    results = register_at_once(event.slug, PEOPLE)
    assert results == [200] * PEOPLE
    assert _counts(event) == {"confirmed": SEATS, "waitlisted": PEOPLE - SEATS, "cancelled": 0}
    assert cancel_one_and_count(event) == {
        "confirmed": SEATS,
        "waitlisted": PEOPLE - SEATS - 1,
        "cancelled": 1,
    }


SQLITE_SCRIPT = """
import json
import django
django.setup()
from django.core.management import call_command
from django.conf import settings
call_command("migrate", verbosity=0)
settings.STATEUP_RATE_LIMITS = False
settings.STATEUP_FORM_MIN_SECONDS = 0
settings.ALLOWED_HOSTS = ["testserver"]
from tests.factories import make_event
from tests.events.test_concurrency import register_at_once, cancel_one_and_count, _counts, PEOPLE, SEATS
event = make_event(capacity=SEATS)
results = register_at_once(event.slug, PEOPLE)
print(json.dumps({"results": results, "counts": _counts(event), "after_cancel": cancel_one_and_count(event)}))
"""


@pytest.mark.slow
def test_forty_at_once_for_ten_seats_on_a_sqlite_file(tmp_path):
    """SQLite as configured for production (WAL, IMMEDIATE transactions, busy timeout), real threads."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "stateup.settings",
        "DJANGO_DEBUG": "1",
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "STATEUP_TASKS_BACKEND": "django_tasks.backends.dummy.DummyBackend",
    }
    result = subprocess.run(
        [sys.executable, "-c", SQLITE_SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["results"] == [200] * PEOPLE, report
    assert report["counts"] == {"confirmed": SEATS, "waitlisted": PEOPLE - SEATS, "cancelled": 0}
    assert report["after_cancel"] == {
        "confirmed": SEATS,
        "waitlisted": PEOPLE - SEATS - 1,
        "cancelled": 1,
    }
