from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Author, Authorship, Category, RelatedLink


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "role", "affiliation"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "role", "affiliation"]
    autocomplete_fields = ["user"]


class AuthorshipInline(admin.TabularInline):
    model = Authorship
    extra = 0
    autocomplete_fields = ["author"]
    verbose_name = _("author")


class RelatedLinkInline(admin.StackedInline):
    model = RelatedLink
    extra = 0
    fields = [("title", "url"), ("source", "order"), "note"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "category", "published_at", "updated_at"]
    list_filter = ["status", "category"]
    search_fields = ["title", "summary"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["category", "related_articles"]
    inlines = [AuthorshipInline, RelatedLinkInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "category", "summary", "body", "tags"]}),
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
        (_("Publishing"), {"fields": ["status", "published_at", "is_featured"]}),
        (_("Related briefs"), {"fields": ["related_articles"]}),
        (
            _("Search engines"),
            {"fields": ["seo_title", "seo_description"], "classes": ["collapse"]},
        ),
    ]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
