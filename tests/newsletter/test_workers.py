"""
Campaigns sent by real worker processes: the database backend's `db_worker` and
RQ's worker on Redis, against a real SMTP server, with workers killed (SIGKILL)
halfway and two workers at once. Each recipient must get exactly one copy.
"""

import collections
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from newsletter import sending
from newsletter.models import Campaign, Subscriber
from tests.factories import make_campaign
from tests.newsletter.smtp_sink import SmtpSink

ROOT = Path(__file__).resolve().parents[2]
RECIPIENTS = 240
REDIS_TEST_URL = os.environ.get("STATEUP_TEST_REDIS_URL", "redis://127.0.0.1:6379/5")

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
RQ_TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}

pytestmark = [pytest.mark.slow, pytest.mark.real_tasks, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def shared_database():
    if connection.vendor == "sqlite":
        pytest.skip(
            "worker processes cannot open the in-memory SQLite test database; "
            "these tests run on PostgreSQL (DATABASE_URL), as CI does"
        )
    settings_dict = connection.settings_dict
    return (
        f"postgres://{settings_dict['USER']}@{settings_dict['HOST'] or '127.0.0.1'}:"
        f"{settings_dict['PORT'] or 5432}/{settings_dict['NAME']}"
    )


@pytest.fixture
def redis_queue(settings):
    import redis

    client = redis.Redis.from_url(REDIS_TEST_URL)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip(f"no Redis at {REDIS_TEST_URL}")
    client.flushdb()
    settings.RQ_QUEUES = {"default": {"URL": REDIS_TEST_URL, "DEFAULT_TIMEOUT": 600}}
    yield client
    client.flushdb()


@pytest.fixture
def sink():
    sink = SmtpSink(delay=0.01)
    yield sink
    sink.stop()


def audience(count: int = RECIPIENTS):
    Subscriber.objects.bulk_create(
        Subscriber(email=f"reader{n}@example.org", status="confirmed", language="en")
        for n in range(count)
    )


class Workers:
    def __init__(self, database_url: str, sink: SmtpSink, backend: str, log_folder: Path):
        self.log_folder = log_folder
        self.env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "DJANGO_SETTINGS_MODULE": "stateup.settings",
            "DJANGO_DEBUG": "1",
            "EMAIL_URL": sink.url,
            "DJANGO_EMAIL_BACKEND": "newsletter.smtp.EmailBackend",
            "STATEUP_TASKS_BACKEND": backend,
            "STATEUP_TASKS_REDIS_URL": REDIS_TEST_URL,
            "STATEUP_CAMPAIGN_BATCH_SIZE": "20",
            "STATEUP_CAMPAIGN_LEASE_SECONDS": "2",
        }
        self.backend = backend
        self.processes: list[subprocess.Popen] = []
        self.logs: list[Path] = []

    def start(self) -> subprocess.Popen:
        if "RQBackend" in self.backend:
            command = [
                "rqworker",
                "--worker-class",
                "background.rq_worker.Worker",
                "--job-class",
                "django_tasks_rq.Job",
                "--with-scheduler",
                "default",
            ]
        else:
            command = ["db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.1"]
        log = self.log_folder / f"worker-{len(self.logs) + 1}.log"
        with log.open("wb") as output:
            process = subprocess.Popen(
                [sys.executable, "manage.py", *command],
                cwd=ROOT,
                env=self.env,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.processes.append(process)
        self.logs.append(log)
        return process

    def report(self) -> str:
        """The end of each worker's log, for a failure to show what the workers did."""
        return "\n".join(
            f"--- {log.name}\n" + "\n".join(log.read_text(errors="replace").splitlines()[-40:])
            for log in self.logs
        )

    def kill(self, process: subprocess.Popen) -> None:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)

    def stop_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)


@pytest.fixture
def workers_for(shared_database, sink, tmp_path):
    started = []

    def make(backend: str) -> Workers:
        workers = Workers(shared_database, sink, backend, tmp_path)
        started.append(workers)
        return workers

    yield make
    for workers in started:
        workers.stop_all()


def wait_for(condition, timeout: float = 90.0, step: float = 0.01):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return False


def assert_each_recipient_exactly_once(sink: SmtpSink, campaign: Campaign) -> None:
    messages = sink.messages
    addresses = collections.Counter(message["To"] for message in messages)
    message_ids = collections.Counter(message["Message-ID"] for message in messages)
    assert len(messages) == RECIPIENTS, (len(messages), addresses.most_common(3))
    assert set(addresses.values()) == {1}
    assert set(message_ids.values()) == {1}
    assert len(addresses) == RECIPIENTS
    assert sending.stats(campaign)["sent"] == RECIPIENTS


def campaign_finished(campaign: Campaign):
    def check():
        campaign.refresh_from_db()
        return campaign.status == Campaign.Status.SENT

    return check


def kill_halfway_and_restart(workers: Workers, sink: SmtpSink, campaign: Campaign) -> None:
    first = workers.start()
    sending.start(campaign)
    assert wait_for(lambda: len(sink.messages) >= RECIPIENTS // 2), "the worker sent nothing"
    workers.kill(first)
    killed_at = len(sink.messages)
    assert killed_at < RECIPIENTS, "the worker finished before it could be killed"
    workers.start()
    assert wait_for(campaign_finished(campaign)), (sending.stats(campaign), workers.report())
    assert_each_recipient_exactly_once(sink, campaign)


def two_workers_at_once(workers: Workers, sink: SmtpSink, campaign: Campaign) -> None:
    workers.start()
    workers.start()
    sending.start(campaign)
    assert wait_for(campaign_finished(campaign)), (sending.stats(campaign), workers.report())
    assert_each_recipient_exactly_once(sink, campaign)


def test_db_worker_killed_halfway_and_restarted_sends_each_recipient_once(
    settings, workers_for, sink
):
    settings.TASKS = DB_TASKS
    settings.STATEUP_CAMPAIGN_BATCH_SIZE = 20
    audience()
    kill_halfway_and_restart(workers_for("django_tasks_db.DatabaseBackend"), sink, make_campaign())


def test_two_db_workers_at_once_send_each_recipient_once(settings, workers_for, sink):
    settings.TASKS = DB_TASKS
    settings.STATEUP_CAMPAIGN_BATCH_SIZE = 20
    audience()
    two_workers_at_once(workers_for("django_tasks_db.DatabaseBackend"), sink, make_campaign())


def test_rq_worker_killed_halfway_and_restarted_sends_each_recipient_once(
    settings, redis_queue, workers_for, sink
):
    settings.TASKS = RQ_TASKS
    settings.STATEUP_CAMPAIGN_BATCH_SIZE = 20
    audience()
    kill_halfway_and_restart(workers_for("django_tasks_rq.RQBackend"), sink, make_campaign())


def test_two_rq_workers_at_once_send_each_recipient_once(settings, redis_queue, workers_for, sink):
    settings.TASKS = RQ_TASKS
    settings.STATEUP_CAMPAIGN_BATCH_SIZE = 20
    audience()
    two_workers_at_once(workers_for("django_tasks_rq.RQBackend"), sink, make_campaign())
