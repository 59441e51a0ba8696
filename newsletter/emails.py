"""
Every email the site sends, one function per kind. Each renders a plain-text
and an HTML body from `templates/newsletter/email/` and raises if sending fails:
callers record the failure so the email is retried (`manage.py sendpending`).
Links are absolute: built from the request when there is one, else from
`STATEUP_SITE_URL`.
"""

import re
import textwrap
import time
from email.utils import formatdate, make_msgid

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import sanitize_address
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


# Sending a campaign to many subscribers over SMTP: the message made once per language
# and batch as the bytes Django would send, then filled in for each subscriber.

_STAND_IN_EMAIL_HTML = "stand-in-address-html-7f3a@stand-in.invalid"
_STAND_IN_UNSUBSCRIBE_HTML = "https://stand-in.invalid/unsubscribe-html-7f3a"
_STAND_IN_PREFERENCES_HTML = "https://stand-in.invalid/preferences-html-7f3a"
_STAND_IN_MESSAGE_ID = "<stand-in-message-id-7f3a@stand-in.invalid>"
_STAND_IN_DATE = "stand-in-date-7f3a"
_STAND_IN_LIST_UNSUBSCRIBE = "stand-in-list-unsubscribe-7f3a"
_STAND_IN_TOKEN = "stand-in-token-7f3a"  # noqa: S105 (a placeholder in a URL)
# An address the stand-in can be swapped for as it is: Django's own address handling
# would leave it unchanged (plain ASCII, no quoting). Others take the full path.
_PLAIN_ADDRESS = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*"
)
# SMTP allows 998 characters a line; a filled-in value is at most this long, and the
# template is only used if every line with stand-ins stays within the limit.
_LONGEST_VALUE = 320


class PreparedCampaign:
    """
    The campaign in the current language as the bytes that go over SMTP, made once
    (a whole Django message with stand-ins) and filled in for each subscriber with
    their address, links, Message-ID and date: the message campaign_message() would
    send, without building and flattening a MIME tree per recipient.
    """

    def __init__(self, campaign, *, base_url=None, parts=None):
        base = site_url(base_url=base_url)
        text, html = parts or campaign_parts(campaign, base_url=base)
        for stand_in, html_stand_in in (
            (_STAND_IN_EMAIL, _STAND_IN_EMAIL_HTML),
            (_STAND_IN_UNSUBSCRIBE, _STAND_IN_UNSUBSCRIBE_HTML),
            (_STAND_IN_PREFERENCES, _STAND_IN_PREFERENCES_HTML),
        ):
            html = html.replace(stand_in, html_stand_in)
        message = EmailMultiAlternatives(
            subject=campaign.subject,
            body=text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[_STAND_IN_EMAIL],
            headers={
                "Date": _STAND_IN_DATE,
                "Message-ID": _STAND_IN_MESSAGE_ID,
                "List-Unsubscribe": _STAND_IN_LIST_UNSUBSCRIBE,
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                "Content-Language": get_language() or settings.LANGUAGE_CODE,
            },
        )
        message.attach_alternative(html, "text/html")
        mime = message.message()
        raw = mime.as_bytes(linesep="\r\n")
        self.from_email = sanitize_address(message.from_email, message.encoding)
        self.campaign_query = f"?campaign={campaign.pk}" if campaign.pk else ""
        unsubscribe = reverse("newsletter:unsubscribe", kwargs={"token": _STAND_IN_TOKEN})
        preferences = reverse("newsletter:preferences", kwargs={"token": _STAND_IN_TOKEN})
        self.unsubscribe_url = (base + unsubscribe).split(_STAND_IN_TOKEN)
        self.preferences_url = (base + preferences).split(_STAND_IN_TOKEN)

        names = {
            _STAND_IN_EMAIL: "email",
            _STAND_IN_EMAIL_HTML: "email_html",
            _STAND_IN_UNSUBSCRIBE: "unsubscribe",
            _STAND_IN_UNSUBSCRIBE_HTML: "unsubscribe_html",
            _STAND_IN_PREFERENCES: "preferences",
            _STAND_IN_PREFERENCES_HTML: "preferences_html",
            _STAND_IN_MESSAGE_ID: "message_id",
            _STAND_IN_DATE: "date",
            _STAND_IN_LIST_UNSUBSCRIBE: "list_unsubscribe",
        }
        pattern = re.compile(f"({'|'.join(map(re.escape, names))})".encode())
        # Literal bytes at even places, the name of what goes between them at odd ones.
        self.pieces = pattern.split(raw)
        self.pieces[1::2] = [names[piece.decode()] for piece in self.pieces[1::2]]
        expected = (
            text.count(_STAND_IN_EMAIL) + html.count(_STAND_IN_EMAIL_HTML) + 1,  # To
            text.count(_STAND_IN_UNSUBSCRIBE) + html.count(_STAND_IN_UNSUBSCRIBE_HTML),
        )
        found = (
            self.pieces.count("email") + self.pieces.count("email_html"),
            self.pieces.count("unsubscribe") + self.pieces.count("unsubscribe_html"),
        )
        self.is_usable = (
            found == expected
            # Parts sent as they are (Django encodes a part with very long lines).
            and all(
                part["Content-Transfer-Encoding"] in {"7bit", "8bit"}
                for part in mime.walk()
                if not part.is_multipart()
            )
            and self.pieces.count("message_id") == 1
            and self.pieces.count("date") == 1
            and self.pieces.count("list_unsubscribe") == 1
            and all(
                len(line) + line.count(b"stand-in") * _LONGEST_VALUE <= 998
                for line in raw.split(b"\r\n")
                if b"stand-in" in line
            )
        )
        self.date = (0, "")

    def for_subscriber(self, subscriber, *, message_id: str) -> bytes | None:
        """This subscriber's message, or None if it has to be built in full."""
        email = subscriber.email
        # A longer address is one Django would fold onto a line of its own.
        if not self.is_usable or len(email) > 70 or not _PLAIN_ADDRESS.fullmatch(email):
            return None
        unsubscribe = (
            self.unsubscribe_url[0]
            + subscriber.make_unsubscribe_token()
            + self.unsubscribe_url[1]
            + self.campaign_query
        )
        preferences = (
            self.preferences_url[0] + subscriber.make_preferences_token() + self.preferences_url[1]
        )
        now = int(time.time())
        if self.date[0] != now:
            self.date = (now, formatdate(now, localtime=settings.EMAIL_USE_LOCALTIME))
        values = {
            "email": email,
            "email_html": escape(email),
            "unsubscribe": unsubscribe,
            "unsubscribe_html": escape(unsubscribe),
            "preferences": preferences,
            "preferences_html": escape(preferences),
            "message_id": message_id,
            "date": self.date[1],
            # Folded as Django folds it: a value too long for its line goes on the next.
            "list_unsubscribe": (
                f"<{unsubscribe}>"
                if len(f"List-Unsubscribe: <{unsubscribe}>") <= 78
                else f"\r\n <{unsubscribe}>"
            ),
        }
        if max(map(len, values.values())) > _LONGEST_VALUE:
            return None
        values = {name: value.encode("ascii") for name, value in values.items()}
        pieces = self.pieces[:]
        pieces[1::2] = [values[name] for name in pieces[1::2]]
        return b"".join(pieces)
