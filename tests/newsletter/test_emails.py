"""Every email: plain text and HTML, absolute links, RFC 8058 unsubscribe headers."""

import pytest
from django.core import mail
from django.test import RequestFactory
from django.utils import translation

from newsletter import emails
from tests.factories import make_contact_message, make_subscriber

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_url(settings):
    settings.STATEUP_SITE_URL = "https://stateup.example"
    return settings.STATEUP_SITE_URL


@pytest.mark.parametrize("send", [emails.send_confirmation, emails.send_welcome])
def test_subscriber_emails_carry_one_click_unsubscribe_headers_and_a_link(site_url, send):
    subscriber = make_subscriber(name="Ana <b>")
    send(subscriber)
    [message] = mail.outbox
    header = message.extra_headers["List-Unsubscribe"]
    token = subscriber.make_unsubscribe_token()
    assert header == f"<{site_url}/newsletter/unsubscribe/{token}/>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert f"{site_url}/newsletter/unsubscribe/{token}/" in message.body
    assert f"{site_url}/newsletter/unsubscribe/{token}/" in html
    # Plain text keeps the name as typed; HTML escapes it.
    assert "Hello Ana <b>," in message.body
    assert "Ana &lt;b&gt;" in html
    assert "<b>," not in html


def test_the_confirmation_email_links_to_the_confirm_page(site_url):
    subscriber = make_subscriber()
    emails.send_confirmation(subscriber)
    [message] = mail.outbox
    url = f"{site_url}/newsletter/confirm/{subscriber.make_confirm_token()}/"
    assert url in message.body
    assert url in message.alternatives[0][0]
    assert message.subject == "Please confirm your StateUp subscription"
    assert message.to == [subscriber.email]


def test_links_come_from_the_request_when_there_is_one(site_url):
    subscriber = make_subscriber()
    request = RequestFactory().get("/", HTTP_HOST="localhost")
    emails.send_welcome(subscriber, request=request)
    assert "http://localhost/newsletter/unsubscribe/" in mail.outbox[0].body


def test_emails_are_written_in_the_subscribers_language(client):
    subscriber = make_subscriber(language="es")
    with translation.override("en"):
        subscriber.pending_email = "welcome"
        subscriber.save()
        subscriber.send_pending_email()
    assert mail.outbox  # rendered under the subscriber's language without error


def test_the_contact_notification_goes_to_staff_and_answers_the_sender(site_url, settings):
    settings.STATEUP_STAFF_EMAIL = "desk@stateup.example"
    message = make_contact_message(subject="Press <enquiry>", email="ana@example.org")
    emails.send_contact_notification(message)
    [email] = mail.outbox
    assert email.to == ["desk@stateup.example"]
    assert email.reply_to == ["ana@example.org"]
    assert email.subject == "Contact form: Press <enquiry>"
    assert "List-Unsubscribe" not in email.extra_headers
    assert f"{site_url}/admin/newsletter/contactmessage/{message.pk}/change/" in email.body
    assert "Press &lt;enquiry&gt;" in email.alternatives[0][0]


def _parsed(raw: bytes):
    import email

    message = email.message_from_bytes(raw)
    headers = sorted((k, v) for k, v in message.items() if k not in {"Date", "Content-Type"})
    parts = [
        (part.get_content_type(), part["Content-Transfer-Encoding"], part.get_payload(decode=True))
        for part in message.walk()
        if not part.is_multipart()
    ]
    return headers, parts, message


@pytest.mark.parametrize("language", ["en", "es", "pt"])
@pytest.mark.parametrize("address", ["reader@example.org", "o'brien&co@example.org"])
def test_a_prepared_campaign_is_the_message_django_would_send(site_url, language, address):
    """The bytes filled in per subscriber equal Django's full message, but for date and boundary."""
    from email.utils import parsedate_to_datetime

    from newsletter.models import Subscriber
    from tests.factories import make_campaign

    subscriber = make_subscriber(email=address, status=Subscriber.Status.CONFIRMED)
    campaign = make_campaign(subject="Notícias — março", body="<p>Olá, <b>leitores</b>.</p>")
    message_id = f"<campaign-{campaign.pk}.delivery-7@stateup.org>"
    with translation.override(language):
        prepared = emails.PreparedCampaign(campaign, base_url=site_url)
        raw = prepared.for_subscriber(subscriber, message_id=message_id)
        django_message = emails.campaign_message(
            campaign, subscriber=subscriber, base_url=site_url, message_id=message_id
        )
    expected = django_message.message().as_bytes(linesep="\r\n")
    assert prepared.is_usable
    assert raw is not None
    assert b"stand-in" not in raw
    headers, parts, message = _parsed(raw)
    assert (headers, parts) == _parsed(expected)[:2]
    assert message["To"] == address
    assert message["Content-Language"] == language
    django_date = parsedate_to_datetime(_parsed(expected)[2]["Date"])
    assert abs((parsedate_to_datetime(message["Date"]) - django_date).total_seconds()) <= 1
    assert prepared.from_email == "StateUp <hello@stateup.org>"
    html = parts[1][2].decode()
    assert "o&#x27;brien&amp;co@example.org" in html or address == "reader@example.org"


def test_an_address_django_would_rewrite_is_built_in_full(site_url):
    from newsletter.models import Subscriber
    from tests.factories import make_campaign

    subscriber = make_subscriber(email="josé@exemplo.pt", status=Subscriber.Status.CONFIRMED)
    prepared = emails.PreparedCampaign(make_campaign(), base_url=site_url)
    assert prepared.for_subscriber(subscriber, message_id="<x@stateup.org>") is None


def test_a_campaign_django_would_encode_is_not_prepared(site_url):
    """A line over SMTP's limit makes Django quote the part; such a campaign takes the full path."""
    from tests.factories import make_campaign

    prepared = emails.PreparedCampaign(
        make_campaign(body="<p>" + "word " * 400 + "</p>"), base_url=site_url
    )
    assert not prepared.is_usable
