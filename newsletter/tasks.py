"""
The newsletter's background tasks. Each task reads its rows again and claims
them before sending, so running one twice, or after `sendpending` has already
sent, sends nothing twice.
"""

import logging
from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from background.enqueue import enqueue_later
from newsletter import emails, sending
from newsletter.models import Campaign, ContactMessage, Subscriber, campaign_scheduled

logger = logging.getLogger(__name__)

# Failed transactional emails are tried again after 1, 4, 16 and 64 minutes;
# after that they wait for `manage.py sendpending` and are shown in the admin.
RETRY_DELAYS = [timedelta(minutes=4**attempt) for attempt in range(4)]


def _retry(task_, pk: int, attempts: int, base_url: str) -> None:
    if attempts - 1 < len(RETRY_DELAYS):
        enqueue_later(task_, pk, base_url, delay=RETRY_DELAYS[attempts - 1])


@task()
def send_subscriber_email(subscriber_id: int, base_url: str = "") -> bool | None:
    """Send the confirmation or welcome email that is due to this subscriber."""

    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None:
        return None
    result = subscriber.send_pending_email(base_url=base_url or None)
    if result is False:
        _retry(send_subscriber_email, subscriber_id, subscriber.send_attempts, base_url)
    return result


@task()
def send_contact_notification(message_id: int, base_url: str = "") -> bool | None:
    """Email a contact form message to staff."""

    message = ContactMessage.objects.filter(pk=message_id).first()
    if message is None:
        return None
    result = message.send_notification(base_url=base_url or None)
    if result is False:
        _retry(send_contact_notification, message_id, message.send_attempts, base_url)
    return result


# Campaigns (newsletter/sending.py explains how each recipient gets one copy).


@task()
def send_campaign_batch(batch_id: int) -> int:
    """Send one batch of a campaign; nothing if another run holds it or it is done."""

    return sending.send_batch(batch_id)


@task()
def watch_campaign(campaign_id: int) -> int:
    """
    While a campaign is sending, come back every lease period and queue again any
    batch whose worker has gone (killed, crashed) or whose retry time has come.
    """

    campaign = Campaign.objects.filter(pk=campaign_id).first()
    if campaign is None or campaign.status != Campaign.Status.SENDING:
        return 0
    if sending.finish_if_done(campaign_id):
        return 0
    # The next visit is queued first, so a watchdog killed from here on still has one.
    enqueue_later(watch_campaign, campaign_id, delay=sending.lease())
    stalled = list(sending.stalled_batches(campaign_id).values_list("pk", flat=True))
    for batch_id in stalled:
        send_campaign_batch.enqueue(batch_id)
    return len(stalled)


@task()
def start_campaign(campaign_id: int) -> bool:
    """Freeze a campaign's recipient list and queue its batches (the admin's "Send now")."""

    campaign = Campaign.objects.filter(pk=campaign_id).first()
    if campaign is None:
        return False
    try:
        return sending.start(campaign)
    except sending.CampaignRefused as error:
        logger.warning("Campaign %s refused: %s", campaign_id, error)
        return False


@task()
def start_scheduled_campaign(campaign_id: int) -> bool:
    """Start a scheduled campaign whose time has come (queued for its scheduled time)."""

    campaign = Campaign.objects.due().filter(pk=campaign_id).first()
    if campaign is None:
        # Rescheduled (a later task will come), sent by hand, or back to draft.
        return False
    if campaign.article_id and not campaign.article_is_live():
        article = campaign.article
        if article is not None and article.is_scheduled:
            campaign.schedule(article.published_at)  # the brief was moved: follow it
        else:
            # Unpublished before it went live: back to a draft, nothing sent.
            Campaign.objects.filter(pk=campaign_id).update(status=Campaign.Status.DRAFT)
        return False
    try:
        return sending.start(campaign)
    except sending.CampaignRefused as error:
        Campaign.objects.filter(pk=campaign_id, status=Campaign.Status.SCHEDULED).update(
            status=Campaign.Status.FAILED, updated_at=timezone.now()
        )
        logger.warning("Scheduled campaign %s refused: %s", campaign_id, error)
        return False


@task()
def send_campaign_test(campaign_id: int, addresses: list[str], base_url: str = "") -> int:
    """Send the campaign, marked as a test, to staff addresses; its links lead nowhere."""
    from django.utils.translation import gettext

    campaign = Campaign.objects.filter(pk=campaign_id).first()
    if campaign is None:
        return 0
    for address in addresses:
        message = emails.campaign_message(
            campaign, subscriber=Subscriber(pk=0, email=address), base_url=base_url or None
        )
        message.subject = gettext("[Test] %(subject)s") % {"subject": campaign.subject}
        message.send(fail_silently=False)
    return len(addresses)


# --- What the models and sending.py ask for (connected by NewsletterConfig.ready) ---


def _start_scheduled(sender, campaign_id: int, at, **kwargs) -> None:
    task_ = start_scheduled_campaign
    if task_.get_backend().supports_defer and at > timezone.now():
        task_ = task_.using(run_after=at)
    task_.enqueue(campaign_id)


def _send_batches(sender, campaign_id: int, batch_ids: list[int], **kwargs) -> None:
    for batch_id in batch_ids:
        send_campaign_batch.enqueue(batch_id)
    watch_campaign.enqueue(campaign_id)


def _retry_batch(sender, batch_id: int, delay, **kwargs) -> None:
    enqueue_later(send_campaign_batch, batch_id, delay=delay)


def connect() -> None:
    campaign_scheduled.connect(
        _start_scheduled, sender=Campaign, dispatch_uid="newsletter.schedule"
    )
    sending.campaign_started.connect(
        _send_batches, sender=Campaign, dispatch_uid="newsletter.start"
    )
    sending.batch_retry_due.connect(
        _retry_batch, sender=sending.CampaignBatch, dispatch_uid="newsletter.retry"
    )
