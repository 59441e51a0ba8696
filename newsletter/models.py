import logging
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, models, transaction
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import Lower
from django.dispatch import Signal
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from background.enqueue import after_commit
from publicforms.forms import normalize_email

logger = logging.getLogger(__name__)

# Sent once a campaign's scheduling commits (campaign_id, at); newsletter/tasks.py
# queues its start for then (the models know nothing of tasks).
campaign_scheduled = Signal()

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

    def reachable(self):
        """Confirmed and not suppressed: the only subscribers a campaign may reach."""
        return self.filter(status=Subscriber.Status.CONFIRMED, suppressed_at__isnull=True)

    def audience(self, *, interests=(), topics=(), languages=()):
        """
        Reachable subscribers matching every filter given. A subscriber who chose no
        interests or no topics is taken to want them all.
        """
        audience = self.reachable()
        if interests:
            wants = Q(interests=[])
            for interest in interests:
                # Interests are fixed words, so their quoted form identifies them in the JSON.
                wants |= Q(interests__icontains=f'"{interest}"')
            audience = audience.filter(wants)
        if topics:
            follows = Subscriber.topics.through.objects.filter(subscriber=models.OuterRef("pk"))
            audience = audience.filter(
                models.Exists(follows.filter(category__in=topics)) | ~models.Exists(follows)
            )
        if languages:
            audience = audience.filter(language__in=languages)
        return audience

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
    topics = models.ManyToManyField(
        "articles.Category",
        verbose_name=_("topics"),
        blank=True,
        related_name="+",
        help_text=_("The topics followed; none means every topic."),
    )
    suppressed_at = models.DateTimeField(
        _("suppressed"),
        null=True,
        blank=True,
        help_text=_(
            "Set when the provider reports a bounce or complaint: nothing is sent to the "
            "address until an administrator clears this."
        ),
    )
    suppression_reason = models.CharField(_("suppression reason"), max_length=20, blank=True)
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

    def suppress(self, reason: str) -> bool:
        """Stop all email to this address at once (a bounce or complaint); False if already."""
        now = timezone.now()
        changed = Subscriber.objects.filter(pk=self.pk, suppressed_at__isnull=True).update(
            suppressed_at=now, suppression_reason=reason[:20], pending_email="", updated_at=now
        )
        if changed:
            self.suppressed_at, self.suppression_reason, self.pending_email = now, reason[:20], ""
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

    def make_preferences_token(self) -> str:
        return self._make_token("newsletter.preferences")

    @classmethod
    def from_preferences_token(cls, token: str) -> "Subscriber":
        return cls._from_token(token, "newsletter.preferences", UNSUBSCRIBE_TOKEN_MAX_AGE)

    @classmethod
    def from_confirm_token(cls, token: str) -> "Subscriber":
        return cls._from_token(token, "newsletter.confirm", CONFIRM_TOKEN_MAX_AGE)

    @classmethod
    def from_unsubscribe_token(cls, token: str) -> "Subscriber":
        return cls._from_token(token, "newsletter.unsubscribe", UNSUBSCRIBE_TOKEN_MAX_AGE)

    # Outgoing email.

    def send_pending_email(self, *, request=None, base_url=None) -> bool | None:
        """
        Send the email that is due, if this process can claim it. True when sent,
        False when sending failed (recorded for staff and retried later), None when
        nothing was due or another process is sending it.
        """
        from newsletter import emails

        kind = self.pending_email
        if kind and (self.status == self.Status.UNSUBSCRIBED or self.suppressed_at):
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
                sender(self, request=request, base_url=base_url)
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

    def send_notification(self, *, request=None, base_url=None) -> bool | None:
        """Email the message to staff, once; see `Subscriber.send_pending_email`."""
        from newsletter import emails

        if self.notified_at is not None or not self._claim_send(Q(notified_at__isnull=True)):
            return None
        try:
            emails.send_contact_notification(self, request=request, base_url=base_url)
        except Exception as error:  # any mail failure: the message is stored, retry later
            logger.warning("Sending contact message %s to staff failed: %s", self.pk, error)
            self._record_send_failure(error)
            return False
        ContactMessage.objects.filter(pk=self.pk).update(
            notified_at=timezone.now(), send_claimed_at=None, send_attempts=0, last_send_error=""
        )
        self.refresh_from_db()
        return True


# Campaigns: one email to many subscribers, sent by the worker in batches.

SUBJECT_MAX_LENGTH = 150


class CampaignQuerySet(models.QuerySet):
    def due(self):
        """Scheduled campaigns whose time has come."""
        return self.filter(status=Campaign.Status.SCHEDULED, scheduled_at__lte=timezone.now())


class Campaign(models.Model):
    """An email to an audience of subscribers, written and sent by staff."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SCHEDULED = "scheduled", pgettext_lazy("campaign status", "Scheduled")
        SENDING = "sending", _("Sending")
        SENT = "sent", pgettext_lazy("campaign status", "Sent")
        FAILED = "failed", pgettext_lazy("campaign status", "Failed")

    class Kind(models.TextChoices):
        NEWSLETTER = "newsletter", _("Newsletter")
        BRIEF = "brief", _("A brief")
        DIGEST = "digest", _("Digest")
        EVENT = "event", _("An event invitation")

    subject = models.CharField(_("subject"), max_length=SUBJECT_MAX_LENGTH)
    preheader = models.CharField(
        _("preheader"),
        max_length=200,
        blank=True,
        help_text=_("The line mail programs show after the subject."),
    )
    body = models.TextField(
        _("body"), help_text=_("Sanitised on save, as briefs are: no scripts, styles or frames.")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.NEWSLETTER)
    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("brief"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="campaigns",
        help_text=_("The brief this email announces, if any."),
    )
    interests = models.JSONField(
        _("interests"),
        default=list,
        blank=True,
        help_text=_("Send to subscribers with any of these interests; none: everyone."),
    )
    topics = models.ManyToManyField(
        "articles.Category",
        verbose_name=_("topics"),
        blank=True,
        related_name="+",
        help_text=_("Send to subscribers following any of these topics; none: every topic."),
    )
    languages = models.JSONField(
        _("languages"),
        default=list,
        blank=True,
        help_text=_("Send to subscribers reading in any of these languages; none: every language."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    scheduled_at = models.DateTimeField(_("scheduled for"), null=True, blank=True)
    started_at = models.DateTimeField(_("sending started"), null=True, blank=True, editable=False)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = CampaignQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        permissions = [("send_campaign", _("Can send and schedule campaigns"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["draft", "scheduled", "sending", "sent", "failed"]),
                name="newsletter_campaign_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.subject

    def save(self, *args, **kwargs):
        from articles.sanitize import clean_body

        self.body = clean_body(self.body)
        super().save(*args, **kwargs)

    @property
    def is_editable(self) -> bool:
        return self.status in {self.Status.DRAFT, self.Status.SCHEDULED}

    def article_is_live(self) -> bool:
        """A brief's email goes out only once the brief is public."""
        from articles.models import Article

        return Article.objects.published().filter(pk=self.article_id).exists()

    def schedule(self, at) -> None:
        """Send at `at` (the worker starts it then); a later call moves the time."""
        Campaign.objects.filter(pk=self.pk, status__in=["draft", "scheduled"]).update(
            status=self.Status.SCHEDULED, scheduled_at=at, updated_at=timezone.now()
        )
        self.refresh_from_db()
        campaign_id = self.pk
        after_commit(lambda: campaign_scheduled.send(Campaign, campaign_id=campaign_id, at=at))

    def audience(self):
        """The subscribers this campaign would go to now."""
        return Subscriber.objects.audience(
            interests=self.interests,
            topics=list(self.topics.all()),
            languages=self.languages,
        )


class CampaignBatch(models.Model):
    """A slice of a campaign's frozen recipient list, sent by one task at a time."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENDING = "sending", _("Sending")
        DONE = "done", _("Done")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="batches")
    number = models.PositiveIntegerField()
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    claim = models.CharField(max_length=32, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    retry_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["campaign", "number"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "number"], name="campaign_batch_unique")
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id}/{self.number}"


class Delivery(models.Model):
    """One campaign to one subscriber: the recipient list, frozen when sending starts."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        SKIPPED = "skipped", _("Not sent (left or suppressed before sending)")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="deliveries")
    batch = models.ForeignKey(CampaignBatch, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(
        Subscriber, null=True, on_delete=models.SET_NULL, related_name="deliveries"
    )
    email = models.EmailField(_("email address"))
    language = models.CharField(_("language"), max_length=8)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveIntegerField(_("failed attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    message_id = models.CharField(_("message ID"), max_length=255, blank=True, db_index=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    bounced_at = models.DateTimeField(_("bounced"), null=True, blank=True)
    complained_at = models.DateTimeField(_("complaint"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)

    class Meta:
        ordering = ["campaign", "pk"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "subscriber"], name="delivery_once_per_subscriber"
            )
        ]
        indexes = [models.Index(fields=["batch", "status"], name="delivery_batch_status_idx")]

    def __str__(self) -> str:
        return f"{self.campaign_id} → {self.email}"


class SuppressionEvent(models.Model):
    """A provider's report (bounce, complaint) received through a signed webhook; kept once."""

    event_id = models.CharField(max_length=255, unique=True)
    esp_name = models.CharField(max_length=40)
    event_type = models.CharField(max_length=20)
    recipient = models.EmailField()
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("provider report")
        verbose_name_plural = _("provider reports")

    def __str__(self) -> str:
        return f"{self.event_type}: {self.recipient}"
