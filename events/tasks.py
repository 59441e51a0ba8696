"""
Background work for events, through Django's tasks API (django-tasks backport).

Every task is safe to run twice or to be killed halfway: each email is claimed
and marked sent on its registration row (the newsletter's outbox pattern), so a
retry only sends what has not gone out yet.
"""

from django.utils import timezone
from django_tasks import task

from events import emails
from events.models import (
    REMINDERS,
    Event,
    Registration,
    event_changed,
    registration_email_due,
    reminders_due,
)


@task()
def send_registration_email(registration_id: int) -> bool | None:
    registration = Registration.objects.select_related("event").filter(pk=registration_id).first()
    if registration is None:
        return None
    return registration.send_pending_email(emails.send_registration_email)


@task()
def send_reminders(event_id: int, kind: str) -> int:
    """The `kind` ("day" or "hour") reminder to every confirmed registrant, if it is due now."""
    event = Event.objects.filter(pk=event_id, status=Event.Status.PUBLISHED).first()
    if event is None or kind not in REMINDERS:
        return 0
    now = timezone.now()
    # A task for an old start time (the event moved) finds nothing due.
    if not (event.starts_at - REMINDERS[kind] <= now < event.starts_at):
        return 0
    sent = 0
    field = f"{kind}_reminder_sent_at"
    waiting = event.registrations.filter(status=Registration.Status.CONFIRMED, **{field: None})
    for registration in waiting.select_related("event"):
        sent += bool(registration.send_reminder(kind, emails.send_reminder))
    return sent


@task()
def send_due_reminders() -> int:
    """Every reminder due now, for all events: for a worker or cron that runs it regularly."""
    now = timezone.now()
    sent = 0
    soon = Event.objects.filter(
        status=Event.Status.PUBLISHED,
        starts_at__gt=now,
        starts_at__lte=now + max(REMINDERS.values()),
    )
    for event in soon:
        for kind in REMINDERS:
            sent += send_reminders.call(event.pk, kind)
    return sent


@task()
def notify_change(event_id: int, sequence: int) -> int:
    """Email every registrant (not cancelled) who has not heard of revision `sequence`."""
    event = Event.objects.filter(pk=event_id).first()
    if event is None or event.sequence != sequence or event.status == Event.Status.DRAFT:
        # A later change queued its own notice, which covers this one.
        return 0
    sent = 0
    waiting = event.registrations.active().filter(notified_sequence__lt=sequence)
    for registration in waiting.select_related("event"):
        sent += bool(registration.send_change_notice(sequence, emails.send_change_notice))
    return sent


def schedule_reminders(event: Event) -> None:
    """Queue the reminder tasks for when they are due (backends that can wait)."""
    if event.status != Event.Status.PUBLISHED or event.registration != Event.RegistrationMode.OPEN:
        return
    if not send_reminders.get_backend().supports_defer:
        return
    now = timezone.now()
    for kind, before in REMINDERS.items():
        due = event.starts_at - before
        if due > now:
            send_reminders.using(run_after=due).enqueue(event.pk, kind)


def connect() -> None:
    """Queue what the models ask for (connected by EventsConfig.ready)."""
    event_changed.connect(
        lambda sender, event_id, sequence, **kwargs: notify_change.enqueue(event_id, sequence),
        sender=Event,
        weak=False,
        dispatch_uid="events.notify_change",
    )
    reminders_due.connect(
        lambda sender, event, **kwargs: schedule_reminders(event),
        sender=Event,
        weak=False,
        dispatch_uid="events.schedule_reminders",
    )
    registration_email_due.connect(
        lambda sender, registration_id, **kwargs: send_registration_email.enqueue(registration_id),
        sender=Registration,
        weak=False,
        dispatch_uid="events.registration_email",
    )
