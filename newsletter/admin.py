import csv

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import StreamingHttpResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from newsletter import tasks
from newsletter.models import ContactMessage, Subscriber
from stateup.tasks import enqueue_on_commit

# A spreadsheet treats a cell starting with one of these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value) -> str:
    """The cell's text, quoted so that no spreadsheet runs it as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


class _Echo:
    """A file-like object whose write() returns the line, for streaming CSV."""

    def write(self, value):
        return value


class InterestFilter(admin.SimpleListFilter):
    title = _("interest")
    parameter_name = "interest"

    def lookups(self, request, model_admin):
        return Subscriber.Interest.choices

    def queryset(self, request, queryset):
        if self.value() in Subscriber.Interest.values:
            # Interests are stored as a JSON list of fixed words, so the quoted
            # word matches exactly one of them on every database.
            return queryset.filter(interests__icontains=f'"{self.value()}"')
        return queryset


class UnsentEmailFilter(admin.SimpleListFilter):
    title = _("email delivery")
    parameter_name = "delivery"

    def lookups(self, request, model_admin):
        return [("unsent", _("Waiting to be sent")), ("failed", _("Failed at least once"))]

    def queryset(self, request, queryset):
        if self.value() == "unsent":
            return queryset.with_unsent_email()
        if self.value() == "failed":
            return queryset.filter(send_attempts__gt=0)
        return queryset


class SubscriberAdminForm(forms.ModelForm):
    interests = forms.MultipleChoiceField(
        label=_("interests"),
        choices=Subscriber.Interest.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Subscriber
        fields = ["email", "name", "interests", "status", "language"]

    def clean_interests(self):
        chosen = set(self.cleaned_data["interests"])
        return [value for value in Subscriber.Interest.values if value in chosen]


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    form = SubscriberAdminForm
    list_display = [
        "email",
        "name",
        "status",
        "interest_list",
        "created_at",
        "confirmed_at",
        "pending_email",
        "send_attempts",
    ]
    list_filter = ["status", InterestFilter, UnsentEmailFilter, "created_at", "confirmed_at"]
    search_fields = ["email", "name"]
    date_hierarchy = "created_at"
    actions = ["resend_confirmation", "unsubscribe"]
    fieldsets = [
        (None, {"fields": ["email", "name", "interests", "status", "language"]}),
        (
            _("Consent"),
            {"fields": ["consent_version", "consent_text", "consented_at", "signup_page"]},
        ),
        (
            _("History"),
            {"fields": ["created_at", "subscribed_at", "confirmed_at", "unsubscribed_at"]},
        ),
        (
            _("Email delivery"),
            {
                "fields": [
                    "pending_email",
                    "confirmation_sent_at",
                    "welcome_sent_at",
                    "send_attempts",
                    "last_send_error",
                ]
            },
        ),
    ]
    readonly_fields = [
        "consent_version",
        "consent_text",
        "consented_at",
        "signup_page",
        "created_at",
        "subscribed_at",
        "confirmed_at",
        "unsubscribed_at",
        "pending_email",
        "confirmation_sent_at",
        "welcome_sent_at",
        "send_attempts",
        "last_send_error",
    ]

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data:
            # Staff changing a status by hand records when, like the public pages do.
            now = timezone.now()
            if obj.status == Subscriber.Status.CONFIRMED:
                obj.confirmed_at = now
            elif obj.status == Subscriber.Status.UNSUBSCRIBED:
                obj.unsubscribed_at = now
                obj.pending_email = ""
        super().save_model(request, obj, form, change)

    @admin.display(description=_("interests"))
    def interest_list(self, subscriber):
        labels = dict(Subscriber.Interest.choices)
        return ", ".join(str(labels.get(value, value)) for value in subscriber.interests or [])

    @admin.action(description=_("Send the confirmation email again"))
    def resend_confirmation(self, request, queryset):
        sent = 0
        base_url = request.build_absolute_uri("/").rstrip("/")
        for subscriber in queryset.filter(status=Subscriber.Status.PENDING).iterator():
            # Marked due first (the outbox), then handed to the worker.
            subscriber._request_email(Subscriber.Email.CONFIRMATION, force=True)
            enqueue_on_commit(tasks.send_subscriber_email, subscriber.pk, base_url)
            sent += 1
        skipped = queryset.exclude(status=Subscriber.Status.PENDING).count()
        if sent:
            self.message_user(
                request,
                ngettext(
                    "Queued %(count)d confirmation email; the worker sends it.",
                    "Queued %(count)d confirmation emails; the worker sends them.",
                    sent,
                )
                % {"count": sent},
                messages.SUCCESS,
            )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "Skipped %(count)d subscriber who is not pending.",
                    "Skipped %(count)d subscribers who are not pending.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )

    @admin.action(description=_("Unsubscribe"))
    def unsubscribe(self, request, queryset):
        count = sum(1 for subscriber in queryset.iterator() if subscriber.unsubscribe())
        self.message_user(
            request,
            ngettext(
                "Unsubscribed %(count)d subscriber.", "Unsubscribed %(count)d subscribers.", count
            )
            % {"count": count},
            messages.SUCCESS,
        )

    def get_urls(self):
        export = path(
            "export.csv",
            self.admin_site.admin_view(self.export_csv),
            name="newsletter_subscriber_export",
        )
        return [export, *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context=extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:
            counts = dict(
                changelist.queryset.order_by()
                .values_list("status")
                .annotate(count=Count("pk"))
                .values_list("status", "count")
            )
            response.context_data["status_counts"] = [
                (label, counts.get(value, 0)) for value, label in Subscriber.Status.choices
            ]
            response.context_data["export_query"] = request.GET.urlencode()
        return response

    def export_csv(self, request):
        """The list as filtered on the page, as CSV, streamed row by row."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        changelist = self.get_changelist_instance(request)
        queryset = changelist.get_queryset(request).order_by("pk")
        columns = [
            ("email", _("email")),
            ("name", _("name")),
            ("status", _("status")),
            ("interests", _("interests")),
            ("language", _("language")),
            ("created_at", _("created")),
            ("confirmed_at", _("confirmed")),
            ("unsubscribed_at", _("unsubscribed")),
            ("consent_version", _("consent wording version")),
            ("consented_at", _("consented")),
            ("signup_page", _("signed up on")),
        ]
        writer = csv.writer(_Echo())

        def cell(subscriber, field):
            value = getattr(subscriber, field)
            if field == "interests":
                value = " ".join(value or [])
            elif hasattr(value, "isoformat"):
                value = value.isoformat()
            return spreadsheet_safe(value)

        def rows():
            yield writer.writerow([spreadsheet_safe(label) for _field, label in columns])
            for subscriber in queryset.iterator(chunk_size=2000):
                yield writer.writerow([cell(subscriber, field) for field, _label in columns])

        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="subscribers-{stamp}.csv"'
        return response


@admin.register(ContactMessage)
class ContactMessageAdmin(admin.ModelAdmin):
    list_display = [
        "subject",
        "name",
        "email",
        "organisation",
        "created_at",
        "is_handled",
        "notified_at",
    ]
    list_filter = ["is_handled", "created_at"]
    search_fields = ["subject", "name", "email", "organisation", "message"]
    date_hierarchy = "created_at"
    actions = ["mark_handled", "mark_unhandled"]
    fields = [
        "name",
        "email",
        "organisation",
        "subject",
        "message",
        "created_at",
        "is_handled",
        "handled_at",
        "notified_at",
        "send_attempts",
        "last_send_error",
    ]
    readonly_fields = [
        "name",
        "email",
        "organisation",
        "subject",
        "message",
        "created_at",
        "handled_at",
        "notified_at",
        "send_attempts",
        "last_send_error",
    ]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Mark as handled"))
    def mark_handled(self, request, queryset):
        count = queryset.filter(is_handled=False).update(is_handled=True, handled_at=timezone.now())
        self.message_user(
            request,
            ngettext(
                "Marked %(count)d message as handled.",
                "Marked %(count)d messages as handled.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Mark as not handled"))
    def mark_unhandled(self, request, queryset):
        count = queryset.filter(is_handled=True).update(is_handled=False, handled_at=None)
        self.message_user(
            request,
            ngettext(
                "Marked %(count)d message as not handled.",
                "Marked %(count)d messages as not handled.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
