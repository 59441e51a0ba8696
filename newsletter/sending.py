"""
Sending a campaign, exactly once per recipient.

Starting a campaign freezes its audience into `Delivery` rows split into
`CampaignBatch`es, in one transaction. Each batch is one task: it claims the
batch (a lease with a random claim, renewed as it goes), sends each waiting
delivery over one mail connection and marks it sent at once. A worker killed
halfway leaves its batch with a lease nobody renews, or, killed between taking a
batch's task from the queue and claiming it, a batch nobody will run; the
campaign's watchdog task (and `manage.py sendcampaign`) hands such a batch to
another run, which sends only what is still waiting. Two runs never hold one
batch: the claim is a conditional UPDATE. The one message that can go out twice is the one whose
worker died between the mail server's "250 OK" and the database write; its
Message-ID is the same both times, so providers and mail programs can drop it.

Over SMTP each message is made from bytes prepared once per language and batch
(`emails.PreparedCampaign`), filled in with the subscriber's address and links;
other backends (locmem, providers' APIs) get Django's full message each time.
"""

import logging
import time
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Count, F, Max, Q
from django.dispatch import Signal
from django.utils import timezone, translation
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _

from articles.sanitize import plain_text
from background.enqueue import after_commit
from newsletter import emails, smtp
from newsletter.models import Campaign, CampaignBatch, Delivery, Subscriber

# What this module asks the worker to do; newsletter/tasks.py, which builds on this
# module, queues it.
campaign_started = Signal()  # campaign_id, batch_ids: send every batch, watch the campaign
batch_retry_due = Signal()  # batch_id, delay: send this batch again after `delay`

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
# Failed deliveries wait 1, then 5 minutes before the next try; then they are failed.
RETRY_DELAYS = [timedelta(minutes=1), timedelta(minutes=5)]
HEARTBEAT_SECONDS = 2.0


class CampaignRefused(Exception):
    """A campaign that cannot be sent as it is; the message says why."""


def lease() -> timedelta:
    return timedelta(seconds=settings.STATEUP_CAMPAIGN_LEASE_SECONDS)


def check_sendable(campaign: Campaign) -> None:
    """Raise CampaignRefused, saying why, if the campaign cannot be sent as it is."""
    from django.core.exceptions import ValidationError

    if not plain_text(campaign.body).strip():
        raise CampaignRefused(
            _("The body is empty once unsafe markup is removed: nothing to send.")
        )
    try:
        campaign.full_clean(exclude=["created_by", "article", "topics"])
    except ValidationError as error:
        raise CampaignRefused(
            "; ".join(
                f"{campaign._meta.get_field(field).verbose_name}: {' '.join(messages)}"
                if field != "__all__"
                else " ".join(messages)
                for field, messages in error.message_dict.items()
            )
        ) from error
    if not campaign.audience().exists():
        raise CampaignRefused(_("No confirmed subscriber matches this audience."))


def start(campaign: Campaign, *, enqueue: bool = True) -> bool:
    """
    Freeze the audience and queue the batches; False if the campaign was already
    started (by another request, the scheduler or the command).
    """
    with transaction.atomic():
        locked = Campaign.objects.select_for_update().filter(pk=campaign.pk).first()
        if locked is None or locked.status not in {
            Campaign.Status.DRAFT,
            Campaign.Status.SCHEDULED,
        }:
            return False
        check_sendable(locked)
        size = max(1, settings.STATEUP_CAMPAIGN_BATCH_SIZE)
        recipients = locked.audience().order_by("pk").values_list("pk", "email", "language")
        # Streamed: memory stays flat whatever the size of the list.
        batches = []
        deliveries = []
        for index, (subscriber_id, email, language) in enumerate(recipients.iterator(2000)):
            if index % size == 0:
                batches.append(
                    CampaignBatch.objects.create(campaign=locked, number=len(batches) + 1)
                )
            deliveries.append(
                Delivery(
                    campaign=locked,
                    batch=batches[-1],
                    subscriber_id=subscriber_id,
                    email=email,
                    language=language or settings.LANGUAGE_CODE,
                )
            )
            if len(deliveries) >= 2000:
                Delivery.objects.bulk_create(deliveries)
                deliveries = []
        if not batches:
            raise CampaignRefused(_("No confirmed subscriber matches this audience."))
        Delivery.objects.bulk_create(deliveries)
        now = timezone.now()
        Campaign.objects.filter(pk=locked.pk).update(
            status=Campaign.Status.SENDING, started_at=now, updated_at=now
        )
        if enqueue:
            batch_ids, campaign_id = [batch.pk for batch in batches], locked.pk
            after_commit(
                lambda: campaign_started.send(
                    Campaign, campaign_id=campaign_id, batch_ids=batch_ids
                )
            )
    campaign.refresh_from_db()
    return True


def _claim(batch_id: int) -> str | None:
    now = timezone.now()
    claim = get_random_string(32)
    free = Q(status=CampaignBatch.Status.PENDING) & (
        Q(retry_at__isnull=True) | Q(retry_at__lte=now)
    )
    stale = Q(status=CampaignBatch.Status.SENDING, claimed_at__lt=now - lease())
    claimed = CampaignBatch.objects.filter(free | stale, pk=batch_id).update(
        status=CampaignBatch.Status.SENDING, claim=claim, claimed_at=now, retry_at=None
    )
    return claim if claimed else None


def _renew(batch_id: int, claim: str) -> bool:
    return bool(
        CampaignBatch.objects.filter(pk=batch_id, claim=claim).update(claimed_at=timezone.now())
    )


def send_batch(batch_id: int) -> int:
    """Send what is waiting in one batch, if this run can claim it; the number sent."""
    claim = _claim(batch_id)
    if claim is None:
        return 0
    batch = CampaignBatch.objects.select_related("campaign").get(pk=batch_id)
    campaign = batch.campaign
    base_url = settings.STATEUP_SITE_URL
    waiting = (
        batch.deliveries.filter(status=Delivery.Status.PENDING)
        .select_related("subscriber")
        .only("language", "attempts", "campaign_id", "batch_id", *_SUBSCRIBER_FIELDS)
        .order_by("pk")
    )
    sent = 0
    retry = False
    parts = {}  # rendered once per language for the whole batch
    prepared = {}  # over SMTP: the whole message made once per language
    last_renewal = time.monotonic()
    connection = get_connection()
    over_smtp = isinstance(connection, smtp.EmailBackend)
    relaxed = _relax_commits()
    try:
        connection.open()
        for delivery in waiting:
            if time.monotonic() - last_renewal > HEARTBEAT_SECONDS:
                if not _renew(batch_id, claim):
                    logger.warning("Batch %s was taken over; this run stops", batch)
                    return sent
                last_renewal = time.monotonic()
            subscriber = delivery.subscriber
            if (
                subscriber is None
                or subscriber.status != Subscriber.Status.CONFIRMED
                or subscriber.suppressed_at is not None
            ):
                Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.Status.SKIPPED)
                continue
            message_id = emails.campaign_message_id(campaign, delivery)
            recorded = []

            def record_sent(delivery=delivery, message_id=message_id, recorded=recorded):
                _record_sent(delivery.pk, message_id)
                recorded.append(True)

            message = None
            try:
                with translation.override(delivery.language):
                    if delivery.language not in parts:
                        parts[delivery.language] = emails.campaign_parts(
                            campaign, base_url=base_url
                        )
                    if over_smtp and delivery.language not in prepared:
                        prepared[delivery.language] = emails.PreparedCampaign(
                            campaign, base_url=base_url, parts=parts[delivery.language]
                        )
                    raw = (
                        prepared[delivery.language].for_subscriber(
                            subscriber, message_id=message_id
                        )
                        if over_smtp
                        else None
                    )
                    if raw is None:
                        message = emails.campaign_message(
                            campaign,
                            subscriber=subscriber,
                            base_url=base_url,
                            message_id=message_id,
                            connection=connection,
                            parts=parts[delivery.language],
                        )
                if raw is not None:
                    connection.send_prepared(
                        prepared[delivery.language].from_email,
                        subscriber.email,
                        raw,
                        commit_point=record_sent,
                    )
                else:
                    # The SMTP backend calls this just before the server accepts the message.
                    message.commit_point = record_sent
                    message.send(fail_silently=False)
            except Exception as error:  # any mail failure: recorded, retried, then shown
                retry |= _record_failure(delivery, error)
                # A broken connection is opened again for the next message.
                connection.close()
                connection.open()
                continue
            if not recorded:  # other backends (locmem, providers' APIs): record after
                record_sent()
            provider_id = getattr(getattr(message, "anymail_status", None), "message_id", None)
            if provider_id:
                # What the provider's webhooks will name the message by.
                Delivery.objects.filter(pk=delivery.pk).update(message_id=str(provider_id)[:255])
            sent += 1
    finally:
        connection.close()
        if relaxed:
            _restore_commits()
    _release(batch, claim, retry=retry)
    finish_if_done(campaign.pk)
    return sent


# What the loop reads of each subscriber: enough to check they still want it and to
# make their links.
_SUBSCRIBER_FIELDS = ("subscriber__status", "subscriber__suppressed_at", "subscriber__email")


def _record_sent(delivery_id: int, message_id: str) -> None:
    """
    Mark one delivery sent, at the commit point of every message: one plain statement
    (the ORM's update() costs twice as much again, a fifth of a message's time here).
    """
    from django.db import connection

    quote = connection.ops.quote_name
    column = {field.name: quote(field.column) for field in Delivery._meta.concrete_fields}
    # Identifiers from the model, values as parameters.
    sql = (
        f"UPDATE {quote(Delivery._meta.db_table)} SET {column['status']} = %s, "  # noqa: S608
        f"{column['sent_at']} = %s, {column['message_id']} = %s WHERE {column['id']} = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            [
                Delivery.Status.SENT,
                connection.ops.adapt_datetimefield_value(timezone.now()),
                message_id,
                delivery_id,
            ],
        )


def _relax_commits() -> bool:
    """
    On PostgreSQL, do not wait for the disk on each "sent" record: a killed worker
    loses nothing (the server has the commit), only a crash of the database server
    itself in the next fraction of a second could forget a few, to be sent again.
    One disk flush per message would otherwise set the pace of a campaign.
    """
    from django.db import connection

    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return False
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO off")
    return True


def _restore_commits() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO DEFAULT")


def _record_failure(delivery: Delivery, error: Exception) -> bool:
    """Count a failed attempt; True if the delivery will be tried again."""
    message = f"{type(error).__name__}: {error}"[:1000]
    logger.warning("Campaign %s to %s failed: %s", delivery.campaign_id, delivery.email, message)
    attempts = delivery.attempts + 1
    final = attempts >= MAX_ATTEMPTS
    Delivery.objects.filter(pk=delivery.pk).update(
        attempts=F("attempts") + 1,
        last_error=message,
        status=Delivery.Status.FAILED if final else Delivery.Status.PENDING,
        sent_at=None,
    )
    return not final


def _release(batch: CampaignBatch, claim: str, *, retry: bool) -> None:
    if not retry:
        CampaignBatch.objects.filter(pk=batch.pk, claim=claim).update(
            status=CampaignBatch.Status.DONE, claim=""
        )
        return
    attempts = batch.deliveries.filter(status=Delivery.Status.PENDING).order_by("-attempts").first()
    delay = RETRY_DELAYS[min(len(RETRY_DELAYS), max(1, attempts.attempts)) - 1]
    CampaignBatch.objects.filter(pk=batch.pk, claim=claim).update(
        status=CampaignBatch.Status.PENDING, claim="", retry_at=timezone.now() + delay
    )
    # Without a backend that can defer, the watchdog or sendcampaign picks it up.
    batch_retry_due.send(CampaignBatch, batch_id=batch.pk, delay=delay)


def finish_if_done(campaign_id: int) -> bool:
    """Mark the campaign sent (or failed, if nothing could be sent) once every batch is done."""
    unfinished = CampaignBatch.objects.filter(campaign_id=campaign_id).exclude(
        status=CampaignBatch.Status.DONE
    )
    if unfinished.exists():
        return False
    anything_sent = Delivery.objects.filter(
        campaign_id=campaign_id, status=Delivery.Status.SENT
    ).exists()
    now = timezone.now()
    return bool(
        Campaign.objects.filter(pk=campaign_id, status=Campaign.Status.SENDING).update(
            status=Campaign.Status.SENT if anything_sent else Campaign.Status.FAILED,
            sent_at=now,
            updated_at=now,
        )
    )


def stalled_batches(campaign_id: int):
    """
    Batches that should be running but are not: lease run out, retry time passed, or
    waiting while nobody has worked on the campaign for a whole lease. That last one's
    task was lost: a worker killed after taking it from the queue, before claiming it.
    """
    now = timezone.now()
    quiet_since = now - lease()
    batches = CampaignBatch.objects.filter(campaign_id=campaign_id)
    stalled = Q(status=CampaignBatch.Status.SENDING, claimed_at__lt=quiet_since) | Q(
        status=CampaignBatch.Status.PENDING, retry_at__lte=now
    )
    last_work = batches.aggregate(last=Max("claimed_at"))["last"] or (
        Campaign.objects.filter(pk=campaign_id).values_list("started_at", flat=True).first()
    )
    if last_work is not None and last_work < quiet_since:
        stalled |= Q(status=CampaignBatch.Status.PENDING, retry_at__isnull=True)
    return batches.filter(stalled)


def send_in_foreground(campaign: Campaign, *, report=None, poll: float = 1.0) -> None:
    """
    Send the whole campaign from this process (manage.py sendcampaign): start it if
    needed, then send every batch nobody else is sending, waiting out the leases of
    batches another worker holds, until the campaign is finished.
    """
    if campaign.is_editable:
        start(campaign, enqueue=False)
    while True:
        campaign.refresh_from_db()
        if campaign.status != Campaign.Status.SENDING:
            return
        for batch_id in (
            CampaignBatch.objects.filter(campaign=campaign)
            .exclude(status=CampaignBatch.Status.DONE)
            .values_list("pk", flat=True)
        ):
            sent = send_batch(batch_id)
            if report and sent:
                report(sent)
        if finish_if_done(campaign.pk):
            return
        time.sleep(poll)


def stats(campaign: Campaign) -> dict:
    counts = campaign.deliveries.aggregate(
        recipients=Count("pk"),
        sent=Count("pk", filter=Q(status=Delivery.Status.SENT)),
        waiting=Count("pk", filter=Q(status=Delivery.Status.PENDING)),
        failed=Count("pk", filter=Q(status=Delivery.Status.FAILED)),
        skipped=Count("pk", filter=Q(status=Delivery.Status.SKIPPED)),
        bounced=Count("pk", filter=Q(bounced_at__isnull=False)),
        complaints=Count("pk", filter=Q(complained_at__isnull=False)),
        unsubscribes=Count("pk", filter=Q(unsubscribed_at__isnull=False)),
    )
    return counts
