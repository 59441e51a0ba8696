"""Many readers asking at once for a PDF that is not made yet start one render, not many."""

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.db import connection, connections
from django.test import Client

from articles import pdf

ROOT = Path(__file__).resolve().parents[2]
REQUESTS = 20

pytestmark = pytest.mark.skipif(not pdf.is_available(), reason=pdf.unavailable_reason() or "-")


def request_at_once(path: str, count: int = REQUESTS) -> tuple[list, list]:
    """GET `path` from `count` threads released together; returns statuses and renders."""
    renders = []
    real = pdf.render

    def counting_render(article):
        renders.append(article.pk)
        return real(article)

    pdf.render = counting_render
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def worker(index: int) -> None:
        try:
            client = Client()
            barrier.wait(timeout=60)
            response = client.get(path)
            body = b"".join(response.streaming_content) if response.streaming else b""
            results[index] = (response.status_code, body[:5].decode("latin-1"))
        except Exception as error:  # reported by the assertion below
            results[index] = repr(error)
        finally:
            connections.close_all()

    try:
        threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=180)
    finally:
        pdf.render = real
    return results, renders


@pytest.mark.slow
@pytest.mark.real_tasks  # the render publishing queues waits for a worker, as in production
@pytest.mark.django_db(transaction=True)
def test_twenty_simultaneous_first_requests_make_the_pdf_once():
    if connection.vendor == "sqlite":
        pytest.skip("the in-memory SQLite test database takes no concurrent writers: see below")
    from tests.factories import make_article, make_author

    article = make_article(authors=[make_author()])
    results, renders = request_at_once(f"/articles/{article.slug}/pdf/")
    assert results == [(200, "%PDF-")] * REQUESTS
    assert renders == [article.pk]


SQLITE_SCRIPT = """
import json
import django
django.setup()
from django.conf import settings
from django.core.management import call_command
call_command("migrate", verbosity=0)
settings.ALLOWED_HOSTS = ["testserver"]
from tests.factories import make_article, make_author
from tests.articles.test_pdf_concurrency import request_at_once
article = make_article(authors=[make_author()])
results, renders = request_at_once(f"/articles/{article.slug}/pdf/")
print(json.dumps({"results": results, "renders": renders, "pk": article.pk}))
"""


@pytest.mark.slow
def test_twenty_simultaneous_first_requests_on_a_sqlite_file_make_the_pdf_once(tmp_path):
    """SQLite as configured for production (WAL, IMMEDIATE transactions, busy timeout)."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "stateup.settings",
        "DJANGO_DEBUG": "1",
        "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
        "STATEUP_TASKS_BACKEND": "django_tasks.backends.dummy.DummyBackend",
        "STATEUP_RATE_LIMITS": "0",
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
    assert report["results"] == [[200, "%PDF-"]] * REQUESTS, report
    assert report["renders"] == [report["pk"]]
