"""Emails about registrations: sent by tasks, each exactly once, retried after a failure."""

from datetime import timedelta
from unittest import mock

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from events import tasks
from events.models import Event, Registration
from tests.factories import make_event, make_registration

pytestmark = pytest.mark.django_db


def test_day_and_hour_reminders_go_once_to_confirmed_registrants_only():
    event = make_event(format=Event.Format.HYBRID, online_url="https://meet.example.org/room")
    seated = make_registration(event)
    make_registration(event, status=Registration.Status.WAITLISTED, confirmed_at=None)
    make_registration(event, status=Registration.Status.CANCELLED)
    assert tasks.send_reminders.call(event.pk, "day") == 0  # a week early: not due
    with time_machine.travel(event.starts_at - timedelta(hours=20)):
        assert tasks.send_reminders.call(event.pk, "day") == 1
        assert tasks.send_reminders.call(event.pk, "day") == 0
        assert tasks.send_due_reminders.call() == 0
    with time_machine.travel(event.starts_at - timedelta(minutes=30)):
        assert tasks.send_due_reminders.call() == 1
        assert tasks.send_due_reminders.call() == 0
    assert [m.to for m in mail.outbox] == [[seated.email], [seated.email]]
    assert [m.subject for m in mail.outbox] == [
        f"Tomorrow: {event.title}",
        f"In one hour: {event.title}",
    ]
    assert "https://meet.example.org/room" in mail.outbox[1].body


def test_a_change_of_time_emails_every_registrant_once_with_the_new_calendar(
    django_capture_on_commit_callbacks,
):
    event = make_event(capacity=1)
    seated = make_registration(event)
    waiting = make_registration(event, status=Registration.Status.WAITLISTED, confirmed_at=None)
    make_registration(event, status=Registration.Status.CANCELLED)
    with django_capture_on_commit_callbacks(execute=True):
        event.summary = "Only the words changed"
        event.save()
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        event.starts_at += timedelta(hours=2)
        event.ends_at += timedelta(hours=2)
        event.save()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([seated.email, waiting.email])
    assert all(m.subject == f"Updated: {event.title}" for m in mail.outbox)
    assert all(m.attachments[0][0] == "event.ics" for m in mail.outbox)
    # Run again (a retried task): nobody hears twice.
    assert tasks.notify_change.call(event.pk, event.sequence) == 0
    assert len(mail.outbox) == 2


def test_cancelling_the_event_tells_registrants(django_capture_on_commit_callbacks):
    event = make_event()
    make_registration(event)
    with django_capture_on_commit_callbacks(execute=True):
        event.status = Event.Status.CANCELLED
        event.save()
    assert len(mail.outbox) == 1
    assert "The event is cancelled." in mail.outbox[0].body


def test_a_failed_send_is_recorded_and_a_retry_sends_it_once(django_capture_on_commit_callbacks):
    event = make_event()
    with (
        mock.patch(
            "django.core.mail.EmailMultiAlternatives.send", side_effect=OSError("mail server down")
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        registration = event.register(email="ana@example.org", name="Ana")
    registration.refresh_from_db()
    assert registration.pending_email == Registration.Email.CONFIRMATION
    assert registration.send_attempts == 1
    assert "mail server down" in registration.last_send_error
    assert tasks.send_registration_email.call(registration.pk) is True
    assert tasks.send_registration_email.call(registration.pk) is None
    assert len(mail.outbox) == 1


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_the_database_worker_sends_the_confirmation(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    event = make_event()
    registration = event.register(email="ana@example.org", name="Ana")
    assert mail.outbox == []
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    assert [m.to for m in mail.outbox] == [["ana@example.org"]]
    registration.refresh_from_db()
    assert registration.pending_email == ""


def test_reminders_are_queued_for_when_they_are_due(settings, django_capture_on_commit_callbacks):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import default_task_backend

    default_task_backend.clear()
    with django_capture_on_commit_callbacks(execute=True):
        event = make_event()
    due = sorted(
        result.task.run_after
        for result in default_task_backend.results
        if result.task.name == "send_reminders"
    )
    assert due == [event.starts_at - timedelta(days=1), event.starts_at - timedelta(hours=1)]
    assert all(at > timezone.now() for at in due)


def test_more_seats_go_to_the_people_waiting_first_come_first_served(
    django_capture_on_commit_callbacks,
):
    event = make_event(capacity=1)
    make_registration(event)
    first = make_registration(event, status=Registration.Status.WAITLISTED, confirmed_at=None)
    second = make_registration(event, status=Registration.Status.WAITLISTED, confirmed_at=None)
    third = make_registration(event, status=Registration.Status.WAITLISTED, confirmed_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        event.capacity = 3
        event.save()
    statuses = {r.pk: r.status for r in event.registrations.all()}
    assert [statuses[first.pk], statuses[second.pk], statuses[third.pk]] == [
        "confirmed",
        "confirmed",
        "waitlisted",
    ]
    assert sorted(m.to[0] for m in mail.outbox) == sorted([first.email, second.email])


def test_sendeventmail_retries_what_failed_and_sends_nothing_twice(
    django_capture_on_commit_callbacks,
):
    event = make_event()
    make_registration(event)
    with mock.patch("django.core.mail.EmailMultiAlternatives.send", side_effect=OSError("down")):
        with django_capture_on_commit_callbacks(execute=True):
            event.register(email="ana@example.org", name="Ana")
            event.venue = "Another venue"
            event.save()
        with pytest.raises(SystemExit):
            call_command("sendeventmail", verbosity=0)
    assert mail.outbox == []
    call_command("sendeventmail", verbosity=0)
    subjects = sorted(m.subject for m in mail.outbox)
    assert subjects == sorted(
        [f"You are registered: {event.title}", f"Updated: {event.title}", f"Updated: {event.title}"]
    )
    call_command("sendeventmail", verbosity=0)
    assert len(mail.outbox) == 3
