from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from experts.models import Expert, SpokenLanguage


class SpokenLanguageInline(admin.TabularInline):
    model = SpokenLanguage
    extra = 1
    verbose_name = _("language spoken")


@admin.register(Expert)
class ExpertAdmin(admin.ModelAdmin):
    list_display = ["author", "is_listed", "is_available_for_media", "media_email"]
    list_filter = ["is_listed", "is_available_for_media", "topics"]
    list_select_related = ["author"]
    search_fields = ["author__name", "keywords"]
    autocomplete_fields = ["author", "topics"]
    inlines = [SpokenLanguageInline]
    fieldsets = [
        (None, {"fields": ["author", "is_listed"]}),
        (_("Expertise"), {"fields": ["topics", "keywords"]}),
        (
            _("Media"),
            {"fields": ["is_available_for_media", "media_email", "media_phone", "photo_credit"]},
        ),
    ]
