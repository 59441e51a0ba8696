"""The online link is for confirmed registrants' inboxes only: never in a public response."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from events.models import Event, Registration
from tests.factories import make_author, make_event

pytestmark = pytest.mark.django_db

SECRET_URL = "https://meet.example.org/j/secret-room-4815162342"

STATES = {
    "upcoming": {},
    "full": {"capacity": 0},
    "closed": {"is_registration_closed": True},
    "postponed": {"is_postponed": True},
    "cancelled": {"status": Event.Status.CANCELLED},
    "past": {
        "starts_at": timezone.now() - timedelta(days=2),
        "ends_at": timezone.now() - timedelta(days=2) + timedelta(hours=1),
    },
    "draft": {"status": Event.Status.DRAFT},
}


def public_paths(event) -> list[str]:
    slug = event.slug
    return [
        "/",
        "/events/",
        "/events/past/",
        f"/events/{slug}/",
        f"/events/{slug}/event.ics",
        f"/events/{slug}/register/",
        "/events/calendar.ics",
        "/events/feed/",
        "/sitemap.xml",
        "/search/?q=secret",
        "/search/?q=Round",
        event.speakers.first().get_absolute_url(),
    ]


@pytest.mark.parametrize("state", list(STATES))
@pytest.mark.parametrize("event_format", [Event.Format.ONLINE, Event.Format.HYBRID])
def test_online_url_appears_in_no_public_response(client, state, event_format):
    event = make_event(
        format=event_format, online_url=SECRET_URL, speakers=[make_author()], **STATES[state]
    )
    for path in public_paths(event):
        response = client.get(path, follow=True)
        assert response.status_code in {200, 404}, path
        body = b"".join(response) if response.streaming else response.content
        assert SECRET_URL.encode() not in body, path
        assert b"secret-room" not in body, path


def test_a_registration_answer_never_carries_the_online_url(client):
    event = make_event(format=Event.Format.ONLINE, online_url=SECRET_URL, capacity=1)
    for n in range(2):
        for accept in ["application/json", "text/html"]:
            response = client.post(
                f"/events/{event.slug}/register/",
                {"email": f"p{n}-{accept[-4:]}@example.org", "name": "P", "consent": "on"},
                HTTP_ACCEPT=accept,
                follow=True,
            )
            assert SECRET_URL.encode() not in response.content


def test_only_confirmed_registrants_get_the_online_url_by_email(django_capture_on_commit_callbacks):
    event = make_event(format=Event.Format.ONLINE, online_url=SECRET_URL, capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        seated = event.register(email="seated@example.org", name="Seated")
        waiting = event.register(email="waiting@example.org", name="Waiting")
    assert seated.status == Registration.Status.CONFIRMED
    assert waiting.status == Registration.Status.WAITLISTED
    by_address = {message.to[0]: message for message in mail.outbox}
    assert SECRET_URL in by_address["seated@example.org"].body
    assert SECRET_URL not in by_address["waiting@example.org"].body
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        for _name, content, _mimetype in message.attachments:
            text = content if isinstance(content, str) else content.decode()
            assert SECRET_URL not in text
