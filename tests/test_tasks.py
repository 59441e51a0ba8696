"""The task engine: both configured backends run the project's tasks for real."""

import os

import pytest
from django.core import mail
from django.core.management import call_command

from newsletter import tasks
from newsletter.models import Subscriber
from tests.factories import make_subscriber

REDIS_TEST_URL = os.environ.get("STATEUP_TEST_REDIS_URL", "redis://127.0.0.1:6379/5")

pytestmark = [pytest.mark.real_tasks, pytest.mark.django_db]


def test_the_default_backend_is_the_database_one(settings):
    from django_tasks import task_backends

    assert type(task_backends["default"]).__module__.startswith("django_tasks_db")


@pytest.mark.django_db(transaction=True)
def test_db_worker_sends_a_queued_confirmation(settings):
    """In this process, so committed for real: the worker closes connections left in a transaction."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    subscriber = make_subscriber(pending_email=Subscriber.Email.CONFIRMATION)
    result = tasks.send_subscriber_email.enqueue(subscriber.pk, "https://stateup.example")
    assert mail.outbox == []
    call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", verbosity=0)
    assert [message.to for message in mail.outbox] == [[subscriber.email]]
    assert "https://stateup.example/newsletter/confirm/" in mail.outbox[0].body
    result.refresh()
    assert result.status == "SUCCESSFUL"
    # Running the same task again sends nothing: the email is no longer due.
    tasks.send_subscriber_email.enqueue(subscriber.pk, "https://stateup.example")
    call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", verbosity=0)
    assert len(mail.outbox) == 1


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
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    yield client
    client.flushdb()


def test_rq_worker_sends_a_queued_confirmation(redis_queue):
    import django_rq
    from django_tasks_rq import Job
    from rq import SimpleWorker

    subscriber = make_subscriber(pending_email=Subscriber.Email.CONFIRMATION)
    result = tasks.send_subscriber_email.enqueue(subscriber.pk, "https://stateup.example")
    assert redis_queue.exists(f"rq:job:{result.id}")
    assert mail.outbox == []
    queue = django_rq.get_queue("default", job_class=Job)
    SimpleWorker([queue], connection=queue.connection, job_class=Job).work(burst=True)
    assert [message.to for message in mail.outbox] == [[subscriber.email]]
    result.refresh()
    assert result.status == "SUCCESSFUL"


def test_a_queue_that_cannot_be_reached_does_not_lose_the_signup(client, settings):
    """The signup is stored with its email due; `sendpending` sends it later."""
    settings.RQ_QUEUES = {"default": {"URL": "redis://127.0.0.1:8649/0", "DEFAULT_TIMEOUT": 5}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    settings.STATEUP_RATE_LIMITS = False
    settings.STATEUP_FORM_MIN_SECONDS = 0
    from background.enqueue import enqueue_on_commit

    subscriber = make_subscriber(pending_email=Subscriber.Email.CONFIRMATION)
    enqueue_on_commit(tasks.send_subscriber_email, subscriber.pk, "")
    from django.db import connection

    for _, callback, _robust in connection.run_on_commit:
        callback()  # the test transaction never commits: run them; Redis is not there
    assert mail.outbox == []
    call_command("sendpending", verbosity=0)
    assert [message.to for message in mail.outbox] == [[subscriber.email]]
