"""
Every email about an event registration, one function per kind. Each renders a
plain-text and an HTML body from `templates/events/email/` and raises if sending
fails: the caller (Registration) records the failure so the task can retry.

The online link goes only into emails to confirmed registrants.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from events import calendars
from events.models import Registration
from events.times import event_times


def _context(registration) -> dict:
    event = registration.event
    base = settings.STATEUP_SITE_URL
    confirmed = registration.status == Registration.Status.CONFIRMED
    return {
        "registration": registration,
        "event": event,
        "times": event_times(event),
        "site_url": base,
        "event_url": base + event.get_absolute_url(),
        "cancel_url": base
        + reverse("events:cancel", kwargs={"token": registration.make_cancel_token()}),
        "online_url": event.online_url if confirmed and event.is_online else "",
        "location": calendars.location(event),
    }


def _send(kind: str, registration, *, attach_calendar: bool) -> None:
    context = _context(registration)
    folder = "events/email"
    subject = " ".join(render_to_string(f"{folder}/{kind}_subject.txt", context).split())
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"{folder}/{kind}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[registration.email],
    )
    message.attach_alternative(render_to_string(f"{folder}/{kind}.html", context), "text/html")
    if attach_calendar:
        message.attach(
            "event.ics",
            calendars.event_ics(registration.event, base_url=settings.STATEUP_SITE_URL),
            "text/calendar; charset=utf-8; method=PUBLISH",
        )
    message.send(fail_silently=False)


def send_registration_email(registration, kind: str) -> None:
    """Confirmation, waiting list, seat freed (promoted) or cancellation."""
    seated = kind in {Registration.Email.CONFIRMATION, Registration.Email.PROMOTED}
    _send(kind, registration, attach_calendar=seated)


def send_reminder(registration, kind: str) -> None:
    """`kind` is "day" or "hour" before the start."""
    _send(f"reminder_{kind}", registration, attach_calendar=False)


def send_change_notice(registration) -> None:
    """The time, place or status changed: the updated calendar entry comes along."""
    _send("changed", registration, attach_calendar=True)
