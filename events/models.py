"""
Events (round tables, launches, webinars) and the registrations for them.

Public means `published` or `cancelled` (`Event.objects.public()`); every page, list,
feed, calendar file and sitemap calls it. `online_url` is only ever sent to confirmed
registrants by email: no public template, feed, calendar or structured data reads it.
"""

import logging
import uuid
import zoneinfo
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count, F, Q
from django.db.models.functions import Lower
from django.dispatch import Signal
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from articles.models import WEB_URL, Article, Author, Category
from articles.sanitize import clean_body, web_url
from newsletter.models import MailDelivery
from publicforms.forms import normalize_email

logger = logging.getLogger(__name__)

# Background work the models ask for once the writing transaction commits; the
# receivers in events/tasks.py queue it (the models know nothing of tasks or emails).
event_changed = Signal()  # event_id, sequence: a change registrants must hear of
reminders_due = Signal()  # event: its reminders need (re)scheduling
registration_email_due = Signal()  # registration_id: an email is pending

# The zone shown beside the event's own, across the Atlantic.
SECOND_ZONES = {"Europe/Brussels": "America/Sao_Paulo", "America/Sao_Paulo": "Europe/Brussels"}
DEFAULT_SECOND_ZONE = "Europe/Brussels"
# Cancel links stay valid until well after any event.
CANCEL_TOKEN_MAX_AGE = timedelta(days=2 * 365)
# Reminders: how long before the start each goes out.
REMINDERS = {"day": timedelta(days=1), "hour": timedelta(hours=1)}
# Changes to these fields are what a registrant's calendar needs to hear about.
SIGNIFICANT_FIELDS = ("starts_at", "ends_at", "time_zone", "venue", "venue_address", "status", "is_postponed", "format")  # fmt: skip
# Paths under /events/ that are not events.
RESERVED_SLUGS = {"past", "feed", "cancel", "preview", "calendar-ics"}
# Also watched: when they change, reminders are queued again or seats given out.
TRACKED_FIELDS = (*SIGNIFICANT_FIELDS, "registration", "capacity")

REGISTRATION_CONSENT_VERSION = "2026-12"
REGISTRATION_CONSENT_TEXT = _(
    "I agree that StateUp keeps my name and email address to manage my registration "
    "and to email me about this event."
)


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("Enter a time zone name such as Europe/Brussels or America/Sao_Paulo."),
            code="invalid_time_zone",
        )


def time_zone_choices():
    return [(name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones())]


class EventQuerySet(models.QuerySet):
    def public(self):
        """The one definition of what the public may see: published or cancelled."""
        return self.filter(status__in=[Event.Status.PUBLISHED, Event.Status.CANCELLED])

    def upcoming(self):
        """Not yet over, soonest first."""
        return self.filter(ends_at__gt=timezone.now()).order_by("starts_at", "pk")

    def past(self):
        """Over, newest first."""
        return self.filter(ends_at__lte=timezone.now()).order_by("-starts_at", "-pk")

    def with_counts(self):
        """Each event's confirmed and waitlisted registrations, in the same query."""
        return self.annotate(
            confirmed_count=Count("registrations", filter=Q(registrations__status="confirmed")),
            waitlisted_count=Count("registrations", filter=Q(registrations__status="waitlisted")),
        )

    def with_person(self, author):
        """Events where `author` speaks or moderates, newest first."""
        return (
            self.filter(Q(speakerships__author=author) | Q(moderator=author))
            .distinct()
            .order_by("-starts_at", "-pk")
            .only("title", "slug", "starts_at", "ends_at", "time_zone", "status")
        )

    def for_lists(self):
        return self.select_related("topic").defer("body", "agenda", "recap", "online_url")


class Event(models.Model):
    """A round table, launch or webinar."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", pgettext_lazy("event status", "Published")
        CANCELLED = "cancelled", pgettext_lazy("event status", "Cancelled")

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("Hybrid")

    class RegistrationMode(models.TextChoices):
        NONE = "none", _("No registration")
        OPEN = "open", _("Registration on this site")
        EXTERNAL = "external", _("Registration elsewhere")

    class Language(models.TextChoices):
        EN = "en", _("English")
        ES = "es", _("Spanish")
        PT = "pt", _("Portuguese")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"), max_length=200, unique=True, help_text=_("The event's address: /events/<slug>/.")
    )
    summary = models.TextField(
        _("summary"),
        max_length=600,
        blank=True,
        help_text=_("One or two sentences, also used in lists."),
    )
    body = models.TextField(
        _("body"),
        blank=True,
        help_text=_("Rich text. Anything outside the allowed HTML is removed when saved."),
    )
    agenda = models.TextField(
        _("agenda"),
        blank=True,
        help_text=_("Rich text: the programme, e.g. a list of times and sessions."),
    )
    topic = models.ForeignKey(
        Category,
        verbose_name=_("topic"),
        on_delete=models.PROTECT,
        related_name="events",
        null=True,
        blank=True,
    )
    language = models.CharField(
        _("language of the event"), max_length=8, choices=Language.choices, default=Language.EN
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="Europe/Brussels",
        validators=[validate_time_zone],
        help_text=_("Where the event takes place (IANA name, e.g. America/Sao_Paulo)."),
    )
    format = models.CharField(
        _("format"), max_length=12, choices=Format.choices, default=Format.IN_PERSON
    )
    venue = models.CharField(
        _("venue"), max_length=200, blank=True, help_text=_("E.g. “Résidence Palace, Brussels”.")
    )
    venue_address = models.TextField(_("venue address"), max_length=500, blank=True)
    online_url = models.URLField(
        _("online link"),
        blank=True,
        max_length=500,
        validators=[WEB_URL],
        help_text=_("Sent to confirmed registrants only; never shown on a public page."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    is_postponed = models.BooleanField(
        _("postponed"),
        default=False,
        help_text=_("Says so at the top of the page, until a new date is set."),
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Seats; empty means unlimited.")
    )
    registration = models.CharField(
        _("registration"),
        max_length=12,
        choices=RegistrationMode.choices,
        default=RegistrationMode.NONE,
    )
    registration_url = models.URLField(
        _("external registration link"), blank=True, max_length=500, validators=[WEB_URL]
    )
    is_registration_closed = models.BooleanField(
        _("registration closed"), default=False, help_text=_("Stop taking registrations now.")
    )
    speakers = models.ManyToManyField(
        Author,
        through="EventSpeaker",
        related_name="events",
        verbose_name=_("speakers"),
        blank=True,
    )
    moderator = models.ForeignKey(
        Author,
        verbose_name=_("moderator"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="moderated_events",
    )
    related_articles = models.ManyToManyField(
        Article, blank=True, related_name="+", verbose_name=_("related briefs")
    )
    recording_url = models.URLField(
        _("recording link"), blank=True, max_length=500, validators=[WEB_URL],
        help_text=_("Video or audio, shown once the event is over."),
    )  # fmt: skip
    slides_url = models.URLField(_("slides link"), blank=True, max_length=500, validators=[WEB_URL])
    recap = models.TextField(
        _("summary after the event"),
        blank=True,
        help_text=_("Rich text, shown once the event is over."),
    )

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(
        _("calendar revision"),
        default=0,
        editable=False,
        help_text=_("Raised when the time, place or status changes, so calendars update."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(user_related_name="+")

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "-pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        permissions = [("publish_event", _("Can publish, cancel and unpublish events"))]
        indexes = [models.Index(fields=["status", "starts_at"], name="event_public_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=F("starts_at")), name="event_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "published", "cancelled"]),
                name="event_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        for field in ("online_url", "registration_url", "recording_url", "slides_url"):
            value = getattr(self, field)
            if value and not web_url(value):
                raise ValidationError({field: _("Enter a web address (http or https).")})
        validate_time_zone(self.time_zone)
        self.body = clean_body(self.body)
        self.agenda = clean_body(self.agenda)
        self.recap = clean_body(self.recap)
        adding = self._state.adding or self._saved is None
        changed = self.significant_changes()
        tracked = adding or [
            name for name in TRACKED_FIELDS if self._saved.get(name) != getattr(self, name)
        ]
        if changed:
            self.sequence += 1
        with transaction.atomic():
            super().save(*args, **kwargs)
            if changed and self.status != self.Status.DRAFT:
                event_id, sequence = self.pk, self.sequence
                transaction.on_commit(
                    lambda: event_changed.send(Event, event_id=event_id, sequence=sequence)
                )
            if not adding and "capacity" in tracked:
                self._fill_free_seats()
            if tracked:
                transaction.on_commit(lambda: reminders_due.send(Event, event=self))
        self._saved = {name: getattr(self, name) for name in TRACKED_FIELDS}

    def get_absolute_url(self) -> str:
        return reverse("events:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        errors = {}
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = _("This address is taken by the events pages; choose another slug.")
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            errors["ends_at"] = _("The event cannot end before it starts.")
        if self.registration == self.RegistrationMode.EXTERNAL and not self.registration_url:
            errors["registration_url"] = _("Give the address where people register.")
        if self.is_online and not self.online_url and self.status != self.Status.DRAFT:
            errors["online_url"] = _("An online or hybrid event needs its online link.")
        if errors:
            raise ValidationError(errors)

    _saved: dict | None = None

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._saved = {name: instance.__dict__.get(name) for name in TRACKED_FIELDS}
        return instance

    def significant_changes(self) -> list[str]:
        """The fields that matter to registrants and calendars, changed since loaded."""
        if self._saved is None:
            return []
        return [name for name in SIGNIFICANT_FIELDS if self._saved.get(name) != getattr(self, name)]

    # --- What readers see ---

    @property
    def is_public(self) -> bool:
        return self.status in {self.Status.PUBLISHED, self.Status.CANCELLED}

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def is_past(self) -> bool:
        return self.ends_at <= timezone.now()

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def second_zone(self) -> zoneinfo.ZoneInfo:
        name = SECOND_ZONES.get(self.time_zone, DEFAULT_SECOND_ZONE)
        if name == self.time_zone:
            name = SECOND_ZONES[DEFAULT_SECOND_ZONE]
        return zoneinfo.ZoneInfo(name)

    @property
    def is_online(self) -> bool:
        return self.format in {self.Format.ONLINE, self.Format.HYBRID}

    @property
    def is_in_person(self) -> bool:
        return self.format in {self.Format.IN_PERSON, self.Format.HYBRID}

    def takes_registrations(self) -> bool:
        """Registration on this site is open now."""
        return (
            self.registration == self.RegistrationMode.OPEN
            and self.status == self.Status.PUBLISHED
            and not self.is_registration_closed
            and not self.is_postponed
            and not self.is_past
        )

    @property
    def external_registration_url(self) -> str:
        if self.registration != self.RegistrationMode.EXTERNAL or self.is_cancelled or self.is_past:
            return ""
        return web_url(self.registration_url)

    # --- Registration ---

    def register(self, *, email: str, name: str, language: str = "") -> "Registration":
        """
        Register `email`: confirmed while seats remain, else on the waiting list. The
        event's row is locked (PostgreSQL) or the write transaction taken at once
        (SQLite, IMMEDIATE), so however many arrive at once, no seat is given twice.
        Registering again is not an error and changes nothing but the name.
        """
        email = normalize_email(email)
        with transaction.atomic():
            event = (
                Event.objects.select_for_update().only("pk", "capacity", "sequence").get(pk=self.pk)
            )
            existing = event.registrations.for_address(email).first()
            if existing is not None and existing.status != Registration.Status.CANCELLED:
                # The answer must not tell that this address had registered before:
                # it reads as a newcomer's would (seated only while seats remain).
                existing.outcome = (
                    Registration.Status.CONFIRMED
                    if event.has_free_seat()
                    else Registration.Status.WAITLISTED
                )
                return existing
            status = (
                Registration.Status.CONFIRMED
                if event.has_free_seat()
                else Registration.Status.WAITLISTED
            )
            email_kind = (
                Registration.Email.CONFIRMATION
                if status == Registration.Status.CONFIRMED
                else Registration.Email.WAITLISTED
            )
            details = {
                "name": name,
                "status": status,
                "language": language or settings.LANGUAGE_CODE,
                "consent_version": REGISTRATION_CONSENT_VERSION,
                "consent_text": str(REGISTRATION_CONSENT_TEXT),
                "consented_at": timezone.now(),
                "registered_at": timezone.now(),
                "cancelled_at": None,
                "pending_email": email_kind,
                "notified_sequence": event.sequence,
                "confirmed_at": timezone.now() if status == Registration.Status.CONFIRMED else None,
            }
            if existing is None:
                registration = Registration.objects.create(event=event, email=email, **details)
            else:
                for field, value in details.items():
                    setattr(existing, field, value)
                existing.save()
                registration = existing
            registration.enqueue_pending_email()
        registration.outcome = status
        return registration

    def has_free_seat(self) -> bool:
        if self.capacity is None:
            return True
        return (
            self.registrations.filter(status=Registration.Status.CONFIRMED).count() < self.capacity
        )

    def promote_waiting(self) -> "Registration | None":
        """Give a free seat to the first person on the waiting list; call with the event locked."""
        if not self.has_free_seat():
            return None
        first = (
            self.registrations.select_for_update()
            .filter(status=Registration.Status.WAITLISTED)
            .order_by("registered_at", "pk")
            .first()
        )
        if first is None:
            return None
        first.promote()
        return first

    def _fill_free_seats(self) -> None:
        """More seats (or none limited): the people waiting get them, first come first served."""
        if self.is_past or self.status != self.Status.PUBLISHED:
            return
        event = Event.objects.select_for_update().get(pk=self.pk)
        while event.promote_waiting() is not None:
            pass


class EventSpeaker(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="speakerships")
    author = models.ForeignKey(
        Author, on_delete=models.CASCADE, related_name="speakerships", verbose_name=_("speaker")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        constraints = [
            models.UniqueConstraint(fields=["event", "author"], name="event_speaker_unique")
        ]

    def __str__(self) -> str:
        return f"{self.author} @ {self.event}"


def _address_digest(email: str) -> str:
    return salted_hmac("events.token-address", email.lower()).hexdigest()[:20]


class RegistrationQuerySet(models.QuerySet):
    def for_address(self, email: str):
        return self.alias(email_lower=Lower("email")).filter(email_lower=email.lower())

    def active(self):
        return self.exclude(status=Registration.Status.CANCELLED)


class Registration(MailDelivery):
    """One person's place at an event, or on its waiting list."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", pgettext_lazy("registration status", "Confirmed")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", pgettext_lazy("registration status", "Cancelled")

    class Email(models.TextChoices):
        CONFIRMATION = "confirmation", _("Confirmation")
        WAITLISTED = "waitlisted", _("On the waiting list")
        PROMOTED = "promoted", _("Moved from the waiting list")
        CANCELLED = "cancelled", _("Cancellation")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("event")
    )
    email = models.EmailField(_("email address"))
    name = models.CharField(_("name"), max_length=120)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    language = models.CharField(_("language"), max_length=8, default=settings.LANGUAGE_CODE)
    consent_version = models.CharField(_("consent wording version"), max_length=20, blank=True)
    consent_text = models.TextField(_("consent wording agreed to"), blank=True)
    consented_at = models.DateTimeField(_("consented"), null=True, blank=True)
    registered_at = models.DateTimeField(_("registered"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("seat given"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    pending_email = models.CharField(
        _("email waiting to be sent"),
        max_length=12,
        choices=Email.choices,
        blank=True,
        editable=False,
    )
    notified_sequence = models.PositiveIntegerField(
        default=0, editable=False, help_text=_("The event revision this person last heard about.")
    )
    day_reminder_sent_at = models.DateTimeField(
        _("day-before reminder sent"), null=True, blank=True, editable=False
    )
    hour_reminder_sent_at = models.DateTimeField(
        _("hour-before reminder sent"), null=True, blank=True, editable=False
    )

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["registered_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                "event", Lower("email"), name="events_registration_email_unique"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["confirmed", "waitlisted", "cancelled"]),
                name="events_registration_status_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["event", "status", "registered_at"], name="registration_queue_idx")
        ]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"

    def save(self, *args, **kwargs):
        self.email = normalize_email(self.email)
        super().save(*args, **kwargs)

    # --- Changes of place ---

    def promote(self) -> bool:
        """Give this waiting person a seat (the caller checked there is one) and email them."""
        changed = Registration.objects.filter(pk=self.pk, status=self.Status.WAITLISTED).update(
            status=self.Status.CONFIRMED,
            confirmed_at=timezone.now(),
            pending_email=self.Email.PROMOTED,
        )
        if changed:
            self.refresh_from_db()
            self.enqueue_pending_email()
        return bool(changed)

    def move_from_waiting_list(self) -> bool:
        """Staff give this person a seat now, even beyond capacity if they so decide."""
        with transaction.atomic():
            Event.objects.select_for_update().filter(pk=self.event_id).exists()
            return self.promote()

    def cancel(self) -> bool:
        """Give up the place; the first waiting person gets the seat. False if already cancelled."""
        with transaction.atomic():
            event = Event.objects.select_for_update().get(pk=self.event_id)
            changed = (
                Registration.objects.filter(pk=self.pk)
                .exclude(status=self.Status.CANCELLED)
                .update(
                    status=self.Status.CANCELLED,
                    cancelled_at=timezone.now(),
                    pending_email=self.Email.CANCELLED,
                )
            )
            if not changed:
                return False
            self.refresh_from_db()
            self.enqueue_pending_email()
            if not event.is_past and not event.is_cancelled:
                event.promote_waiting()
        return True

    # --- Signed cancel link ---

    def make_cancel_token(self) -> str:
        return signing.dumps({"r": self.pk, "a": _address_digest(self.email)}, salt="events.cancel")

    @classmethod
    def from_cancel_token(cls, token: str) -> "Registration | None":
        try:
            payload = signing.loads(token, salt="events.cancel", max_age=CANCEL_TOKEN_MAX_AGE)
        except (signing.BadSignature, ValueError, TypeError, UnicodeError):
            return None
        if not isinstance(payload, dict) or not isinstance(payload.get("r"), int):
            return None
        registration = cls.objects.select_related("event").filter(pk=payload["r"]).first()
        if registration is None or payload.get("a") != _address_digest(registration.email):
            return None
        return registration

    # --- Outgoing email (the newsletter's outbox: claim, send, record) ---

    def enqueue_pending_email(self) -> None:
        pk = self.pk
        transaction.on_commit(lambda: registration_email_due.send(Registration, registration_id=pk))

    def send_pending_email(self, send: Callable) -> bool | None:
        """Send the email that is due with `send(registration, kind)`, once; see `Subscriber.send_pending_email`."""
        kind = self.pending_email
        if not kind or not self._claim_send(Q(pending_email=kind)):
            return None
        return self._deliver(
            lambda: send(self, kind),
            done={"pending_email": ""},
            what=kind,
        )

    def send_reminder(self, kind: str, send: Callable) -> bool | None:
        """The day-before or hour-before reminder with `send(registration, kind)`, once, to a confirmed registrant."""
        field = f"{kind}_reminder_sent_at"
        due = Q(status=self.Status.CONFIRMED, **{f"{field}__isnull": True})
        if not self._claim_send(due):
            return None
        return self._deliver(
            lambda: send(self, kind),
            done={field: timezone.now()},
            what=f"{kind} reminder",
        )

    def send_change_notice(self, sequence: int, send: Callable) -> bool | None:
        """Tell this person, with `send(registration)`, that the event's time, place or status changed (revision `sequence`)."""
        due = Q(notified_sequence__lt=sequence) & ~Q(status=self.Status.CANCELLED)
        if not self._claim_send(due):
            return None
        return self._deliver(
            lambda: send(self),
            done={"notified_sequence": sequence},
            what="change notice",
        )

    def _deliver(self, send, *, done: dict, what: str) -> bool:
        try:
            with translation.override(self.language):
                send()
        except Exception as error:  # any mail failure: recorded, retried by the next task run
            logger.warning("Sending the %s to registration %s failed: %s", what, self.pk, error)
            self._record_send_failure(error)
            return False
        Registration.objects.filter(pk=self.pk).update(
            send_claimed_at=None, send_attempts=0, last_send_error="", **done
        )
        self.refresh_from_db()
        return True


def registration_counts(event_ids) -> dict[int, dict]:
    """Confirmed and waitlisted counts per event, in one query, read fresh every time."""
    rows = (
        Registration.objects.filter(event_id__in=list(event_ids))
        .exclude(status=Registration.Status.CANCELLED)
        .values("event_id", "status")
        .annotate(n=Count("pk"))
    )
    counts = {pk: {"confirmed": 0, "waitlisted": 0} for pk in event_ids}
    for row in rows:
        counts[row["event_id"]][row["status"]] = row["n"]
    return counts
