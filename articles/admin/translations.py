"""
The brief admin's languages: the Translate buttons, the "original updated since" flag
with what changed, and the list's language columns and filters.
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.db import IntegrityError
from django.db.models import F
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles.admin.history import version_diffs
from articles.admin.workflow_panel import BriefPagesMixin
from articles.editorial import workflow
from articles.models import Article, Language


class MissingTranslationFilter(admin.SimpleListFilter):
    title = _("translation")
    parameter_name = "translation"

    def lookups(self, request, model_admin):
        return [
            ("outdated", _("Original updated since")),
            *(
                (f"missing-{code}", _("No version in %(language)s") % {"language": name})
                for code, name in Language.choices
            ),
        ]

    def queryset(self, request, queryset):
        value = self.value() or ""
        if value == "outdated":
            return queryset.outdated()
        code = value.removeprefix("missing-")
        if value.startswith("missing-") and code in Language.values:
            return queryset.missing_translation(code)
        return queryset


def original_changes(translation: Article) -> list[dict] | None:
    """
    What changed in the original since the translation was last checked against it: the
    diffs of its title, summary and body, or None when nothing is known to have changed.
    """
    original = translation.translated_from
    if original is None or not translation.is_outdated:
        return None
    checked = (
        original.history.filter(history_date__lte=translation.source_synced_at)
        .order_by("-history_date", "-history_id")
        .first()
        if translation.source_synced_at
        else None
    )
    if checked is None:
        checked = original.history.order_by("history_date", "history_id").first()
    if checked is None:
        return None
    return version_diffs(checked, original)


class TranslationsMixin(BriefPagesMixin):
    """Translate, mark up to date, and the translations panel on the change page."""

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/translate/<str:language>/",
                wrap(self.translate_view),
                name="articles_article_translate",
            ),
            path(
                "<path:object_id>/up-to-date/",
                wrap(self.up_to_date_view),
                name="articles_article_up_to_date",
            ),
            *super().get_urls(),
        ]

    def get_queryset(self, request):
        # The list's flag reads the original's last text change through one join.
        return (
            super()
            .get_queryset(request)
            .annotate(original_changed_at=F("translated_from__content_changed_at"))
        )

    @admin.display(description=_("translation"))
    def translation_state(self, article):
        changed = getattr(article, "original_changed_at", None)
        if article.translated_from_id is None or changed is None:
            return ""
        if article.source_synced_at is None or changed > article.source_synced_at:
            return gettext("Original updated since")
        return gettext("Up to date")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = dict(extra_context or {})
        article = self.get_object(request, unquote(object_id))
        if article is not None and self.has_view_permission(request, article):
            extra_context["languages_panel"] = self._languages_context(request, article)
        return super().change_view(request, object_id, form_url, extra_context)

    def _languages_context(self, request, article) -> dict:
        versions = {
            brief.language: brief
            for brief in Article.objects.filter(translation_key=article.translation_key).only(
                "pk", "title", "language", "status"
            )
        }
        can_add = self.has_add_permission(request)
        languages = []
        for code, name in Language.choices:
            if code == article.language:
                continue
            version = versions.get(code)
            languages.append(
                {
                    "code": code,
                    "name": name,
                    "version": version,
                    "change_url": reverse("admin:articles_article_change", args=[version.pk])
                    if version
                    else "",
                    "translate_url": reverse(
                        "admin:articles_article_translate", args=[article.pk, code]
                    )
                    if can_add and not version
                    else "",
                }
            )
        original = article.translated_from
        return {
            "languages": languages,
            "original": original,
            "original_url": reverse("admin:articles_article_change", args=[original.pk])
            if original
            else "",
            "is_outdated": article.is_outdated,
            "changes": original_changes(article),
            "up_to_date_url": reverse("admin:articles_article_up_to_date", args=[article.pk])
            if workflow.is_editor(request.user)
            else "",
        }

    def translate_view(self, request, object_id, language):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article_or_404(request, object_id)
        if language not in Language.values or language == article.language:
            raise Http404(gettext("No such language."))
        if not self.has_add_permission(request):
            return self.refused(request, [gettext("You may not create briefs.")], article=article)
        existing = Article.objects.filter(
            translation_key=article.translation_key, language=language
        ).first()
        if existing is None:
            try:
                existing = article.translate(language, by=request.user)
            except IntegrityError:
                # Someone else made it a moment ago: open theirs.
                existing = Article.objects.get(
                    translation_key=article.translation_key, language=language
                )
            else:
                self.log_addition(request, existing, gettext("Translated from another language."))
                messages.success(
                    request,
                    gettext(
                        "A draft in %(language)s is ready: translate its text, credit "
                        "yourself and submit it for review."
                    )
                    % {"language": Language(language).label},
                )
                return HttpResponseRedirect(self._change_url(existing))
        messages.info(request, gettext("This brief already has a version in that language."))
        return HttpResponseRedirect(self._change_url(existing))

    def up_to_date_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article_or_404(request, object_id)
        if not workflow.is_editor(request.user):
            return self.refused(
                request,
                [gettext("Only an editor can mark a translation up to date.")],
                article=article,
            )
        if article.translated_from_id is None:
            raise Http404(gettext("This brief is not a translation."))
        article.mark_up_to_date()
        self.log_change(request, article, gettext("Marked up to date with the original."))
        messages.success(
            request, gettext("The translation is marked up to date with its original.")
        )
        return HttpResponseRedirect(self._change_url(article))
