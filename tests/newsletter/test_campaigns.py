import re

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client

from newsletter import sending
from newsletter.models import Campaign, Delivery, Subscriber
from tests.factories import make_campaign, make_category, make_subscriber

pytestmark = pytest.mark.django_db


def confirmed(**overrides):
    return make_subscriber(status=Subscriber.Status.CONFIRMED, **overrides)


def unsubscribe_link(message) -> str:
    return re.search(r"https?://\S+/newsletter/unsubscribe/\S+/\?campaign=\d+", message.body)[0]


def test_a_campaign_reaches_each_language_with_its_own_links_and_nobody_else(settings):
    settings.STATEUP_CAMPAIGN_BATCH_SIZE = 2
    readers = {
        lang: confirmed(language=lang, email=f"{lang}@example.org") for lang in ("en", "es", "pt")
    }
    make_subscriber(email="pending@example.org")
    confirmed(email="left@example.org").unsubscribe()
    confirmed(email="bounced@example.org").suppress("bounce")
    campaign = make_campaign()

    assert sending.start(campaign) is True

    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.SENT
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {"en@example.org", "es@example.org", "pt@example.org"}
    links = set()
    for lang, reader in readers.items():
        message = by_address[reader.email]
        assert message.extra_headers["Content-Language"] == lang
        html = message.alternatives[0][0]
        assert f'<html lang="{lang}">' in html
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        link = unsubscribe_link(message)
        assert message.extra_headers["List-Unsubscribe"] == f"<{link}>"
        assert link in html.replace("&amp;", "&")
        assert "/newsletter/preferences/" in message.body
        assert "Hello readers." in message.body  # the plain-text part
        links.add(link)
    assert len(links) == 3  # each their own


def test_the_one_click_unsubscribe_in_a_campaign_works_and_is_counted():
    reader = confirmed()
    campaign = make_campaign()
    sending.start(campaign)
    link = unsubscribe_link(mail.outbox[0])
    path = link.split("testserver", 1)[-1] if "testserver" in link else "/" + link.split("/", 3)[3]
    response = Client().post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.UNSUBSCRIBED
    assert sending.stats(campaign)["unsubscribes"] == 1


def test_audience_by_interest_topic_and_language():
    energy, water = make_category(), make_category()
    wants_updates = confirmed(interests=["updates"])
    wants_events = confirmed(interests=["events"])
    wants_all = confirmed(interests=[])
    follows_water = confirmed(interests=["updates"])
    follows_water.topics.set([water])
    spanish = confirmed(interests=["updates"], language="es")

    def audience(**filters):
        return set(Subscriber.objects.audience(**filters))

    assert audience(interests=["updates"]) == {wants_updates, wants_all, follows_water, spanish}
    assert audience(interests=["updates"], topics=[energy]) == {wants_updates, wants_all, spanish}
    assert audience(topics=[water], languages=["en"]) == {
        wants_updates,
        wants_events,
        wants_all,
        follows_water,
    }
    assert audience(languages=["es"]) == {spanish}


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        ({"body": "<script>alert(1)</script>"}, "body is empty"),
        ({"languages": ["pt"]}, "No confirmed subscriber"),
    ],
)
def test_a_campaign_that_cannot_be_sent_is_refused_before_anything_is_sent(overrides, reason):
    confirmed()
    campaign = make_campaign(**overrides)
    with pytest.raises(sending.CampaignRefused, match=reason):
        sending.start(campaign)
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.DRAFT
    assert not Delivery.objects.exists()
    assert mail.outbox == []


def test_a_subject_over_the_limit_is_refused_with_the_field_named():
    """The admin form refuses it first; the check before sending says the same."""
    from newsletter.models import Campaign

    with pytest.raises(sending.CampaignRefused, match=r"subject: .*at most 150"):
        sending.check_sendable(Campaign(subject="x" * 151, body="<p>Hello</p>"))


def test_starting_twice_or_sending_a_batch_twice_sends_once(settings):
    confirmed(), confirmed()
    campaign = make_campaign()
    assert sending.start(campaign) is True
    assert sending.start(campaign) is False
    for batch in campaign.batches.all():
        assert sending.send_batch(batch.pk) == 0
    assert len(mail.outbox) == 2


def started_with_lost_tasks(settings, batches: int = 3) -> Campaign:
    """A started campaign whose batch tasks never ran, as if a worker took them and died."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.STATEUP_CAMPAIGN_BATCH_SIZE = 1
    for _ in range(batches):
        confirmed()
    campaign = make_campaign()
    sending.start(campaign)
    return campaign


def test_the_watchdog_hands_out_again_a_batch_whose_task_was_lost(settings, time_machine):
    campaign = started_with_lost_tasks(settings)
    first, *lost = campaign.batches.values_list("pk", flat=True)
    sending.send_batch(first)  # the worker did this one, then died holding the next
    assert list(sending.stalled_batches(campaign.pk)) == []
    time_machine.move_to(sending.timezone.now() + sending.lease() * 1.5)
    assert sorted(sending.stalled_batches(campaign.pk).values_list("pk", flat=True)) == lost


def test_while_the_campaign_is_being_worked_on_waiting_batches_are_not_stalled(
    settings, time_machine
):
    campaign = started_with_lost_tasks(settings)
    time_machine.move_to(sending.timezone.now() + sending.lease() * 5)
    first, second, third = campaign.batches.values_list("pk", flat=True)
    sending.send_batch(first)  # a worker is busy with this campaign just now
    assert list(sending.stalled_batches(campaign.pk)) == []
    time_machine.move_to(sending.timezone.now() + sending.lease() * 1.5)
    assert sorted(sending.stalled_batches(campaign.pk).values_list("pk", flat=True)) == [
        second,
        third,
    ]


def test_a_batch_waiting_for_its_retry_time_is_not_stalled(settings, time_machine):
    campaign = started_with_lost_tasks(settings, batches=1)
    campaign.batches.update(retry_at=sending.timezone.now() + sending.lease() * 10)
    time_machine.move_to(sending.timezone.now() + sending.lease() * 2)
    assert list(sending.stalled_batches(campaign.pk)) == []


def test_a_subscriber_who_leaves_after_the_list_is_frozen_gets_nothing(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    stays, leaves = confirmed(), confirmed()
    campaign = make_campaign()
    sending.start(campaign)
    leaves.unsubscribe()
    call_command("sendcampaign", str(campaign.pk))
    assert [message.to for message in mail.outbox] == [[stays.email]]
    assert sending.stats(campaign)["skipped"] == 1


def test_sendcampaign_sends_a_draft_in_the_foreground_and_is_safe_to_run_again(settings):
    settings.STATEUP_CAMPAIGN_BATCH_SIZE = 1
    for _ in range(3):
        confirmed()
    campaign = make_campaign()
    call_command("sendcampaign", str(campaign.pk))
    call_command("sendcampaign", str(campaign.pk))
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.SENT
    assert len(mail.outbox) == 3
    assert len({message.extra_headers["Message-ID"] for message in mail.outbox}) == 3


def test_sendcampaign_refuses_unknown_and_unsendable_campaigns():
    with pytest.raises(CommandError, match="No campaign"):
        call_command("sendcampaign", "999999")
    with pytest.raises(CommandError, match="No confirmed subscriber"):
        call_command("sendcampaign", str(make_campaign().pk))


def test_a_failing_mail_server_is_retried_then_shown_as_failed(settings, monkeypatch):
    from django.core.mail import EmailMultiAlternatives

    def refuse(self, fail_silently=False):
        raise OSError("connection refused")

    monkeypatch.setattr(EmailMultiAlternatives, "send", refuse)
    monkeypatch.setattr(sending, "RETRY_DELAYS", [sending.timedelta(0)] * 2)
    confirmed()
    campaign = make_campaign()
    with pytest.raises(CommandError, match="1 email"):
        call_command("sendcampaign", str(campaign.pk))
    delivery = campaign.deliveries.get()
    assert delivery.status == Delivery.Status.FAILED
    assert delivery.attempts == sending.MAX_ATTEMPTS
    assert "connection refused" in delivery.last_error
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.FAILED


def test_the_body_is_sanitised_on_save():
    campaign = make_campaign(
        body='<p onclick="x()">Hi<script>bad()</script></p><iframe src="x"></iframe>'
    )
    assert campaign.body == "<p>Hi</p>"


def test_campaign_email_over_real_smtp(smtp_sink):
    reader = confirmed(language="es")
    campaign = make_campaign()
    sending.start(campaign)
    [message] = smtp_sink.messages
    assert message["To"] == reader.email
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert (
        message["Message-ID"]
        == f"<campaign-{campaign.pk}.delivery-{campaign.deliveries.get().pk}@stateup.org>"
    )
    kinds = [part.get_content_type() for part in message.walk()]
    assert "text/plain" in kinds
    assert "text/html" in kinds


def test_over_real_smtp_each_language_gets_its_own_message_and_links(smtp_sink):
    readers = {
        lang: confirmed(language=lang, email=f"{lang}@example.org") for lang in ("en", "es", "pt")
    }
    confirmed(email="josé@exemplo.pt", language="pt")  # Django's own path for this one
    campaign = make_campaign()
    sending.start(campaign)
    by_address = {message["To"]: message for message in smtp_sink.messages}
    assert len(by_address) == 4
    for lang, reader in readers.items():
        message = by_address[reader.email]
        assert message["Content-Language"] == lang
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        [text] = [
            p.get_payload(decode=True).decode()
            for p in message.walk()
            if p.get_content_type() == "text/plain"
        ]
        [html] = [
            p.get_payload(decode=True).decode()
            for p in message.walk()
            if p.get_content_type() == "text/html"
        ]
        assert f'<html lang="{lang}">' in html
        link = re.search(r"https?://\S+/newsletter/unsubscribe/(\S+)/\?campaign=\d+", text)
        assert message["List-Unsubscribe"].strip() == f"<{link[0]}>"
        assert link[0] in html.replace("&amp;", "&")
        assert Subscriber.from_unsubscribe_token(link[1]) == reader
        preferences = re.search(r"/newsletter/preferences/(\S+)/", text)[1]
        assert Subscriber.from_preferences_token(preferences) == reader
        assert f"sent to {reader.email}" in " ".join(text.split()) or lang != "en"
    assert sending.stats(campaign)["sent"] == 4
