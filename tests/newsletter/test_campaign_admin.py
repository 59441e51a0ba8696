import pytest
from django.core import mail
from django.urls import reverse

from newsletter.models import Campaign, Subscriber
from tests.factories import make_campaign, make_subscriber, make_user

pytestmark = pytest.mark.django_db


def change_url(campaign):
    return reverse("admin:newsletter_campaign_change", args=[campaign.pk])


def confirmed(**overrides):
    return make_subscriber(status=Subscriber.Status.CONFIRMED, **overrides)


@pytest.fixture
def editor_client(client):
    editor = make_user("Editors", email="editor@stateup.org", is_staff=True)
    client.force_login(editor)
    return client


@pytest.fixture
def writer_client(client):
    writer = make_user("Writers", email="writer@stateup.org", is_staff=True)
    client.force_login(writer)
    return client


def test_an_editor_composes_a_campaign_and_sees_its_recipient_count(editor_client):
    confirmed(interests=["updates"]), confirmed(interests=["events"])
    response = editor_client.post(
        reverse("admin:newsletter_campaign_add"),
        {
            "subject": "Our June briefs",
            "preheader": "Three new briefs",
            "body": "<p>Hello <script>x()</script>readers</p>",
            "interests": ["updates"],
            "languages": ["en"],
        },
    )
    assert response.status_code == 302
    campaign = Campaign.objects.get()
    assert campaign.body == "<p>Hello readers</p>"
    page = editor_client.get(change_url(campaign)).content.decode()
    assert "This campaign would go to 1 subscriber now." in page
    assert "Send now" in page


def test_preview_is_the_email_as_sent_in_html_and_text_under_a_sandbox(editor_client):
    campaign = make_campaign(subject="Preview me")
    html = editor_client.get(reverse("admin:newsletter_campaign_preview", args=[campaign.pk]))
    assert html.status_code == 200
    assert "Preview me" in html.content.decode()
    assert html["Content-Security-Policy"].startswith("sandbox; default-src 'none'")
    text = editor_client.get(reverse("admin:newsletter_campaign_preview_text", args=[campaign.pk]))
    assert text["Content-Type"].startswith("text/plain")
    assert "Hello readers." in text.content.decode()


def test_a_test_send_goes_to_the_chosen_staff_address_only(editor_client):
    confirmed()
    campaign = make_campaign()
    response = editor_client.post(
        reverse("admin:newsletter_campaign_test", args=[campaign.pk]),
        {"addresses": ["editor@stateup.org"]},
    )
    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [["editor@stateup.org"]]
    assert mail.outbox[0].subject.startswith("[Test] ")
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.DRAFT


def test_a_test_send_to_an_address_that_is_not_staff_is_refused(editor_client):
    campaign = make_campaign()
    editor_client.post(
        reverse("admin:newsletter_campaign_test", args=[campaign.pk]),
        {"addresses": ["someone@elsewhere.org"]},
    )
    assert mail.outbox == []


def test_an_editor_sends_and_sees_the_statistics(editor_client):
    confirmed(), confirmed()
    campaign = make_campaign()
    response = editor_client.post(
        reverse("admin:newsletter_campaign_send", args=[campaign.pk]), follow=True
    )
    assert "Sending to 2 subscribers has started." in response.content.decode()
    assert len(mail.outbox) == 2
    page = editor_client.get(change_url(campaign)).content.decode()
    assert "What happened" in page
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.SENT


def test_sending_with_nobody_to_send_to_is_refused_with_a_message(editor_client):
    campaign = make_campaign()
    response = editor_client.post(
        reverse("admin:newsletter_campaign_send", args=[campaign.pk]), follow=True
    )
    assert "No confirmed subscriber matches this audience." in response.content.decode()
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.DRAFT


def test_a_writer_may_draft_but_not_send_or_schedule(writer_client):
    confirmed()
    campaign = make_campaign()
    page = writer_client.get(change_url(campaign))
    assert page.status_code == 200
    assert "Send now" not in page.content.decode()
    assert (
        writer_client.post(
            reverse("admin:newsletter_campaign_send", args=[campaign.pk])
        ).status_code
        == 403
    )
    assert (
        writer_client.post(
            reverse("admin:newsletter_campaign_schedule", args=[campaign.pk]),
            {"send_at": "2099-01-01T10:00"},
        ).status_code
        == 403
    )
    assert mail.outbox == []


def test_scheduling_needs_a_future_time(editor_client):
    confirmed()
    campaign = make_campaign()
    response = editor_client.post(
        reverse("admin:newsletter_campaign_schedule", args=[campaign.pk]),
        {"send_at": "2001-01-01T10:00"},
        follow=True,
    )
    assert "Choose a time in the future." in response.content.decode()
    response = editor_client.post(
        reverse("admin:newsletter_campaign_schedule", args=[campaign.pk]),
        {"send_at": "2099-01-01T10:00"},
        follow=True,
    )
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.SCHEDULED
    assert mail.outbox == []


def test_a_scheduled_campaign_is_started_by_its_task_when_due(time_machine):
    from datetime import UTC, datetime

    from newsletter import tasks

    confirmed()
    campaign = make_campaign()
    time_machine.move_to(datetime(2030, 1, 1, 9, tzinfo=UTC))
    campaign.schedule(datetime(2030, 1, 1, 10, tzinfo=UTC))
    assert campaign.status == Campaign.Status.SCHEDULED
    assert tasks.start_scheduled_campaign.call(campaign.pk) is False
    assert mail.outbox == []
    time_machine.move_to(datetime(2030, 1, 1, 10, 1, tzinfo=UTC))
    assert tasks.start_scheduled_campaign.call(campaign.pk) is True
    assert len(mail.outbox) == 1


def test_bad_ids_and_methods_are_4xx(editor_client):
    assert editor_client.get("/admin/newsletter/campaign/999999/preview/").status_code == 404
    campaign = make_campaign()
    assert (
        editor_client.get(reverse("admin:newsletter_campaign_send", args=[campaign.pk])).status_code
        == 405
    )
    assert editor_client.get("/admin/newsletter/campaign/abc/preview/").status_code == 404
