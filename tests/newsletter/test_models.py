"""Subscribers and contact messages: one row per address, signed links, delivery state."""

import base64
from datetime import timedelta
from unittest import mock

import pytest
import time_machine
from django.core import mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from newsletter.models import (
    ContactMessage,
    ExpiredToken,
    InvalidToken,
    Subscriber,
)
from publicforms.forms import normalize_email
from tests.factories import make_contact_message, make_subscriber

pytestmark = pytest.mark.django_db

FAIL_SENDING = mock.patch(
    "django.core.mail.backends.locmem.EmailBackend.send_messages",
    side_effect=ConnectionRefusedError("mail server down"),
)


@pytest.mark.parametrize(
    ("raw", "normalized"),
    [
        ("  Ana.Lima@Example.ORG  ", "Ana.Lima@example.org"),
        ("ana@bücher.example", "ana@xn--bcher-kva.example"),
        ("no-at-sign", "no-at-sign"),
        ("", ""),
    ],
)
def test_normalize_email_trims_and_lowercases_only_the_domain(raw, normalized):
    assert normalize_email(raw) == normalized


def test_the_database_refuses_a_second_row_for_the_same_address_in_another_case():
    make_subscriber(email="ana@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        Subscriber.objects.bulk_create([Subscriber(email="ANA@example.org")])


def test_the_database_refuses_an_unknown_status():
    with pytest.raises(IntegrityError), transaction.atomic():
        Subscriber.objects.bulk_create([Subscriber(email="x@example.org", status="banned")])


def test_save_normalises_the_address_whatever_path_saved_it():
    assert make_subscriber(email=" Ana@EXAMPLE.org ").email == "Ana@example.org"


def test_sign_up_creates_one_pending_subscriber_with_a_confirmation_due():
    subscriber = Subscriber.objects.sign_up(email="Ana@Example.org", name="Ana")
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.pending_email == Subscriber.Email.CONFIRMATION
    again = Subscriber.objects.sign_up(email="ana@example.org", name="Ana L.")
    assert again.pk == subscriber.pk
    assert Subscriber.objects.count() == 1


def test_confirm_is_idempotent_and_queues_one_welcome():
    subscriber = make_subscriber()
    assert subscriber.confirm() is True
    assert subscriber.status == "confirmed"
    assert subscriber.pending_email == Subscriber.Email.WELCOME
    assert subscriber.confirm() is False


def test_unsubscribe_records_the_time_and_is_idempotent():
    subscriber = make_subscriber(status="confirmed")
    assert subscriber.unsubscribe() is True
    assert subscriber.unsubscribed_at is not None
    assert subscriber.unsubscribe() is False


def test_tokens_round_trip_and_are_not_interchangeable():
    subscriber = make_subscriber()
    assert Subscriber.from_confirm_token(subscriber.make_confirm_token()) == subscriber
    assert Subscriber.from_unsubscribe_token(subscriber.make_unsubscribe_token()) == subscriber
    with pytest.raises(InvalidToken):
        Subscriber.from_confirm_token(subscriber.make_unsubscribe_token())
    with pytest.raises(InvalidToken):
        Subscriber.from_unsubscribe_token(subscriber.make_confirm_token())


def test_tokens_do_not_reveal_the_address():
    subscriber = make_subscriber(email="private.person@example.org")
    token = subscriber.make_unsubscribe_token()
    payload = token.split(":")[0]
    decoded = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    assert b"private" not in decoded


def test_confirm_tokens_expire_after_seven_days():
    with time_machine.travel("2026-11-01 10:00Z", tick=False) as clock:
        subscriber = make_subscriber()
        token = subscriber.make_confirm_token()
        clock.shift(timedelta(days=6, hours=23))
        assert Subscriber.from_confirm_token(token) == subscriber
        clock.shift(timedelta(hours=2))
        with pytest.raises(ExpiredToken):
            Subscriber.from_confirm_token(token)


def test_a_failed_send_is_recorded_and_a_retry_sends_it_once():
    subscriber = Subscriber.objects.sign_up(email="ana@example.org")
    with FAIL_SENDING:
        assert subscriber.send_pending_email() is False
    assert subscriber.send_attempts == 1
    assert "mail server down" in subscriber.last_send_error
    assert subscriber.pending_email == "confirmation"
    assert subscriber.send_pending_email() is True
    assert subscriber.send_attempts == 0
    assert subscriber.last_send_error == ""
    assert subscriber.send_pending_email() is None
    assert len(mail.outbox) == 1


def test_an_email_claimed_by_another_process_is_not_sent_again():
    subscriber = Subscriber.objects.sign_up(email="ana@example.org")
    other_copy = Subscriber.objects.get(pk=subscriber.pk)
    assert subscriber._claim_send(Q(pending_email="confirmation"))
    assert other_copy.send_pending_email() is None
    assert mail.outbox == []


def test_an_abandoned_claim_is_taken_over_after_the_timeout():
    with time_machine.travel("2026-11-29 10:00Z", tick=False) as clock:
        subscriber = Subscriber.objects.sign_up(email="ana@example.org")
        Subscriber.objects.filter(pk=subscriber.pk).update(send_claimed_at=timezone.now())
        assert subscriber.send_pending_email() is None
        clock.shift(timedelta(minutes=11))
        assert subscriber.send_pending_email() is True
    assert len(mail.outbox) == 1


def test_a_pending_welcome_is_not_replaced_by_a_new_confirmation():
    subscriber = make_subscriber()
    subscriber.confirm()
    Subscriber.objects.sign_up(email=subscriber.email)
    subscriber.refresh_from_db()
    assert subscriber.pending_email == Subscriber.Email.WELCOME


def test_resend_confirmation_ignores_the_window_but_only_for_pending():
    subscriber = Subscriber.objects.sign_up(email="ana@example.org")
    subscriber.send_pending_email()
    assert subscriber.resend_confirmation() is True
    assert len(mail.outbox) == 2
    confirmed = make_subscriber(status="confirmed")
    assert confirmed.resend_confirmation() is None
    assert len(mail.outbox) == 2


def test_contact_message_handled_time_follows_the_flag():
    message = make_contact_message()
    message.is_handled = True
    message.save()
    assert message.handled_at is not None
    message.is_handled = False
    message.save()
    assert message.handled_at is None


def test_a_contact_notification_is_sent_once():
    message = make_contact_message()
    assert message.send_notification() is True
    assert message.send_notification() is None
    assert ContactMessage.objects.with_unsent_notification().count() == 0
    assert len(mail.outbox) == 1


def test_nothing_waiting_is_sent_to_someone_who_has_left():
    subscriber = make_subscriber(status="unsubscribed", pending_email="welcome")
    assert subscriber.send_pending_email() is None
    assert subscriber.pending_email == ""
    assert mail.outbox == []
