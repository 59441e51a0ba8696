"""
Delivery reports from the email provider (bounces, complaints, unsubscribes),
through django-anymail's webhook views and their signature checks.

Anymail checks the shared secret (HTTP basic auth, `STATEUP_WEBHOOK_SECRET`) and
the provider's own signature; this view adds what a signal receiver cannot: a
forged request is 403, a malformed one 400, and a replayed one (an event id
already received, or an event older than a day) 400, with nothing changed. A
bounce or complaint suppresses the address at once.
"""

import logging
from datetime import timedelta

from anymail.exceptions import AnymailWebhookValidationFailure
from anymail.signals import EventType
from anymail.webhooks.brevo import BrevoTrackingWebhookView
from anymail.webhooks.mailersend import MailerSendTrackingWebhookView
from anymail.webhooks.mailgun import MailgunTrackingWebhookView
from anymail.webhooks.mailjet import MailjetTrackingWebhookView
from anymail.webhooks.postmark import PostmarkTrackingWebhookView
from anymail.webhooks.sendgrid import SendGridTrackingWebhookView
from anymail.webhooks.sparkpost import SparkPostTrackingWebhookView
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import Http404, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from newsletter.models import Delivery, Subscriber, SuppressionEvent
from publicforms.middleware import checks_own_body

logger = logging.getLogger(__name__)

# Providers whose webhooks are checked without fetching anything from the network
# (Amazon SES's SNS signatures need a certificate download, so it is not offered).
TRACKING_VIEWS = {
    "brevo": BrevoTrackingWebhookView,
    "mailersend": MailerSendTrackingWebhookView,
    "mailgun": MailgunTrackingWebhookView,
    "mailjet": MailjetTrackingWebhookView,
    "postmark": PostmarkTrackingWebhookView,
    "sendgrid": SendGridTrackingWebhookView,
    "sparkpost": SparkPostTrackingWebhookView,
}
MAX_EVENT_AGE = timedelta(days=1)
SUPPRESSING = {EventType.BOUNCED: "bounce", EventType.COMPLAINED: "complaint"}


class Refused(Exception):
    pass


def _refuse(status: int, message: str) -> JsonResponse:
    return JsonResponse({"ok": False, "message": message}, status=status)


@csrf_exempt
@checks_own_body
@require_POST
def tracking(request, esp: str):
    view_class = TRACKING_VIEWS.get(esp)
    if view_class is None:
        raise Http404("No such provider.")
    if not settings.ANYMAIL.get("WEBHOOK_SECRET"):
        return _refuse(403, "Webhooks are off: STATEUP_WEBHOOK_SECRET is not set.")
    try:
        view = view_class()
    except ImproperlyConfigured:
        return _refuse(403, "This provider's webhook signing key is not configured.")
    try:
        view.run_validators(request)
    except AnymailWebhookValidationFailure:
        return _refuse(403, "The signature does not check out.")
    try:
        events = view.parse_events(request)
    except Exception:  # any malformed payload: the provider's parser decides what is valid
        logger.info("Malformed %s webhook payload", esp, exc_info=True)
        return _refuse(400, "The payload could not be read.")
    try:
        with transaction.atomic():
            applied = sum(_apply(esp, event) for event in events)
    except Refused as error:
        return _refuse(400, str(error))
    return JsonResponse({"ok": True, "applied": applied})


def _apply(esp: str, event) -> int:
    now = timezone.now()
    if event.timestamp is not None and event.timestamp < now - MAX_EVENT_AGE:
        raise Refused("The event is too old to be accepted.")
    recipient = str(event.recipient or "")[:254]
    if event.event_id:
        try:
            with transaction.atomic():
                SuppressionEvent.objects.create(
                    event_id=str(event.event_id)[:255],
                    esp_name=esp,
                    event_type=str(event.event_type)[:20],
                    recipient=recipient,
                )
        except IntegrityError as error:
            raise Refused("This event was already received.") from error
    deliveries = Delivery.objects.none()
    if event.message_id:
        message_id = str(event.message_id)
        deliveries = Delivery.objects.filter(
            Q(message_id=message_id) | Q(message_id=message_id.strip("<>"))
        )
        if recipient:
            deliveries = deliveries.filter(email__iexact=recipient)
    subscriber = Subscriber.objects.for_address(recipient).first() if recipient else None
    if event.event_type in SUPPRESSING:
        field = "bounced_at" if event.event_type == EventType.BOUNCED else "complained_at"
        deliveries.filter(**{f"{field}__isnull": True}).update(**{field: now})
        if subscriber is not None:
            subscriber.suppress(SUPPRESSING[event.event_type])
        return 1
    if event.event_type == EventType.UNSUBSCRIBED and subscriber is not None:
        deliveries.filter(unsubscribed_at__isnull=True).update(unsubscribed_at=now)
        subscriber.unsubscribe()
        return 1
    return 0
