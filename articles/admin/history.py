"""A brief's history: every version with who and when, diffs, and restoring one."""

import difflib
import re

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles.admin.forms import display_name, local_datetime
from articles.admin.workflow_panel import BriefPagesMixin
from articles.models import Article

# What restoring an earlier version brings back; state and address stay as they are.
RESTORED_FIELDS = ["title", "summary", "body", "seo_title", "seo_description"]
HISTORY_LIMIT = 200


class HistoryMixin(BriefPagesMixin):
    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
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
