import difflib
import re

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.forms.models import BaseInlineFormSet
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_prose_editor.widgets import AdminProseEditorWidget
from js_asset import Media

from articles import workflow
from articles.models import Article, Author, Authorship, Category, RelatedLink, SlugRedirect
from articles.previews import create_preview_link
from articles.workflow import Transition

# The rich-text editor offers exactly the structures articles/sanitize.py keeps
# (tests/articles/test_admin.py holds the two lists together); images and
# captions come from the hero image field, not the body.
EDITOR_EXTENSIONS = {
    "Heading": {"levels": [2, 3, 4]},
    "Bold": True,
    "Italic": True,
    "Subscript": True,
    "Superscript": True,
    "Code": True,
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "HorizontalRule": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
}

PUBLISHING = {Transition.PUBLISH, Transition.SCHEDULE}
# What restoring an earlier version brings back; state and address stay as they are.
RESTORED_FIELDS = ["title", "summary", "body", "seo_title", "seo_description"]
HISTORY_LIMIT = 200


def display_name(user) -> str:
    if user is None:
        return gettext("someone")
    return user.get_full_name() or user.get_username()


def local_datetime(value) -> str:
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "role", "affiliation", "user"]
    list_select_related = ["user"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "role", "affiliation"]
    autocomplete_fields = ["user"]


class AuthorshipInlineFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        if getattr(self.instance, "_workflow_transition", None) not in PUBLISHING:
            return
        kept = [
            form
            for form in self.forms
            if getattr(form, "cleaned_data", None)
            and form.cleaned_data.get("author")
            and not form.cleaned_data.get("DELETE")
        ]
        if not kept:
            raise ValidationError(str(workflow.NO_AUTHOR))


class AuthorshipInline(admin.TabularInline):
    model = Authorship
    formset = AuthorshipInlineFormSet
    extra = 0
    autocomplete_fields = ["author"]
    verbose_name = _("author")


class RelatedLinkInline(admin.StackedInline):
    model = RelatedLink
    extra = 0
    fields = [("title", "url"), ("source", "order"), "note"]


class ArticleAdminForm(forms.ModelForm):
    """The brief's change form: optimistic locking and workflow rules on save."""

    lock_version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    # Set per request by ArticleAdmin.get_form().
    current_user = None

    class Meta:
        model = Article
        fields = "__all__"  # noqa: DJ007 - ArticleAdmin.fieldsets choose the fields
        widgets = {
            "body": AdminProseEditorWidget(
                config={"extensions": EDITOR_EXTENSIONS}, preset="configurable"
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.transition = None
        if self.instance.pk is not None:
            self.fields["lock_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        self._check_version()
        self._check_transition(cleaned)
        return cleaned

    def _check_version(self):
        """Refuse to overwrite a save made after this form was opened."""
        if self.instance.pk is None:
            return
        current = (
            Article.objects.select_for_update()
            .filter(pk=self.instance.pk)
            .values("version", "updated_at", "updated_by")
            .first()
        )
        if current is None:
            return
        submitted = self.cleaned_data.get("lock_version")
        if submitted == current["version"]:
            return
        from django.contrib.auth import get_user_model

        who = get_user_model().objects.filter(pk=current["updated_by"]).first()
        # Saving again on purpose replaces their version with this one.
        self.data = self.data.copy()
        self.data[self.add_prefix("lock_version")] = current["version"]
        raise ValidationError(
            gettext(
                "Not saved: %(who)s saved this brief at %(when)s, after you opened it. "
                "Your input is kept below. Compare with their version (open the brief in "
                "another tab), then save again to replace it with yours."
            )
            % {"who": display_name(who), "when": local_datetime(current["updated_at"])},
            code="stale",
        )

    def _check_transition(self, cleaned):
        if "status" not in cleaned:
            return
        published_at = cleaned.get("published_at", self.instance.published_at)
        try:
            transition = workflow.transition_for_change(
                self.instance, cleaned["status"], published_at
            )
            if transition is not None:
                if self.instance.pk is None:
                    # A new brief starts as a draft; its first state is a transition.
                    self.instance.status = Article.Status.DRAFT
                workflow.check(self.current_user, self.instance, transition, at=published_at)
        except workflow.WorkflowError as error:
            self.add_error("status", error.messages)
            return
        self.transition = transition
        self.instance._workflow_transition = transition

    def _post_clean(self):
        super()._post_clean()
        if self.transition in PUBLISHING:
            for problem in workflow.field_problems(self.instance):
                self.add_error(None, problem)


class StatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("draft", _("Draft")),
            ("review", _("In review")),
            ("scheduled", _("Scheduled")),
            ("live", _("Published")),
            ("archived", _("Archived")),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "scheduled":
            return queryset.filter(pk__in=Article.objects.scheduled().values("pk"))
        if value == "live":
            return queryset.filter(pk__in=Article.objects.published().values("pk"))
        if value in {"draft", "review", "archived"}:
            return queryset.filter(status=value)
        return queryset


def status_label(article: Article) -> str:
    if article.is_scheduled:
        return gettext("Scheduled")
    return article.get_status_display()


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = ["title", "state", "byline", "category", "updated_at", "published_at"]
    list_filter = [StatusFilter, "category", "authors"]
    list_select_related = ["category"]
    search_fields = ["title", "summary", "slug", "authors__name"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["category", "related_articles"]
    inlines = [AuthorshipInline, RelatedLinkInline]
    actions = ["submit_selected", "publish_selected", "unpublish_selected", "archive_selected"]
    fieldsets = [
        (
            None,
            {"fields": ["title", "slug", "category", "summary", "body", "tags", "lock_version"]},
        ),
        (
            _("Hero image"),
            {
                "fields": [
                    "hero_image",
                    "hero_alt",
                    "hero_credit",
                    "hero_credit_url",
                    "hero_licence",
                ]
            },
        ),
        (
            _("Publishing"),
            {"fields": ["status", "published_at", "is_featured", "is_shared"]},
        ),
        (_("Related briefs"), {"fields": ["related_articles"]}),
        (
            _("Search engines"),
            {"fields": ["seo_title", "seo_description"], "classes": ["collapse"]},
        ),
    ]

    # --- Lists ---

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                Prefetch(
                    "authorships",
                    queryset=Authorship.objects.select_related("author").order_by("order", "pk"),
                )
            )
        )

    @admin.display(description=_("status"), ordering="status")
    def state(self, article):
        return status_label(article)

    @admin.display(description=_("authors"))
    def byline(self, article):
        return ", ".join(authorship.author.name for authorship in article.authorships.all())

    # --- Permissions ---

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if not allowed or obj is None:
            return allowed
        return workflow.can_edit(request.user, obj)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not workflow.is_editor(request.user):
            readonly += ["published_at", "is_featured"]
        return readonly

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.current_user = request.user
        return form

    # --- Saving ---

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        transition = getattr(form, "transition", None)
        if transition is not None:
            workflow.apply(obj, transition, by=request.user, at=obj.published_at)
        super().save_model(request, obj, form, change)
        if transition is not None:
            workflow.announce(obj, transition, by=request.user)

    # --- Change page ---

    def render_change_form(self, request, context, *args, **kwargs):
        # The editor loads as JavaScript modules through an import map, an
        # inline script: it carries this response's CSP nonce.
        context["media"] = Media.from_media(context["media"], nonce=str(request.csp_nonce))
        return super().render_change_form(request, context, *args, **kwargs)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = dict(extra_context or {})
        article = self.get_object(request, unquote(object_id))
        if article is not None and self.has_view_permission(request, article):
            extra_context.update(self._workflow_context(request, article))
        return super().change_view(request, object_id, form_url, extra_context)

    def _workflow_context(self, request, article) -> dict:
        user = request.user
        offered = workflow.available(user, article)
        links = list(article.preview_links.select_related("created_by")[:20])
        return {
            "workflow": {
                "article": article,
                "status_label": status_label(article),
                "transitions": [
                    {
                        "name": transition.value,
                        "label": transition.label,
                        "url": reverse(
                            "admin:articles_article_transition", args=[article.pk, transition.value]
                        ),
                    }
                    for transition in offered
                ],
                "preview_url": reverse("articles:preview", args=[article.pk]),
                "can_share": workflow.can_edit(user, article),
                "share_url": reverse("admin:articles_article_share", args=[article.pk]),
                "links": [
                    {
                        "link": link,
                        "url": request.build_absolute_uri(link.get_absolute_url()),
                        "revoke_url": reverse(
                            "admin:articles_article_revoke", args=[article.pk, link.pk]
                        ),
                        "is_active": not link.is_revoked and not link.is_expired,
                    }
                    for link in links
                ],
                "updated_by": display_name(article.updated_by) if article.updated_by_id else "",
            }
        }

    # --- Extra admin pages ---

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("queue/", wrap(self.queue_view), name="articles_article_queue"),
            path(
                "<path:object_id>/transition/<str:name>/",
                wrap(self.transition_view),
                name="articles_article_transition",
            ),
            path("<path:object_id>/share/", wrap(self.share_view), name="articles_article_share"),
            path(
                "<path:object_id>/share/<int:link_id>/revoke/",
                wrap(self.revoke_view),
                name="articles_article_revoke",
            ),
            path(
                "<path:object_id>/history/compare/",
                wrap(self.compare_view),
                name="articles_article_compare",
            ),
            path(
                "<path:object_id>/history/<int:history_id>/restore/",
                wrap(self.restore_view),
                name="articles_article_restore",
            ),
            *super().get_urls(),
        ]

    def _article_or_404(self, request, object_id) -> Article:
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404(gettext("No brief with that ID."))
        if not self.has_view_permission(request, article):
            raise PermissionDenied
        return article

    def _change_url(self, article) -> str:
        return reverse("admin:articles_article_change", args=[article.pk])

    def refused(self, request, reasons, *, article=None, status=403):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Not allowed"),
            "reasons": reasons,
            "article": article,
            "back_url": self._change_url(article)
            if article
            else reverse("admin:articles_article_changelist"),
        }
        return TemplateResponse(
            request, "admin/articles/article/refused.html", context, status=status
        )

    def transition_view(self, request, object_id, name):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article_or_404(request, object_id)
        if name not in Transition.values:
            raise Http404(gettext("No such step."))
        transition = Transition(name)
        at = None
        if transition == Transition.SCHEDULE:
            form = ScheduleForm(request.POST)
            if not form.is_valid():
                for errors in form.errors.values():
                    for error in errors:
                        messages.error(request, error)
                return HttpResponseRedirect(self._change_url(article))
            at = form.cleaned_data["publish_at"]
        try:
            workflow.perform(
                article,
                transition,
                by=request.user,
                at=at,
                reason=request.POST.get("reason", ""),
            )
        except workflow.NotAllowed as error:
            return self.refused(request, error.messages, article=article)
        except workflow.WorkflowError as error:
            for message in error.messages:
                messages.error(request, message)
            return HttpResponseRedirect(self._change_url(article))
        self.log_change(request, article, str(workflow.HISTORY_NOTE[transition]))
        messages.success(request, transition_done_message(article, transition))
        return HttpResponseRedirect(self._change_url(article))

    def share_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article_or_404(request, object_id)
        if not workflow.can_edit(request.user, article):
            return self.refused(
                request,
                [gettext("You can share previews only of briefs you may edit.")],
                article=article,
            )
        link = create_preview_link(article, by=request.user, note=request.POST.get("note", ""))
        messages.success(
            request,
            gettext("Preview link created; it works until %(when)s: %(url)s")
            % {
                "when": local_datetime(link.expires_at),
                "url": request.build_absolute_uri(link.get_absolute_url()),
            },
        )
        return HttpResponseRedirect(self._change_url(article) + "#preview-links")

    def revoke_view(self, request, object_id, link_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article_or_404(request, object_id)
        link = article.preview_links.filter(pk=link_id).first()
        if link is None:
            raise Http404(gettext("No such preview link."))
        if not (workflow.is_editor(request.user) or link.created_by_id == request.user.pk):
            return self.refused(
                request,
                [gettext("Only an editor or the person who shared the link can revoke it.")],
                article=article,
            )
        link.revoke()
        messages.success(request, gettext("The preview link no longer works."))
        return HttpResponseRedirect(self._change_url(article) + "#preview-links")

    # --- History ---

    def history_view(self, request, object_id, extra_context=None):
        article = self._article_or_404(request, object_id)
        records = list(
            article.history.select_related("history_user").order_by("-history_date", "-history_id")[
                :HISTORY_LIMIT
            ]
        )
        can_restore = self.has_change_permission(request, article)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("History: %(title)s") % {"title": article.title},
            "article": article,
            "records": [
                {
                    "record": record,
                    "who": display_name(record.history_user) if record.history_user_id else "",
                    "what": record.history_change_reason
                    or {"+": gettext("Created"), "~": gettext("Edited"), "-": gettext("Deleted")}[
                        record.history_type
                    ],
                    "status": Article.Status(record.status).label
                    if record.status in Article.Status.values
                    else record.status,
                    "restore_url": reverse(
                        "admin:articles_article_restore", args=[article.pk, record.history_id]
                    )
                    if can_restore and index > 0
                    else "",
                }
                for index, record in enumerate(records)
            ],
            "compare_url": reverse("admin:articles_article_compare", args=[article.pk]),
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/articles/article/history.html", context)

    def compare_view(self, request, object_id):
        article = self._article_or_404(request, object_id)
        versions = article.history.select_related("history_user")
        try:
            older = versions.get(history_id=int(request.GET.get("from", "")))
            newer = versions.get(history_id=int(request.GET.get("to", "")))
        except (ValueError, Article.history.model.DoesNotExist):
            messages.error(request, gettext("Choose two versions of this brief to compare."))
            return HttpResponseRedirect(
                reverse("admin:articles_article_history", args=[article.pk])
            )
        if (older.history_date, older.history_id) > (newer.history_date, newer.history_id):
            older, newer = newer, older
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Changes to %(title)s") % {"title": article.title},
            "article": article,
            "older": older,
            "newer": newer,
            "diffs": version_diffs(older, newer),
            "history_url": reverse("admin:articles_article_history", args=[article.pk]),
        }
        return TemplateResponse(request, "admin/articles/article/compare.html", context)

    def restore_view(self, request, object_id, history_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article_or_404(request, object_id)
        if not self.has_change_permission(request, article):
            return self.refused(
                request,
                [gettext("You may not edit this brief, so you cannot restore it.")],
                article=article,
            )
        record = article.history.filter(history_id=history_id).first()
        if record is None:
            raise Http404(gettext("No such version of this brief."))
        with transaction.atomic():
            article = Article.objects.select_for_update().get(pk=article.pk)
            for field in RESTORED_FIELDS:
                setattr(article, field, getattr(record, field))
            article.updated_by = request.user
            article._history_user = request.user
            article._change_reason = gettext("Restored the version of %(when)s") % {
                "when": local_datetime(record.history_date)
            }
            article.save()
        self.log_change(request, article, article._change_reason)
        messages.success(
            request,
            gettext("Restored the title, summary and body of %(when)s as a new version.")
            % {"when": local_datetime(record.history_date)},
        )
        return HttpResponseRedirect(self._change_url(article))

    # --- Scheduled and in review ---

    def queue_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        cards = Article.objects.select_related("category", "updated_by").prefetch_related(
            Prefetch(
                "authorships",
                queryset=Authorship.objects.select_related("author").order_by("order", "pk"),
            )
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Scheduled and in review"),
            "scheduled": list(cards.scheduled()),
            "in_review": list(cards.in_review()),
        }
        return TemplateResponse(request, "admin/articles/article/queue.html", context)

    # --- Actions ---

    def get_actions(self, request):
        actions = super().get_actions(request)
        for name, transition in ACTION_TRANSITIONS.items():
            if name in actions and not request.user.has_perm(workflow.PERMISSION[transition]):
                del actions[name]
        return actions

    def changelist_view(self, request, extra_context=None):
        action = request.POST.get("action") if request.method == "POST" else None
        if action in ACTION_TRANSITIONS and action not in self.get_actions(request):
            return self.refused(request, [str(workflow.NOT_PERMITTED[ACTION_TRANSITIONS[action]])])
        return super().changelist_view(request, extra_context)

    def _act(self, request, queryset, transition):
        done, refusals = 0, []
        for article in queryset:
            try:
                workflow.perform(article, transition, by=request.user)
            except workflow.WorkflowError as error:
                refusals.append((article, error))
                continue
            self.log_change(request, article, str(workflow.HISTORY_NOTE[transition]))
            done += 1
        if done:
            messages.success(
                request,
                gettext("%(action)s: %(count)d brief(s).")
                % {"action": transition.label, "count": done},
            )
        for article, error in refusals:
            messages.error(
                request,
                format_html("“{}”: {}", article.title, " ".join(error.messages)),
            )
        if (
            refusals
            and not done
            and all(isinstance(error, workflow.NotAllowed) for _article, error in refusals)
        ):
            return self.refused(
                request,
                [f"“{article.title}”: {' '.join(error.messages)}" for article, error in refusals],
            )
        return None

    @admin.action(description=_("Submit the selected drafts for review"))
    def submit_selected(self, request, queryset):
        return self._act(request, queryset, Transition.SUBMIT)

    @admin.action(description=_("Publish the selected briefs now"))
    def publish_selected(self, request, queryset):
        return self._act(request, queryset, Transition.PUBLISH)

    @admin.action(description=_("Unpublish the selected briefs"))
    def unpublish_selected(self, request, queryset):
        return self._act(request, queryset, Transition.UNPUBLISH)

    @admin.action(description=_("Archive the selected briefs"))
    def archive_selected(self, request, queryset):
        return self._act(request, queryset, Transition.ARCHIVE)


ACTION_TRANSITIONS = {
    "submit_selected": Transition.SUBMIT,
    "publish_selected": Transition.PUBLISH,
    "unpublish_selected": Transition.UNPUBLISH,
    "archive_selected": Transition.ARCHIVE,
}


class ScheduleForm(forms.Form):
    publish_at = forms.DateTimeField(
        label=_("Publish at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        error_messages={
            "required": _("Choose the date and time to publish the brief."),
            "invalid": _("Enter the publish time as a date and a time."),
        },
    )


def transition_done_message(article: Article, transition: Transition) -> str:
    if transition == Transition.SCHEDULE:
        return gettext("Scheduled: “%(title)s” goes live at %(when)s.") % {
            "title": article.title,
            "when": local_datetime(article.published_at),
        }
    messages_by_transition = {
        Transition.SUBMIT: gettext("Submitted for review: the editors have been told."),
        Transition.REQUEST_CHANGES: gettext("Sent back to draft; the writers have your reason."),
        Transition.PUBLISH: gettext("Published: the brief is live."),
        Transition.UNPUBLISH: gettext("Unpublished: the brief is a draft again."),
        Transition.ARCHIVE: gettext("Archived."),
    }
    return messages_by_transition[transition]


_BLOCK_END = re.compile(r"(</(?:p|h2|h3|h4|li|blockquote|tr|table|ul|ol|figure)>|<br>|<hr>)")


def _lines(field: str, value: str) -> list[str]:
    value = value or ""
    if field == "body":
        return [
            line.strip() for line in _BLOCK_END.sub(r"\1\n", value).splitlines() if line.strip()
        ]
    return value.splitlines() or [""]


def version_diffs(older, newer) -> list[dict]:
    """Side-by-side diffs of the title, summary and body (difflib escapes the text)."""
    differ = difflib.HtmlDiff(wrapcolumn=70)
    diffs = []
    for field, label in (("title", _("Title")), ("summary", _("Summary")), ("body", _("Body"))):
        before, after = getattr(older, field) or "", getattr(newer, field) or ""
        diffs.append(
            {
                "label": label,
                "changed": before != after,
                "table": mark_safe(  # noqa: S308 - HtmlDiff escapes &, < and > in the text
                    differ.make_table(
                        _lines(field, before),
                        _lines(field, after),
                        fromdesc=gettext("Version %(n)s") % {"n": older.version},
                        todesc=gettext("Version %(n)s") % {"n": newer.version},
                        context=True,
                        numlines=2,
                    )
                )
                if before != after
                else "",
            }
        )
    return diffs


@admin.register(SlugRedirect)
class SlugRedirectAdmin(admin.ModelAdmin):
    list_display = ["old_slug", "article", "created_at"]
    list_select_related = ["article"]
    search_fields = ["old_slug", "article__title"]
    readonly_fields = ["old_slug", "article", "created_at"]

    def has_add_permission(self, request):
        return False
