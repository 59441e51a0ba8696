"""The contact page: same validation, honeypot, rate limit and feedback as the signup."""

from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.core import mail

from newsletter.models import ContactMessage

pytestmark = pytest.mark.django_db

CONTACT = "/contact/"
JSON = {"HTTP_ACCEPT": "application/json"}


def valid(**overrides) -> dict:
    data = {
        "name": "Ana Lima",
        "email": "Ana@Example.ORG",
        "organisation": "Instituto Verde",
        "subject": "Speaking at our conference",
        "message": "Hello,\nwould one of your fellows speak in May?\n\nAna",
    }
    data.update(overrides)
    return data


def test_contact_page_shows_a_labelled_form(client):
    response = client.get(CONTACT)
    assert response.status_code == 200
    form = BeautifulSoup(response.content, "html.parser").find("form", id="contact-form")
    for name in ("name", "email", "organisation", "subject", "message"):
        field = form.find(attrs={"name": name})
        assert form.find("label", attrs={"for": field["id"]}) is not None
    assert form.find(attrs={"aria-live": "polite"}) is not None


def test_a_message_is_stored_and_emailed_to_the_staff_address(client, settings):
    settings.STATEUP_STAFF_EMAIL = "desk@stateup.example"
    response = client.post(CONTACT, valid(), **JSON)
    assert response.status_code == 200
    assert response.json()["ok"] is True
    message = ContactMessage.objects.get()
    assert message.email == "Ana@example.org"
    assert message.message.startswith("Hello,\nwould one")
    assert message.notified_at is not None
    assert message.is_handled is False
    [email] = mail.outbox
    assert email.to == ["desk@stateup.example"]
    assert email.reply_to == ["Ana@example.org"]
    assert "Speaking at our conference" in email.subject
    assert "would one of your fellows speak in May?" in email.body
    html = email.alternatives[0][0]
    assert f"/admin/newsletter/contactmessage/{message.pk}/change/" in html


def test_a_form_post_redirects_with_a_success_message(client):
    response = client.post(CONTACT, valid(), follow=True)
    assert response.redirect_chain == [(CONTACT, 302)]
    assert "Your message has been sent" in response.content.decode()


def test_errors_are_specific_and_nothing_is_stored(client):
    response = client.post(CONTACT, {"email": "nope"}, **JSON)
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors["email"] == ["Please enter a valid email address."]
    assert errors["name"] == ["Please tell us your name."]
    assert errors["subject"] == ["Please add a subject."]
    assert errors["message"] == ["Please write your message."]
    assert ContactMessage.objects.count() == 0


def test_errors_without_javascript_show_the_form_again_with_input_kept(client):
    response = client.post(CONTACT, valid(email="broken"), follow=True)
    form = BeautifulSoup(response.content, "html.parser").find("form", id="contact-form")
    assert form.find("input", attrs={"name": "email"})["aria-invalid"] == "true"
    assert form.find("input", attrs={"name": "subject"})["value"] == "Speaking at our conference"
    assert "would one of your fellows" in form.find("textarea").get_text()
    assert ContactMessage.objects.count() == 0


@pytest.mark.parametrize(
    "overrides",
    [
        {"subject": "Hi\r\nBcc: victim@example.org"},
        {"name": "x" * 10_000},
        {"message": "m" * 5001},
        {"message": "hello\x00"},
        {"subject": "\u202eevil"},
        {"email": "ana@example.org\nBcc: victim@example.org"},
        {"email": ["a@example.org", "b@example.org"]},
    ],
)
def test_hostile_input_never_errors_and_never_stores(client, overrides):
    response = client.post(CONTACT, valid(**overrides), **JSON)
    if "subject" in overrides and "\r\n" in overrides["subject"]:
        # Line breaks in a one-line field are folded into spaces: no header injection.
        assert response.status_code == 200
        assert ContactMessage.objects.get().subject == "Hi Bcc: victim@example.org"
        assert mail.outbox[0].to == ["team@stateup.org"]
        return
    assert response.status_code == 400
    assert ContactMessage.objects.count() == 0


def test_honeypot_gets_the_normal_answer_and_nothing_is_stored_or_sent(client):
    response = client.post(CONTACT, valid(website="spam"), **JSON)
    assert response.json()["ok"] is True
    assert ContactMessage.objects.count() == 0
    assert mail.outbox == []


def test_contact_form_is_rate_limited(client, one_rate_limit_window):
    statuses = [
        client.post(CONTACT, valid(email=f"a{i}@example.org"), **JSON).status_code for i in range(6)
    ]
    assert statuses == [200] * 5 + [429]
    assert ContactMessage.objects.count() == 5


def test_a_failing_mail_server_keeps_the_message_for_a_retry(client):
    with mock.patch(
        "django.core.mail.backends.locmem.EmailBackend.send_messages",
        side_effect=OSError("connection reset"),
    ):
        response = client.post(CONTACT, valid(), **JSON)
    assert response.json()["ok"] is True
    message = ContactMessage.objects.get()
    assert message.notified_at is None
    assert message.send_attempts == 1
    assert "connection reset" in message.last_send_error
