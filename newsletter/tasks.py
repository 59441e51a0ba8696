"""
The newsletter's background tasks. Each task reads its rows again and claims
them before sending, so running one twice, or after `sendpending` has already
sent, sends nothing twice.
"""

from datetime import timedelta

from django_tasks import task

from stateup.tasks import enqueue_later

# Failed transactional emails are tried again after 1, 4, 16 and 64 minutes;
# after that they wait for `manage.py sendpending` and are shown in the admin.
RETRY_DELAYS = [timedelta(minutes=4**attempt) for attempt in range(4)]


def _retry(task_, pk: int, attempts: int, base_url: str) -> None:
    if attempts - 1 < len(RETRY_DELAYS):
        enqueue_later(task_, pk, base_url, delay=RETRY_DELAYS[attempts - 1])


@task()
def send_subscriber_email(subscriber_id: int, base_url: str = "") -> bool | None:
    """Send the confirmation or welcome email that is due to this subscriber."""
    from newsletter.models import Subscriber

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
    from newsletter.models import ContactMessage

    message = ContactMessage.objects.filter(pk=message_id).first()
    if message is None:
        return None
    result = message.send_notification(base_url=base_url or None)
    if result is False:
        _retry(send_contact_notification, message_id, message.send_attempts, base_url)
    return result
