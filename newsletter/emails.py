"""
Every email the site sends, one function per kind. Each renders a plain-text
and an HTML body from `templates/newsletter/email/` and raises if sending fails:
callers record the failure so the email is retried (`manage.py sendpending`).
Links are absolute: built from the request when there is one, else from
`STATEUP_SITE_URL`.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse


def site_url(request=None, base_url=None) -> str:
    if base_url:
        return base_url.rstrip("/")
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return settings.STATEUP_SITE_URL


def send_confirmation(subscriber, *, request=None, base_url=None) -> None:
    """Ask a new subscriber to confirm their address (double opt-in)."""
    base = site_url(request, base_url)
    confirm_url = base + reverse(
        "newsletter:confirm", kwargs={"token": subscriber.make_confirm_token()}
    )
    _send_to_subscriber(
        subscriber, "confirmation", base=base, extra_context={"confirm_url": confirm_url}
    )


def send_welcome(subscriber, *, request=None, base_url=None) -> None:
    """Welcome a subscriber who has just confirmed."""
    _send_to_subscriber(subscriber, "welcome", base=site_url(request, base_url))


def send_contact_notification(message, *, request=None, base_url=None) -> None:
    """Forward a contact form message to staff; replying answers the sender."""
    base = site_url(request, base_url)
    context = {
        "message": message,
        "site_url": base,
        "admin_url": base + reverse("admin:newsletter_contactmessage_change", args=[message.pk]),
    }
    _send(
        "contact_notification",
        context,
        to=settings.STATEUP_STAFF_EMAIL,
        reply_to=[message.email],
    )


def _send_to_subscriber(subscriber, kind: str, *, base: str, extra_context=None) -> None:
    unsubscribe_url = base + reverse(
        "newsletter:unsubscribe", kwargs={"token": subscriber.make_unsubscribe_token()}
    )
    context = {
        "subscriber": subscriber,
        "site_url": base,
        "unsubscribe_url": unsubscribe_url,
        **(extra_context or {}),
    }
    _send(
        kind,
        context,
        to=subscriber.email,
        # RFC 2369 and RFC 8058: mail programs show an unsubscribe button that
        # POSTs "List-Unsubscribe=One-Click" to this address.
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def _send(kind: str, context: dict, *, to: str, headers=None, reply_to=None) -> None:
    folder = "newsletter/email"
    subject = " ".join(render_to_string(f"{folder}/{kind}_subject.txt", context).split())
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"{folder}/{kind}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers=headers,
        reply_to=reply_to,
    )
    message.attach_alternative(render_to_string(f"{folder}/{kind}.html", context), "text/html")
    message.send(fail_silently=False)
