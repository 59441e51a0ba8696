import csv

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
    StreamingHttpResponse,
)
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_prose_editor.widgets import AdminProseEditorWidget
from js_asset import Media

from articles.admin.forms import EDITOR_EXTENSIONS
from background.enqueue import enqueue_on_commit
from newsletter import emails, sending, tasks
from newsletter.models import Campaign, ContactMessage, Delivery, Subscriber

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
        fields = ["email", "name", "interests", "topics", "status", "language"]

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
    list_filter = [
        "status",
        InterestFilter,
        UnsentEmailFilter,
        ("suppressed_at", admin.EmptyFieldListFilter),
        "created_at",
        "confirmed_at",
    ]
    search_fields = ["email", "name"]
    date_hierarchy = "created_at"
    actions = ["resend_confirmation", "unsubscribe", "release_suppression"]
    fieldsets = [
        (None, {"fields": ["email", "name", "interests", "topics", "status", "language"]}),
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
                    "suppressed_at",
                    "suppression_reason",
                ]
            },
        ),
    ]
    readonly_fields = [
        "suppressed_at",
        "suppression_reason",
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

    @admin.action(description=_("Release from suppression (after a bounce or complaint)"))
    def release_suppression(self, request, queryset):
        if not request.user.has_perm("newsletter.change_subscriber"):
            raise PermissionDenied
        released = queryset.filter(suppressed_at__isnull=False).update(
            suppressed_at=None, suppression_reason="", updated_at=timezone.now()
        )
        self.message_user(
            request,
            ngettext(
                "Released %(count)d address; it can be emailed again.",
                "Released %(count)d addresses; they can be emailed again.",
                released,
            )
            % {"count": released},
            messages.SUCCESS,
        )

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


# Campaigns: compose, preview, test-send, send or schedule, and see what happened.


class CampaignAdminForm(forms.ModelForm):
    interests = forms.MultipleChoiceField(
        label=_("Interests"),
        choices=Subscriber.Interest.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every interest."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=settings.LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "None ticked: every language. Each subscriber gets the email in their language."
        ),
    )

    class Meta:
        model = Campaign
        fields = ["subject", "preheader", "body", "interests", "topics", "languages"]
        widgets = {
            "body": AdminProseEditorWidget(
                config={"extensions": EDITOR_EXTENSIONS}, preset="configurable"
            ),
            "topics": forms.CheckboxSelectMultiple,
        }


class TestSendForm(forms.Form):
    addresses = forms.MultipleChoiceField(
        label=_("Send a test to"), choices=(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        User = get_user_model()
        staff = (
            User.objects.filter(is_staff=True, is_active=True)
            .exclude(email="")
            .order_by("email")
            .values_list("email", flat=True)
            .distinct()
        )
        self.fields["addresses"].choices = [(address, address) for address in staff]


class CampaignScheduleForm(forms.Form):
    send_at = forms.DateTimeField(
        label=_("Send at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )

    def clean_send_at(self):
        value = self.cleaned_data["send_at"]
        if value <= timezone.now():
            raise forms.ValidationError(_("Choose a time in the future."))
        return value


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    form = CampaignAdminForm
    list_display = ["subject", "kind", "status", "scheduled_at", "sent_at", "created_at"]
    list_filter = ["status", "kind"]
    search_fields = ["subject"]
    readonly_fields = ["kind", "article", "status", "scheduled_at", "started_at", "sent_at"]
    fieldsets = [
        (None, {"fields": ["subject", "preheader", "body"]}),
        (_("Audience"), {"fields": ["interests", "topics", "languages"]}),
        (_("Sending"), {"fields": readonly_fields}),
    ]
    change_form_template = "admin/newsletter/campaign/change_form.html"
    change_list_template = "admin/newsletter/campaign/change_list.html"

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_draft_digest": self.has_add_permission(request),
        }
        return super().changelist_view(request, extra_context)

    def draft_digest_view(self, request):
        from newsletter.drafting import draft_digests

        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_add_permission(request):
            raise PermissionDenied
        drafts = draft_digests(by=request.user)
        if drafts:
            self.message_user(
                request,
                ngettext(
                    "Drafted %(count)d digest: read it, edit it and send it.",
                    "Drafted %(count)d digests, one per language: read, edit and send each.",
                    len(drafts),
                )
                % {"count": len(drafts)},
                messages.SUCCESS,
            )
        else:
            messages.info(request, _("No brief was published since the last digest."))
        if len(drafts) == 1:
            return HttpResponseRedirect(
                reverse("admin:newsletter_campaign_change", args=[drafts[0].pk])
            )
        return HttpResponseRedirect(reverse("admin:newsletter_campaign_changelist"))

    def render_change_form(self, request, context, *args, **kwargs):
        # The body editor loads through an import map, an inline script: it carries
        # this response's CSP nonce (as on the brief's change page).
        context["media"] = Media.from_media(context["media"], nonce=str(request.csp_nonce))
        return super().render_change_form(request, context, *args, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and not obj.is_editable:
            # Once sending has started, the email is what was sent: it cannot change.
            return [
                *self.readonly_fields,
                "subject",
                "preheader",
                "body",
                "interests",
                "topics",
                "languages",
            ]
        return self.readonly_fields

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not obj.is_editable:
            return False
        return super().has_delete_permission(request, obj)

    def _can_send(self, request) -> bool:
        return request.user.has_perm("newsletter.send_campaign")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        campaign = self.get_object(request, unquote(object_id))
        extra_context = dict(extra_context or {})
        if campaign is not None:
            extra_context["campaign_panel"] = {
                "audience_count": campaign.audience().count() if campaign.is_editable else None,
                "stats": sending.stats(campaign) if not campaign.is_editable else None,
                "can_send": self._can_send(request) and campaign.is_editable,
                "test_form": TestSendForm(),
                "schedule_form": CampaignScheduleForm(),
                "preview_url": reverse("admin:newsletter_campaign_preview", args=[campaign.pk]),
                "preview_text_url": reverse(
                    "admin:newsletter_campaign_preview_text", args=[campaign.pk]
                ),
                "test_url": reverse("admin:newsletter_campaign_test", args=[campaign.pk]),
                "send_url": reverse("admin:newsletter_campaign_send", args=[campaign.pk]),
                "schedule_url": reverse("admin:newsletter_campaign_schedule", args=[campaign.pk]),
                "deliveries_url": reverse("admin:newsletter_delivery_changelist")
                + f"?campaign__id__exact={campaign.pk}",
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "draft-digest/",
                wrap(self.draft_digest_view),
                name="newsletter_campaign_draft_digest",
            ),
            path(
                "<path:object_id>/preview/",
                wrap(self.preview_view),
                name="newsletter_campaign_preview",
            ),
            path(
                "<path:object_id>/preview.txt",
                wrap(self.preview_view),
                {"as_text": True},
                name="newsletter_campaign_preview_text",
            ),
            path("<path:object_id>/test/", wrap(self.test_view), name="newsletter_campaign_test"),
            path("<path:object_id>/send/", wrap(self.send_view), name="newsletter_campaign_send"),
            path(
                "<path:object_id>/schedule/",
                wrap(self.schedule_view),
                name="newsletter_campaign_schedule",
            ),
            *super().get_urls(),
        ]

    def _campaign_or_404(self, request, object_id, *, send=False) -> Campaign:
        campaign = self.get_object(request, unquote(object_id))
        if campaign is None:
            raise Http404(_("No campaign with that ID."))
        if not self.has_view_permission(request, campaign):
            raise PermissionDenied
        if send and not self._can_send(request):
            raise PermissionDenied
        return campaign

    def _back(self, campaign):
        return HttpResponseRedirect(reverse("admin:newsletter_campaign_change", args=[campaign.pk]))

    def preview_view(self, request, object_id, as_text=False):
        """The email exactly as a subscriber gets it, with links that lead nowhere."""
        if request.method not in {"GET", "HEAD"}:
            return HttpResponseNotAllowed(["GET", "HEAD"])
        campaign = self._campaign_or_404(request, object_id)
        reader = Subscriber(pk=0, email=request.user.email or "reader@example.org")
        message = emails.campaign_message(
            campaign, subscriber=reader, base_url=emails.site_url(request)
        )
        if as_text:
            response = HttpResponse(message.body, content_type="text/plain; charset=utf-8")
        else:
            response = HttpResponse(
                message.alternatives[0][0], content_type="text/html; charset=utf-8"
            )
        # Email HTML needs its inline styles; nothing else may run or load.
        response["Content-Security-Policy"] = (
            "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src https: data:"
        )
        response["X-Frame-Options"] = "DENY"
        return response

    def test_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        campaign = self._campaign_or_404(request, object_id)
        form = TestSendForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose at least one staff address to send the test to."))
            return self._back(campaign)
        addresses = form.cleaned_data["addresses"]
        enqueue_on_commit(
            tasks.send_campaign_test, campaign.pk, addresses, emails.site_url(request)
        )
        self.message_user(
            request,
            ngettext(
                "A test is on its way to %(count)d address.",
                "A test is on its way to %(count)d addresses.",
                len(addresses),
            )
            % {"count": len(addresses)},
            messages.SUCCESS,
        )
        return self._back(campaign)

    def send_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        campaign = self._campaign_or_404(request, object_id, send=True)
        if not campaign.is_editable:
            messages.warning(request, _("This campaign was already sent or is sending."))
            return self._back(campaign)
        try:
            sending.check_sendable(campaign)
        except sending.CampaignRefused as error:
            messages.error(request, _("Not sent: %(reason)s") % {"reason": error})
            return self._back(campaign)
        # Freezing a large list takes a while: the worker does it, not this request.
        count = campaign.audience().count()
        enqueue_on_commit(tasks.start_campaign, campaign.pk)
        self.message_user(
            request,
            _("Sending to %(count)d subscribers has started.") % {"count": count},
            messages.SUCCESS,
        )
        return self._back(campaign)

    def schedule_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        campaign = self._campaign_or_404(request, object_id, send=True)
        if not campaign.is_editable:
            messages.warning(request, _("This campaign was already sent or is sending."))
            return self._back(campaign)
        form = CampaignScheduleForm(request.POST)
        if not form.is_valid():
            for error in form.errors.get("send_at", []):
                messages.error(request, error)
            return self._back(campaign)
        try:
            sending.check_sendable(campaign)
        except sending.CampaignRefused as error:
            messages.error(request, _("Not scheduled: %(reason)s") % {"reason": error})
            return self._back(campaign)
        campaign.schedule(form.cleaned_data["send_at"])
        self.message_user(
            request,
            _("Scheduled for %(when)s.")
            % {"when": date_format(timezone.localtime(campaign.scheduled_at), "DATETIME_FORMAT")},
            messages.SUCCESS,
        )
        return self._back(campaign)


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    """The per-recipient table of a campaign: read only."""

    list_display = ["email", "campaign", "status", "language", "attempts", "sent_at", "last_error"]
    list_filter = ["status", "campaign"]
    search_fields = ["email"]
    list_select_related = ["campaign"]
    list_per_page = 100

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
