import json

import pytest
from django.core import mail

from events.models import Event, Registration
from newsletter.models import Subscriber
from tests.factories import make_event, make_registration

pytestmark = pytest.mark.django_db

OK = {
    "ok": True,
    "message": "Thank you! You are registered: check your inbox for the confirmation and the calendar file.",
}
WAITING = {
    "ok": True,
    "message": "Thank you! The event is full, so you are on the waiting list: we will email you if a seat frees up.",
}


def register(client, event, **data):
    fields = {"name": "Ana Lima", "email": "ana@example.org", "consent": "on", **data}
    return client.post(f"/events/{event.slug}/register/", fields, HTTP_ACCEPT="application/json")


def test_registration_confirms_while_seats_remain_then_waitlists(
    client, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        first = register(client, event, email="one@example.org")
        second = register(client, event, email="two@example.org")
    assert (first.status_code, first.json()) == (200, OK)
    assert (second.status_code, second.json()) == (200, WAITING)
    statuses = dict(event.registrations.values_list("email", "status"))
    assert statuses == {"one@example.org": "confirmed", "two@example.org": "waitlisted"}
    subjects = sorted(message.subject for message in mail.outbox)
    assert subjects == [f"Waiting list: {event.title}", f"You are registered: {event.title}"]
    confirmation = next(m for m in mail.outbox if m.to == ["one@example.org"])
    assert confirmation.attachments[0][0] == "event.ics"
    assert "/events/cancel/" in confirmation.body


def test_registering_twice_does_not_tell_and_keeps_one_row(
    client, django_capture_on_commit_callbacks
):
    event = make_event(capacity=5)
    with django_capture_on_commit_callbacks(execute=True):
        first = register(client, event, email="Ana@Example.org")
        again = register(client, event, email="ana@EXAMPLE.org")
    assert first.json() == again.json() == OK
    assert event.registrations.count() == 1
    assert len(mail.outbox) == 1


def test_an_existing_registrant_of_a_full_event_is_answered_as_a_newcomer_would_be(client):
    event = make_event(capacity=1)
    make_registration(event, email="ana@example.org")
    assert register(client, event, email="ana@example.org").json() == WAITING
    assert event.registrations.count() == 1


@pytest.mark.parametrize(
    "data",
    [
        {"email": ""},
        {"email": "not-an-address"},
        {"consent": ""},
        {"name": ""},
        {"name": "x" * 121},
        {"name": "Ana\u202eLima"},
        {"email": "a b@example.org"},
    ],
)
def test_invalid_input_is_400_and_stores_nothing(client, data):
    event = make_event()
    response = register(client, event, **data)
    assert response.status_code == 400
    assert response.json()["ok"] is False
    assert not event.registrations.exists()


def test_json_body_with_wrong_types_is_400(client):
    event = make_event()
    response = client.post(
        f"/events/{event.slug}/register/",
        json.dumps({"name": 5, "email": ["a@example.org", "b@example.org"], "consent": None}),
        content_type="application/json",
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 400
    assert not event.registrations.exists()


def test_honeypot_gets_the_normal_answer_and_nothing_is_stored(client):
    event = make_event()
    response = register(client, event, website="http://spam.example")
    assert response.json() == OK
    assert not event.registrations.exists()


def test_rate_limit_answers_429(client, settings, one_rate_limit_window):
    settings.STATEUP_RATE_LIMITS = True
    event = make_event()
    codes = [register(client, event, email=f"p{n}@example.org").status_code for n in range(25)]
    assert codes[:20] == [200] * 20
    assert codes[-1] == 429


def test_form_post_without_javascript_redirects_with_a_message(client):
    event = make_event()
    response = register(client, event, HTTP_ACCEPT="text/html")
    response = client.post(
        f"/events/{event.slug}/register/",
        {"name": "Ana", "email": "ana@example.org", "consent": "on"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == f"/events/{event.slug}/register/"
    assert "You are registered" in response.content.decode()
    bad = client.post(
        f"/events/{event.slug}/register/", {"name": "Ana", "email": "nope"}, follow=True
    )
    html = bad.content.decode()
    assert "Please enter a valid email address." in html
    assert 'value="Ana"' in html


def test_newsletter_subscription_only_when_ticked(client, django_capture_on_commit_callbacks):
    event = make_event()
    register(client, event, email="no@example.org")
    assert not Subscriber.objects.exists()
    register(client, event, email="yes@example.org", subscribe="on")
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "yes@example.org"
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.interests == ["events"]


def test_cancel_link_shows_a_button_and_only_post_cancels_and_promotes_one(
    client, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1)
    seated = make_registration(event)
    first_waiting = make_registration(
        event, status=Registration.Status.WAITLISTED, confirmed_at=None
    )
    second_waiting = make_registration(
        event, status=Registration.Status.WAITLISTED, confirmed_at=None
    )
    url = f"/events/cancel/{seated.make_cancel_token()}/"
    assert "Cancel my registration" in client.get(url).content.decode()
    seated.refresh_from_db()
    assert seated.status == Registration.Status.CONFIRMED
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    statuses = {r.pk: r.status for r in event.registrations.all()}
    assert statuses == {
        seated.pk: "cancelled",
        first_waiting.pk: "confirmed",
        second_waiting.pk: "waitlisted",
    }
    assert sorted(m.to[0] for m in mail.outbox) == sorted([seated.email, first_waiting.email])
    promoted = next(m for m in mail.outbox if m.to == [first_waiting.email])
    assert promoted.subject == f"A seat is yours: {event.title}"


@pytest.mark.parametrize("token", ["x", "a" * 300, "eyJyIjoxfQ:1abc:def", "%00"])
def test_bad_cancel_link_is_400(client, token):
    assert client.get(f"/events/cancel/{token}/").status_code == 400
    assert client.post(f"/events/cancel/{token}/").status_code == 400


def test_closed_or_postponed_registration_refuses(client):
    for overrides in [
        {"is_registration_closed": True},
        {"is_postponed": True},
        {"registration": Event.RegistrationMode.NONE},
    ]:
        event = make_event(**overrides)
        assert register(client, event).status_code == 409
        assert client.get(f"/events/{event.slug}/register/").status_code == 302
        assert not event.registrations.exists()


def test_rate_limited_form_post_without_javascript_is_429_with_a_page(
    client, settings, one_rate_limit_window
):
    settings.STATEUP_RATE_LIMITS = True
    event = make_event()
    for n in range(20):
        register(client, event, email=f"p{n}@example.org")
    response = client.post(
        f"/events/{event.slug}/register/",
        {"name": "Ana", "email": "late@example.org", "consent": "on"},
    )
    assert response.status_code == 429
    assert "Register for an event" in response.content.decode()
    assert response["Retry-After"]
