"""`manage.py sendpending`: retries unsent emails, never sends one twice."""

from io import StringIO
from unittest import mock

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from newsletter.models import Subscriber
from tests.factories import make_contact_message, make_subscriber

pytestmark = pytest.mark.django_db

FAIL_SENDING = mock.patch(
    "django.core.mail.backends.locmem.EmailBackend.send_messages",
    side_effect=ConnectionRefusedError("mail server down"),
)


def test_sendpending_sends_what_failed_before_and_nothing_else():
    waiting = make_subscriber(pending_email="confirmation", send_attempts=2)
    welcome = make_subscriber(status="confirmed", pending_email="welcome")
    make_subscriber()  # nothing due
    message = make_contact_message()
    make_contact_message().send_notification()
    mail.outbox.clear()
    out = StringIO()
    call_command("sendpending", stdout=out)
    assert "Sent 3 email(s)." in out.getvalue()
    recipients = sorted(email.to[0] for email in mail.outbox)
    assert recipients == sorted([waiting.email, welcome.email, "team@stateup.org"])
    waiting.refresh_from_db()
    assert waiting.pending_email == ""
    assert waiting.confirmation_sent_at is not None
    message.refresh_from_db()
    assert message.notified_at is not None


def test_running_sendpending_twice_sends_nothing_twice():
    make_subscriber(pending_email="confirmation")
    call_command("sendpending", stdout=StringIO())
    call_command("sendpending", stdout=StringIO())
    assert len(mail.outbox) == 1


def test_sendpending_reports_failures_and_keeps_them_queued():
    subscriber = make_subscriber(pending_email="confirmation")
    err = StringIO()
    with FAIL_SENDING, pytest.raises(CommandError, match="1 email"):
        call_command("sendpending", stdout=StringIO(), stderr=err)
    assert "mail server down" in err.getvalue()
    subscriber.refresh_from_db()
    assert subscriber.pending_email == "confirmation"
    assert subscriber.send_attempts == 1
    assert Subscriber.objects.with_unsent_email().count() == 1


def test_sendpending_builds_links_from_the_site_url(settings):
    settings.STATEUP_SITE_URL = "https://stateup.example"
    make_subscriber(pending_email="confirmation")
    call_command("sendpending", stdout=StringIO())
    assert "https://stateup.example/newsletter/confirm/" in mail.outbox[0].body
