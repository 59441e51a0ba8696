"""The briefs' admin: topics, authors, briefs (with workflow and history), old addresses."""

from django.contrib import admin
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from js_asset import Media

from articles.admin.forms import ArticleAdminForm, AuthorshipInlineFormSet
from articles.admin.history import HistoryMixin
from articles.admin.translations import MissingTranslationFilter, TranslationsMixin
from articles.admin.workflow_panel import WorkflowPanelMixin, status_label
from articles.editorial import workflow
from articles.models import Article, Author, Authorship, Category, RelatedLink, SlugRedirect


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


@admin.register(SlugRedirect)
class SlugRedirectAdmin(admin.ModelAdmin):
    list_display = ["old_slug", "article", "created_at"]
    list_select_related = ["article"]
    search_fields = ["old_slug", "article__title"]
    readonly_fields = ["old_slug", "article", "created_at"]

    def has_add_permission(self, request):
        return False
