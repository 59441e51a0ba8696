"""The briefs' admin: topics, authors, briefs (with workflow and history), old addresses."""

from django.contrib import admin, messages
from django.db.models import Prefetch
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from js_asset import Media

from articles import pdf
from articles.admin.forms import ArticleAdminForm, AuthorshipInlineFormSet
from articles.admin.history import HistoryMixin
from articles.admin.translations import MissingTranslationFilter, TranslationsMixin
from articles.admin.workflow_panel import WorkflowPanelMixin, status_label
from articles.editorial import workflow
from articles.models import (
    Article,
    Author,
    Authorship,
    Category,
    PdfEdition,
    RelatedLink,
    Series,
    SlugRedirect,
)
from articles.tasks import render_brief_pdf
from pagecache import version


def warn_if_pdfs_are_off(request) -> None:
    """Staff see why briefs have no PDF edition on this server."""
    if reason := pdf.unavailable_reason():
        messages.warning(
            request,
            _("PDF editions are off on this server, so briefs show no PDF link: %(reason)s")
            % {"reason": reason},
        )


@admin.register(Series)
class SeriesAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(PdfEdition)
class PdfEditionAdmin(admin.ModelAdmin):
    list_display = ["article", "source", "page_count", "file_size", "generated_at"]
    list_select_related = ["article"]
    search_fields = ["article__title", "article__slug"]
    autocomplete_fields = ["article"]
    fields = [
        "article",
        "designed",
        "generated",
        "generated_version",
        "generated_pages",
        "generated_size",
        "generated_at",
    ]
    readonly_fields = [
        "generated",
        "generated_version",
        "generated_pages",
        "generated_size",
        "generated_at",
    ]
    actions = ["make_again"]

    @admin.display(description=_("served"))
    def source(self, edition):
        if edition.designed:
            return _("Designed PDF")
        return _("Generated") if edition.generated else _("Not made yet")

    @admin.display(description=_("pages"))
    def page_count(self, edition):
        return edition.pages or "—"

    @admin.display(description=_("size"))
    def file_size(self, edition):
        return filesizeformat(edition.size) if edition.size else "—"

    @admin.action(description=_("Make the generated PDF again"))
    def make_again(self, request, queryset):
        ids = list(queryset.values_list("article_id", flat=True))
        queryset.update(generated_version=None)
        for article_id in ids:
            render_brief_pdf.enqueue(article_id)
        self.message_user(request, _("%(count)d PDFs will be made again.") % {"count": len(ids)})

    def changelist_view(self, request, extra_context=None):
        warn_if_pdfs_are_off(request)
        return super().changelist_view(request, extra_context)

    def changeform_view(self, request, *args, **kwargs):
        if request.method == "GET":
            warn_if_pdfs_are_off(request)
        return super().changeform_view(request, *args, **kwargs)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "designed" in form.changed_data:
            # The brief page shows the served PDF's pages and size.
            version.invalidate()


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "name_es", "name_pt", "slug", "order"]
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


@admin.register(Article)
class ArticleAdmin(TranslationsMixin, WorkflowPanelMixin, HistoryMixin, admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = [
        "title",
        "state",
        "language",
        "translation_state",
        "byline",
        "category",
        "updated_at",
        "published_at",
    ]
    list_filter = [StatusFilter, "language", MissingTranslationFilter, "category", "authors"]
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
            {
                "fields": [
                    "title",
                    "slug",
                    "language",
                    "category",
                    "summary",
                    "body",
                    "tags",
                    "lock_version",
                ]
            },
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
        (
            _("Series and identifiers"),
            {"fields": ["series", "series_label", "doi"]},
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

    def view_on_site(self, obj):
        # A brief not yet (or no longer) public has no page on the site to view.
        return obj.get_absolute_url() if obj.is_public else None

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not workflow.is_editor(request.user):
            readonly += ["published_at", "is_featured"]
        readonly.append("series_label")
        if obj is not None and obj.series_number is not None:
            readonly.append("series")  # its number is already cited
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
        if request.method == "GET":
            warn_if_pdfs_are_off(request)
        return super().render_change_form(request, context, *args, **kwargs)


@admin.register(SlugRedirect)
class SlugRedirectAdmin(admin.ModelAdmin):
    list_display = ["old_slug", "article", "created_at"]
    list_select_related = ["article"]
    search_fields = ["old_slug", "article__title"]
    readonly_fields = ["old_slug", "article", "created_at"]

    def has_add_permission(self, request):
        return False
