"""
Events in the admin, with the briefs' roles: writers draft events (and edit them
while they are drafts), editors publish, cancel, close registration and manage
registrations. Every saved version is kept (history, with restore) and any event
can be previewed as readers will see it.
"""

import csv
from zoneinfo import ZoneInfo

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from events.models import Event, EventSpeaker, Registration
from newsletter import drafting, sending

PUBLISH_PERMISSION = "events.publish_event"
TIMES = ("starts_at", "ends_at")
# A cell starting with one of these is a formula to a spreadsheet (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "|", "%")


def is_editor(user) -> bool:
    return user.has_perm(PUBLISH_PERMISSION)


def csv_cell(value) -> str:
    """The value as a spreadsheet shows it, never as a formula it would run."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


class EventAdminForm(forms.ModelForm):
    """Start and end are typed, and shown, in the event's own time zone."""

    class Meta:
        model = Event
        fields = [
            "title", "slug", "topic", "language", "summary", "body", "agenda",
            "starts_at", "ends_at", "time_zone", "format", "venue", "venue_address", "online_url",
            "moderator", "registration", "registration_url", "capacity", "is_registration_closed",
            "status", "is_postponed", "recording_url", "slides_url", "recap", "related_articles",
        ]  # fmt: skip
        help_texts = {
            "starts_at": _("In the event's own time zone (below)."),
            "ends_at": _("In the event's own time zone (below)."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for name in TIMES:
                value = getattr(self.instance, name)
                if value is not None:
                    self.initial[name] = timezone.make_naive(value, self.instance.zone)

    def clean(self):
        cleaned = super().clean()
        name = cleaned.get("time_zone")
        if name and "time_zone" not in self.errors:
            zone, current = ZoneInfo(name), timezone.get_current_timezone()
            for field in TIMES:
                value = cleaned.get(field)
                if value is not None:
                    cleaned[field] = timezone.make_aware(timezone.make_naive(value, current), zone)
        return cleaned


class EventSpeakerInline(admin.TabularInline):
    model = EventSpeaker
    extra = 0
    autocomplete_fields = ["author"]


@admin.register(Event)
class EventAdmin(SimpleHistoryAdmin):
    form = EventAdminForm
    list_display = [
        "title",
        "status",
        "starts_at",
        "format",
        "registration",
        "capacity",
        "confirmed",
        "waitlisted",
    ]
    list_filter = ["status", "format", "registration", "topic", "language"]
    search_fields = ["title", "summary", "slug", "venue"]
    date_hierarchy = "starts_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["topic", "moderator", "related_articles"]
    inlines = [EventSpeakerInline]
    actions = [
        "publish_selected",
        "cancel_selected",
        "close_registration",
        "reopen_registration",
        "invite_subscribers",
    ]
    fieldsets = [
        (None, {"fields": ["title", "slug", "topic", "language", "summary", "body", "agenda"]}),
        (_("When"), {"fields": ["starts_at", "ends_at", "time_zone"]}),
        (_("Where"), {"fields": ["format", "venue", "venue_address", "online_url"]}),
        (_("People"), {"fields": ["moderator"]}),
        (
            _("Registration"),
            {
                "fields": [
                    "registration",
                    "registration_url",
                    "capacity",
                    "is_registration_closed",
                    "registrations_link",
                ]
            },
        ),
        (_("Publishing"), {"fields": ["status", "is_postponed"]}),
        (_("After the event"), {"fields": ["recording_url", "slides_url", "recap"]}),
        (_("Related briefs"), {"fields": ["related_articles"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                confirmed_count=Count("registrations", filter=Q(registrations__status="confirmed")),
                waitlisted_count=Count(
                    "registrations", filter=Q(registrations__status="waitlisted")
                ),
            )
        )

    @admin.display(description=_("confirmed"), ordering="confirmed_count")
    def confirmed(self, event):
        return event.confirmed_count

    @admin.display(description=_("waiting list"), ordering="waitlisted_count")
    def waitlisted(self, event):
        return event.waitlisted_count

    @admin.display(description=_("registrations"))
    def registrations_link(self, event):
        if event.pk is None:
            return "—"
        url = reverse("admin:events_registration_changelist") + f"?event__id__exact={event.pk}"
        return format_html(
            '<a href="{}">{}</a>',
            url,
            _("%(confirmed)d confirmed, %(waiting)d on the waiting list")
            % {"confirmed": event.confirmed_count, "waiting": event.waitlisted_count},
        )

    def view_on_site(self, obj):
        return reverse("events:preview", kwargs={"pk": obj.pk})

    # --- Roles ---

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if not allowed or obj is None or is_editor(request.user):
            return allowed
        # Writers edit drafts; what is public is the editors'.
        return obj.status == Event.Status.DRAFT

    def get_readonly_fields(self, request, obj=None):
        readonly = [*super().get_readonly_fields(request, obj), "registrations_link"]
        if not is_editor(request.user):
            readonly += ["status", "is_postponed", "is_registration_closed"]
        return readonly

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not is_editor(request.user):
            for name in self.actions:
                actions.pop(name, None)
        return actions

    def save_model(self, request, obj, form, change):
        if not is_editor(request.user) and obj.status != Event.Status.DRAFT:
            raise PermissionDenied
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    # --- Actions (editors) ---

    def _save_each(self, request, queryset, change, message):
        if not is_editor(request.user):
            raise PermissionDenied
        count = 0
        for event in queryset:
            with transaction.atomic():
                if change(event):
                    event.updated_by = request.user
                    event.save()
                    count += 1
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Publish the selected events"))
    def publish_selected(self, request, queryset):
        def change(event):
            if event.status == Event.Status.PUBLISHED:
                return False
            event.status = Event.Status.PUBLISHED
            return True

        self._save_each(request, queryset, change, _("Events published: %(count)d."))

    @admin.action(description=_("Cancel the selected events (registrants are told)"))
    def cancel_selected(self, request, queryset):
        def change(event):
            if event.status != Event.Status.PUBLISHED:
                return False
            event.status = Event.Status.CANCELLED
            return True

        self._save_each(request, queryset, change, _("Events cancelled: %(count)d."))

    @admin.action(description=_("Close registration"))
    def close_registration(self, request, queryset):
        def change(event):
            if event.is_registration_closed:
                return False
            event.is_registration_closed = True
            return True

        self._save_each(request, queryset, change, _("Registration closed for %(count)d events."))

    @admin.action(description=_("Invite subscribers (drafts a campaign to send)"))
    def invite_subscribers(self, request, queryset):
        if not is_editor(request.user):
            raise PermissionDenied
        for event in queryset:
            try:
                campaign = drafting.draft_invitation(event, by=request.user)
            except sending.CampaignRefused as error:
                self.message_user(request, f"{event}: {error}", messages.ERROR)
                continue
            url = reverse("admin:newsletter_campaign_change", args=[campaign.pk])
            self.message_user(
                request,
                format_html(
                    gettext(
                        '{event}: an invitation is drafted. <a href="{url}">Read and send it</a>.'
                    ),
                    event=event,
                    url=url,
                ),
                messages.SUCCESS,
            )

    @admin.action(description=_("Reopen registration"))
    def reopen_registration(self, request, queryset):
        def change(event):
            if not event.is_registration_closed:
                return False
            event.is_registration_closed = False
            return True

        self._save_each(request, queryset, change, _("Registration reopened for %(count)d events."))


class UpcomingFilter(admin.SimpleListFilter):
    title = _("when")
    parameter_name = "when"

    def lookups(self, request, model_admin):
        return [("upcoming", _("Upcoming events")), ("past", _("Past events"))]

    def queryset(self, request, queryset):
        if self.value() == "upcoming":
            return queryset.filter(event__ends_at__gt=timezone.now())
        if self.value() == "past":
            return queryset.filter(event__ends_at__lte=timezone.now())
        return queryset


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = [
        "email",
        "name",
        "event",
        "status",
        "registered_at",
        "confirmed_at",
        "last_send_error",
    ]
    list_filter = ["status", UpcomingFilter, "event"]
    list_select_related = ["event"]
    search_fields = ["email", "name", "event__title"]
    date_hierarchy = "registered_at"
    actions = ["move_from_waiting_list", "cancel_selected", "export_csv"]
    readonly_fields = [
        "event", "email", "name", "status", "language", "consent_version", "consent_text",
        "consented_at", "registered_at", "confirmed_at", "cancelled_at", "pending_email",
        "send_attempts", "last_send_error",
    ]  # fmt: skip

    def has_add_permission(self, request):
        # People register themselves, through the form and its consent.
        return False

    @admin.action(
        description=_("Move from the waiting list (gives a seat, emails them)"),
        permissions=["change"],
    )
    def move_from_waiting_list(self, request, queryset):
        moved = sum(
            registration.move_from_waiting_list()
            for registration in queryset.filter(status=Registration.Status.WAITLISTED)
        )
        self.message_user(
            request,
            ngettext(
                "%(count)d person moved from the waiting list.",
                "%(count)d people moved from the waiting list.",
                moved,
            )
            % {"count": moved},
            messages.SUCCESS,
        )

    @admin.action(description=_("Cancel the selected registrations"), permissions=["change"])
    def cancel_selected(self, request, queryset):
        cancelled = sum(
            registration.cancel()
            for registration in queryset.exclude(status=Registration.Status.CANCELLED)
        )
        self.message_user(
            request,
            ngettext(
                "%(count)d registration cancelled.", "%(count)d registrations cancelled.", cancelled
            )
            % {"count": cancelled},
            messages.SUCCESS,
        )

    @admin.action(description=_("Export the selected registrations as CSV"), permissions=["view"])
    def export_csv(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="registrations.csv"'
        response.write("\ufeff")  # so spreadsheet programs read UTF-8
        writer = csv.writer(response)
        writer.writerow(
            ["event", "name", "email", "status", "registered_at", "confirmed_at", "cancelled_at"]
        )
        for registration in queryset.select_related("event").order_by(
            "event__starts_at", "registered_at", "pk"
        ):
            writer.writerow(
                [
                    csv_cell(value)
                    for value in (
                        registration.event.title,
                        registration.name,
                        registration.email,
                        registration.status,
                        registration.registered_at.isoformat(),
                        registration.confirmed_at.isoformat() if registration.confirmed_at else "",
                        registration.cancelled_at.isoformat() if registration.cancelled_at else "",
                    )
                ]
            )
        return response
