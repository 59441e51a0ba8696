import logging
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, models, transaction
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import Lower
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from publicforms.forms import normalize_email

logger = logging.getLogger(__name__)

# The wording a subscriber agrees to. Change the text only together with the
# version, so every subscriber's record says which words they agreed to.
CONSENT_VERSION = "2026-11"
CONSENT_TEXT = _(
    "I agree to receive emails from StateUp. I can unsubscribe at any time with one click."
)

CONFIRM_TOKEN_MAX_AGE = timedelta(days=7)
# Unsubscribe links live in people's inboxes for a long time and must keep working.
UNSUBSCRIBE_TOKEN_MAX_AGE = timedelta(days=2 * 365)
# Signing up again sends the confirmation again, but at most once in this window.
RESEND_WINDOW = timedelta(minutes=15)
# A claim on an outgoing email older than this is treated as abandoned (a crashed
# process) and may be taken over by a retry.
SEND_CLAIM_TIMEOUT = timedelta(minutes=10)
SEND_ERROR_MAX_LENGTH = 1000


class InvalidToken(Exception):
    """A link whose signature does not check out, or that points at nothing."""


class ExpiredToken(InvalidToken):
    """A correctly signed link that is too old."""


class MailDelivery(models.Model):
    """What staff need to see and the retry command needs to claim an unsent email."""

    send_attempts = models.PositiveIntegerField(
        _("failed send attempts"),
        default=0,
        editable=False,
        help_text=_("Failed attempts to send the email that is due; reset when it is sent."),
    )
    last_send_error = models.TextField(_("last send error"), blank=True, editable=False)
    send_claimed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    def _claim_send(self, due: Q) -> bool:
        """Take the right to send the email that is due; False if none is due or another process has it."""
        now = timezone.now()
        free = Q(send_claimed_at__isnull=True) | Q(send_claimed_at__lt=now - SEND_CLAIM_TIMEOUT)
        claimed = type(self).objects.filter(due, free, pk=self.pk).update(send_claimed_at=now)
        return claimed == 1

    def _record_send_failure(self, error: Exception) -> None:
        message = f"{type(error).__name__}: {error}"[:SEND_ERROR_MAX_LENGTH]
        type(self).objects.filter(pk=self.pk).update(
            send_claimed_at=None, send_attempts=F("send_attempts") + 1, last_send_error=message
        )
        self.refresh_from_db(fields=["send_attempts", "last_send_error", "send_claimed_at"])


def _address_digest(email: str) -> str:
    return salted_hmac("newsletter.token-address", email.lower()).hexdigest()[:20]


class SubscriberQuerySet(models.QuerySet):
    def for_address(self, email: str):
        """The subscriber with this address, whatever its case."""
        return self.alias(email_lower=Lower("email")).filter(email_lower=email.lower())

    def with_unsent_email(self):
        return self.exclude(pending_email="")

    def sign_up(self, *, email: str, **details) -> "Subscriber":
        """
        Record a signup for `email`: a new pending subscriber, or an existing one
        asked to confirm again. Safe when many requests sign up one address at once.
        """
        email = normalize_email(email)
        with transaction.atomic():
            subscriber = self.select_for_update().for_address(email).first()
            if subscriber is None:
                try:
                    with transaction.atomic():
                        return self.create(
                            email=email, pending_email=Subscriber.Email.CONFIRMATION, **details
                        )
                except IntegrityError:
                    # Another request created this address a moment ago.
                    subscriber = self.select_for_update().for_address(email).get()
            subscriber._sign_up_again(**details)
        return subscriber


class Subscriber(MailDelivery):
    """A person on the mailing list (double opt-in)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")

    class Interest(models.TextChoices):
        UPDATES = "updates", _("Updates")
        NEWSLETTER = "newsletter", _("Newsletter")
        EVENTS = "events", _("Events")

    class Email(models.TextChoices):
        CONFIRMATION = "confirmation", _("Confirmation request")
        WELCOME = "welcome", _("Welcome")

    email = models.EmailField(
        _("email address"),
        help_text=_("Stored trimmed, with the domain in lower case; one subscriber per address."),
    )
    name = models.CharField(_("name"), max_length=120, blank=True)
    interests = models.JSONField(
        _("interests"),
        default=list,
        blank=True,
        help_text=_("Any of: updates, newsletter, events."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=[("en", _("English")), ("es", _("Spanish")), ("pt", _("Portuguese"))],
        default="en",
        help_text=_("Emails are written in this language."),
    )
    signup_page = models.CharField(
        _("signed up on"), max_length=500, blank=True, help_text=_("The page the form was on.")
    )
    consent_version = models.CharField(_("consent wording version"), max_length=20, blank=True)
    consent_text = models.TextField(_("consent wording agreed to"), blank=True)
    consented_at = models.DateTimeField(_("consented"), null=True, blank=True)

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    subscribed_at = models.DateTimeField(
        _("last signed up"), default=timezone.now, help_text=_("The latest signup request.")
    )
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    pending_email = models.CharField(
        _("email waiting to be sent"),
        max_length=12,
        choices=Email.choices,
        blank=True,
        editable=False,
    )
    confirmation_sent_at = models.DateTimeField(
        _("confirmation sent"), null=True, blank=True, editable=False
    )
    welcome_sent_at = models.DateTimeField(_("welcome sent"), null=True, blank=True, editable=False)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="newsletter_subscriber_email_ci_unique",
                violation_error_message=_("This address is already on the list."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "confirmed", "unsubscribed"]),
                name="newsletter_subscriber_status_valid",
            ),
        ]
        indexes = [models.Index(fields=["status", "-created_at"], name="subscriber_status_idx")]

    def __str__(self) -> str:
        return self.email

    def save(self, *args, **kwargs):
        self.email = normalize_email(self.email)
        super().save(*args, **kwargs)

    # Signup, confirmation and unsubscribe.

    def _sign_up_again(self, **details) -> None:
        """A new signup for an address already known; the answer must not tell which."""
        now = timezone.now()
        if self.status != self.Status.CONFIRMED:
            # A confirmed subscription is never changed by an unauthenticated form.
            for field, value in details.items():
                setattr(self, field, value)
            self.status = self.Status.PENDING
            self.subscribed_at = now
            # Only these fields: the delivery state belongs to whoever is sending.
            self.save(update_fields=[*details, "status", "subscribed_at", "updated_at"])
        self._request_email(self.Email.CONFIRMATION)

    def _request_email(self, kind: str, *, force: bool = False) -> None:
        """Mark `kind` as due, unless a confirmation went out within the resend window."""
        # Never replace a welcome email that is still waiting to go out.
        due = Subscriber.objects.filter(pk=self.pk).exclude(pending_email=self.Email.WELCOME)
        if not force:
            recent = timezone.now() - RESEND_WINDOW
            due = due.filter(
                Q(confirmation_sent_at__isnull=True) | Q(confirmation_sent_at__lt=recent)
            )
        if due.update(pending_email=kind):
            self.pending_email = kind

    def confirm(self) -> bool:
        """Confirm the subscription and queue the welcome email; False if it was already confirmed."""
        with transaction.atomic():
            locked = Subscriber.objects.select_for_update().filter(pk=self.pk).first()
            if locked is None or locked.status == self.Status.CONFIRMED:
                return False
            changes = {
                "status": self.Status.CONFIRMED,
                "confirmed_at": timezone.now(),
                "unsubscribed_at": None,
                "pending_email": self.Email.WELCOME,
                "send_attempts": 0,
                "last_send_error": "",
            }
            Subscriber.objects.filter(pk=self.pk).update(updated_at=timezone.now(), **changes)
        for field, value in changes.items():
            setattr(self, field, value)
        return True

    def unsubscribe(self) -> bool:
        """Stop all email at once; False if the subscriber had already left."""
        changes = {
            "status": self.Status.UNSUBSCRIBED,
            "unsubscribed_at": timezone.now(),
            "pending_email": "",
        }
        changed = (
            Subscriber.objects.filter(pk=self.pk)
            .exclude(status=self.Status.UNSUBSCRIBED)
            .update(updated_at=timezone.now(), **changes)
        )
        if changed:
            for field, value in changes.items():
                setattr(self, field, value)
        return changed == 1

    # Signed links.

    def _make_token(self, salt: str) -> str:
        return signing.dumps({"s": self.pk, "a": _address_digest(self.email)}, salt=salt)

    @classmethod
    def _from_token(cls, token: str, salt: str, max_age: timedelta) -> "Subscriber":
        try:
            payload = signing.loads(token, salt=salt, max_age=max_age)
        except signing.SignatureExpired as error:
            raise ExpiredToken from error
        except (signing.BadSignature, ValueError, TypeError, UnicodeError) as error:
            raise InvalidToken from error
        if not isinstance(payload, dict) or not isinstance(payload.get("s"), int):
            raise InvalidToken
        subscriber = cls.objects.filter(pk=payload["s"]).first()
        if subscriber is None or payload.get("a") != _address_digest(subscriber.email):
            raise InvalidToken
        return subscriber

    def make_confirm_token(self) -> str:
        return self._make_token("newsletter.confirm")

    def make_unsubscribe_token(self) -> str:
        return self._make_token("newsletter.unsubscribe")

    @classmethod
    def from_confirm_token(cls, token: str) -> "Subscriber":
        return cls._from_token(token, "newsletter.confirm", CONFIRM_TOKEN_MAX_AGE)

    @classmethod
    def from_unsubscribe_token(cls, token: str) -> "Subscriber":
        return cls._from_token(token, "newsletter.unsubscribe", UNSUBSCRIBE_TOKEN_MAX_AGE)

    # Outgoing email.

    def send_pending_email(self, *, request=None) -> bool | None:
        """
        Send the email that is due, if this process can claim it. True when sent,
        False when sending failed (recorded for staff and retried later), None when
        nothing was due or another process is sending it.
        """
        from newsletter import emails

        kind = self.pending_email
        if kind and self.status == self.Status.UNSUBSCRIBED:
            # Nothing goes to someone who has left, whatever was waiting.
            Subscriber.objects.filter(pk=self.pk).update(pending_email="")
            self.pending_email = ""
            return None
        if not kind or not self._claim_send(Q(pending_email=kind)):
            return None
        sender = {
            self.Email.CONFIRMATION: emails.send_confirmation,
            self.Email.WELCOME: emails.send_welcome,
        }[kind]
        try:
            with translation.override(self.language):
                sender(self, request=request)
        except Exception as error:  # any mail failure: keep the signup, retry later
            logger.warning("Sending the %s email to subscriber %s failed: %s", kind, self.pk, error)
            self._record_send_failure(error)
            return False
        sent_field = {
            self.Email.CONFIRMATION: "confirmation_sent_at",
            self.Email.WELCOME: "welcome_sent_at",
        }[kind]
        Subscriber.objects.filter(pk=self.pk).update(
            # Clear the due email only if it is still the one just sent.
            pending_email=Case(
                When(pending_email=kind, then=Value("")), default=F("pending_email")
            ),
            send_claimed_at=None,
            send_attempts=0,
            last_send_error="",
            **{sent_field: timezone.now()},
        )
        self.refresh_from_db()
        return True

    def resend_confirmation(self, *, request=None) -> bool | None:
        """Staff asked to send the confirmation again, whatever the resend window."""
        if self.status != self.Status.PENDING:
            return None
        self._request_email(self.Email.CONFIRMATION, force=True)
        return self.send_pending_email(request=request)


class ContactMessageQuerySet(models.QuerySet):
    def with_unsent_notification(self):
        return self.filter(notified_at__isnull=True)


class ContactMessage(MailDelivery):
    """A message sent through the contact form, emailed to staff."""

    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("email address"))
    organisation = models.CharField(_("organisation"), max_length=160, blank=True)
    subject = models.CharField(_("subject"), max_length=200)
    message = models.TextField(_("message"), max_length=5000)
    language = models.CharField(_("language"), max_length=8, default=settings.LANGUAGE_CODE)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    is_handled = models.BooleanField(_("handled"), default=False)
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True, editable=False)
    notified_at = models.DateTimeField(
        _("staff notified"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When the notification email to staff was sent; empty while unsent."),
    )

    objects = ContactMessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("contact message")
        verbose_name_plural = _("contact messages")

    def __str__(self) -> str:
        return f"{self.subject} ({self.email})"

    def save(self, *args, **kwargs):
        self.email = normalize_email(self.email)
        if self.is_handled and self.handled_at is None:
            self.handled_at = timezone.now()
        elif not self.is_handled:
            self.handled_at = None
        super().save(*args, **kwargs)

    def send_notification(self, *, request=None) -> bool | None:
        """Email the message to staff, once; see `Subscriber.send_pending_email`."""
        from newsletter import emails

        if self.notified_at is not None or not self._claim_send(Q(notified_at__isnull=True)):
            return None
        try:
            emails.send_contact_notification(self, request=request)
        except Exception as error:  # any mail failure: the message is stored, retry later
            logger.warning("Sending contact message %s to staff failed: %s", self.pk, error)
            self._record_send_failure(error)
            return False
        ContactMessage.objects.filter(pk=self.pk).update(
            notified_at=timezone.now(), send_claimed_at=None, send_attempts=0, last_send_error=""
        )
        self.refresh_from_db()
        return True
