"""
Every email the site sends, one function per kind. Each renders a plain-text
and an HTML body from `templates/newsletter/email/` and raises if sending fails:
callers record the failure so the email is retried (`manage.py sendpending`).
Links are absolute: built from the request when there is one, else from
`STATEUP_SITE_URL`.
"""

import re
import textwrap
from email.utils import make_msgid

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from articles.sanitize import plain_text


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


# Campaigns.

_BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote|ul|ol)>|<br\s*/?>", re.IGNORECASE)


def campaign_text(body_html: str) -> str:
    """The plain-text part of a campaign: the body's words, one paragraph a block."""
    paragraphs = [" ".join(plain_text(part).split()) for part in _BLOCK_END.split(body_html)]
    kept = [p for p in paragraphs if p and p.lower() not in {"p", "li", "ul", "ol", "blockquote"}]
    return "\n\n".join(textwrap.fill(p, 76) for p in kept)


def campaign_message_id(campaign, delivery) -> str:
    """The same Message-ID every time this delivery is sent, so a repeat is recognisable."""
    domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip(">").strip() or "localhost"
    return f"<campaign-{campaign.pk}.delivery-{delivery.pk}@{domain}>"


# A campaign is rendered once per language and batch, with these stand-ins where
# each subscriber's own address and links go; they contain nothing HTML escapes.
_STAND_IN_EMAIL = "stand-in-address-7f3a@stand-in.invalid"
_STAND_IN_UNSUBSCRIBE = "https://stand-in.invalid/unsubscribe-7f3a"
_STAND_IN_PREFERENCES = "https://stand-in.invalid/preferences-7f3a"


class _StandIn:
    email = _STAND_IN_EMAIL
    name = ""


def campaign_parts(campaign, *, base_url: str) -> tuple[str, str]:
    """The campaign's plain-text and HTML parts in the current language, with stand-ins."""
    article = campaign.article
    context = {
        "campaign": campaign,
        "subscriber": _StandIn(),
        "site_url": base_url,
        # Sanitised when the campaign was saved (Campaign.save).
        "body_html": mark_safe(campaign.body),  # noqa: S308
        "body_text": campaign_text(campaign.body),
        "article_url": base_url + article.get_absolute_url() if article else "",
        "unsubscribe_url": _STAND_IN_UNSUBSCRIBE,
        "preferences_url": _STAND_IN_PREFERENCES,
    }
    return (
        render_to_string("newsletter/email/campaign.txt", context),
        render_to_string("newsletter/email/campaign.html", context),
    )


def campaign_message(
    campaign, *, subscriber, base_url=None, message_id=None, connection=None, parts=None
):
    """The campaign as one subscriber gets it, in the current language, ready to send."""
    base = site_url(base_url=base_url)
    text, html = parts or campaign_parts(campaign, base_url=base)
    unsubscribe_url = (
        base
        + reverse("newsletter:unsubscribe", kwargs={"token": subscriber.make_unsubscribe_token()})
        + (f"?campaign={campaign.pk}" if campaign.pk else "")
    )
    preferences_url = base + reverse(
        "newsletter:preferences", kwargs={"token": subscriber.make_preferences_token()}
    )
    for stand_in, value in (
        (_STAND_IN_EMAIL, subscriber.email),
        (_STAND_IN_UNSUBSCRIBE, unsubscribe_url),
        (_STAND_IN_PREFERENCES, preferences_url),
    ):
        text = text.replace(stand_in, value)
        html = html.replace(stand_in, escape(value))
    message = EmailMultiAlternatives(
        subject=campaign.subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscriber.email],
        connection=connection,
        headers={
            "Message-ID": message_id or make_msgid(domain="stateup.invalid"),
            # RFC 2369 and RFC 8058: a one-click unsubscribe button in mail programs.
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Content-Language": get_language() or settings.LANGUAGE_CODE,
        },
    )
    message.attach_alternative(html, "text/html")
    return message
