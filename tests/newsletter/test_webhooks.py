"""Provider webhooks, with payloads signed as Mailgun signs them (anymail checks the signature)."""

import hashlib
import hmac
import json
import time

import pytest
from django.core import mail

from newsletter import sending
from newsletter.models import Subscriber, SuppressionEvent
from tests.factories import make_campaign, make_subscriber

pytestmark = pytest.mark.django_db

URL = "/newsletter/webhooks/mailgun/tracking/"
SIGNING_KEY = "key-test-signing"
BASIC = "hooks:s3cret-webhook"


@pytest.fixture(autouse=True)
def _webhook_settings(settings):
    settings.ANYMAIL = {"WEBHOOK_SECRET": BASIC, "MAILGUN_WEBHOOK_SIGNING_KEY": SIGNING_KEY}


def signed(event: dict, *, event_id="tok-1", key=SIGNING_KEY, timestamp=None) -> str:
    timestamp = str(int(timestamp or time.time()))
    signature = hmac.new(
        key.encode(), f"{timestamp}{event_id}".encode(), hashlib.sha256
    ).hexdigest()
    return json.dumps(
        {
            "signature": {"timestamp": timestamp, "token": event_id, "signature": signature},
            "event-data": event,
        }
    )


def event(kind: str, recipient: str, message_id: str = "", **extra) -> dict:
    data = {"event": kind, "recipient": recipient, "timestamp": time.time(), "id": "evt"}
    if message_id:
        data["message"] = {"headers": {"message-id": message_id.strip("<>")}}
    data.update(extra)
    return data


def post(client, body: str, auth=BASIC):
    import base64

    headers = {}
    if auth:
        headers["HTTP_AUTHORIZATION"] = "Basic " + base64.b64encode(auth.encode()).decode()
    return client.post(URL, body, content_type="application/json", **headers)


def sent_campaign_to(subscriber):
    campaign = make_campaign()
    sending.start(campaign)
    return campaign, campaign.deliveries.get()


def test_a_bounce_suppresses_the_address_and_is_counted(client):
    reader = make_subscriber(status="confirmed")
    campaign, delivery = sent_campaign_to(reader)
    response = post(
        client, signed(event("failed", reader.email, delivery.message_id, severity="permanent"))
    )
    assert response.status_code == 200
    reader.refresh_from_db()
    assert reader.suppressed_at is not None
    assert reader.suppression_reason == "bounce"
    assert sending.stats(campaign)["bounced"] == 1
    # Never sent to again: the next campaign leaves them out.
    mail.outbox.clear()
    make_subscriber(status="confirmed")
    sending.start(make_campaign())
    assert reader.email not in [message.to[0] for message in mail.outbox]


def test_a_complaint_suppresses_the_address(client):
    reader = make_subscriber(status="confirmed")
    campaign, delivery = sent_campaign_to(reader)
    assert (
        post(client, signed(event("complained", reader.email, delivery.message_id))).status_code
        == 200
    )
    reader.refresh_from_db()
    assert reader.suppression_reason == "complaint"
    assert sending.stats(campaign)["complaints"] == 1


@pytest.mark.parametrize(
    ("body", "auth", "status"),
    [
        (lambda: signed(event("complained", "a@example.org"), key="wrong-key"), BASIC, 403),
        (lambda: signed(event("complained", "a@example.org")), "hooks:wrong", 403),
        (lambda: signed(event("complained", "a@example.org")), None, 403),
        (lambda: "{not json", BASIC, 403),
        (lambda: json.dumps({"signature": {}}), BASIC, 403),
    ],
)
def test_a_forged_or_malformed_webhook_is_refused_and_changes_nothing(client, body, auth, status):
    reader = make_subscriber(email="a@example.org", status="confirmed")
    response = post(client, body(), auth=auth)
    assert response.status_code == status
    reader.refresh_from_db()
    assert reader.suppressed_at is None
    assert not SuppressionEvent.objects.exists()


def test_a_signed_but_unreadable_event_is_400(client):
    reader = make_subscriber(email="a@example.org", status="confirmed")
    body = signed({"recipient": reader.email})  # no "event"
    assert post(client, body).status_code == 400
    reader.refresh_from_db()
    assert reader.suppressed_at is None


def test_a_replayed_webhook_is_refused(client):
    reader = make_subscriber(status="confirmed")
    body = signed(event("complained", reader.email))
    assert post(client, body).status_code == 200
    Subscriber.objects.filter(pk=reader.pk).update(suppressed_at=None)  # an admin released it
    assert post(client, body).status_code == 400
    reader.refresh_from_db()
    assert reader.suppressed_at is None


def test_an_old_event_is_refused(client):
    reader = make_subscriber(status="confirmed")
    old = event("complained", reader.email, timestamp=time.time() - 3 * 86400)
    assert post(client, signed(old)).status_code == 400
    reader.refresh_from_db()
    assert reader.suppressed_at is None


def test_webhooks_are_off_without_a_secret(client, settings):
    settings.ANYMAIL = {}
    reader = make_subscriber(status="confirmed")
    assert post(client, signed(event("complained", reader.email))).status_code == 403


def test_unknown_providers_and_get_are_4xx(client):
    assert client.post("/newsletter/webhooks/nobody/tracking/").status_code == 404
    assert client.get(URL).status_code == 405


def test_an_administrator_releases_a_suppressed_address(staff_client):
    reader = make_subscriber(status="confirmed")
    reader.suppress("bounce")
    staff_client.post(
        "/admin/newsletter/subscriber/",
        {"action": "release_suppression", "_selected_action": [reader.pk]},
    )
    reader.refresh_from_db()
    assert reader.suppressed_at is None
