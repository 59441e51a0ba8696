"""
/sitemap.xml: every public page with the time it last changed.

Briefs, and the topics, tags and authors that have published briefs; the home page
and the list of briefs. Drafts, briefs in review, scheduled and archived briefs,
and tags or authors known only from them, never appear.
"""

from collections import defaultdict

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import OuterRef, Subquery
from django.urls import NoReverseMatch, reverse
from taggit.models import Tag

from articles.models import Article, Author, Category


def _last_change(briefs):
    """The latest change among `briefs` (public ones only), for a subquery."""
    return Subquery(briefs.order_by("-updated_at").values("updated_at")[:1])


class BriefSitemap(Sitemap):
    """Every public brief in every language, each with its public translations as alternates."""

    def items(self):
        briefs = list(
            Article.objects.published()
            .only("slug", "updated_at", "language", "translation_key")
            .order_by("-published_at", "pk")
        )
        self._versions = defaultdict(list)
        for brief in briefs:
            self._versions[brief.translation_key].append(brief)
        return briefs

    def lastmod(self, item):
        return item.updated_at

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            versions = self._versions[url["item"].translation_key]
            if len(versions) < 2:
                continue
            # The brief's own address is its <loc>; its origin is split off the path.
            origin = url["location"][: -len(url["item"].get_absolute_url())]
            order = [code for code, _name in settings.LANGUAGES]
            versions = sorted(versions, key=lambda brief: order.index(brief.language))
            url["alternates"] = [
                {"lang_code": brief.language, "location": origin + brief.get_absolute_url()}
                for brief in versions
            ]
            default = next((b for b in versions if b.language == settings.LANGUAGE_CODE), None)
            if default is not None:
                url["alternates"].append(
                    {"lang_code": "x-default", "location": origin + default.get_absolute_url()}
                )
        return urls


class PdfSitemap(Sitemap):
    """The PDF edition of every public brief that has or can have one."""

    def items(self):
        from articles import pdf

        briefs = Article.objects.published()
        if not pdf.is_available():
            briefs = briefs.filter(pdf_edition__isnull=False).exclude(
                pdf_edition__generated="", pdf_edition__designed=""
            )
        return briefs.only("slug", "updated_at").order_by("-published_at", "pk")

    def location(self, item):
        return reverse("briefs:pdf", kwargs={"slug": item.slug})

    def lastmod(self, item):
        return item.updated_at


class _InEveryLanguage(Sitemap):
    """A page listed once per language, each with its other languages as alternates."""

    i18n = True
    alternates = True
    x_default = True


class TopicSitemap(_InEveryLanguage):
    def items(self):
        return Category.objects.annotate(
            last_change=_last_change(Article.objects.published().filter(category=OuterRef("pk")))
        ).order_by("order", "name")

    def lastmod(self, item):
        return item.last_change


class TagSitemap(_InEveryLanguage):
    def items(self):
        return (
            Tag.objects.filter(article__in=Article.objects.published())
            .distinct()
            .annotate(
                last_change=_last_change(Article.objects.published().filter(tags=OuterRef("pk")))
            )
            .order_by("name")
        )

    def location(self, item):
        return reverse("briefs:tag", kwargs={"slug": item.slug})

    def lastmod(self, item):
        return item.last_change


class AuthorSitemap(_InEveryLanguage):
    def items(self):
        return (
            Author.objects.filter(articles__in=Article.objects.published())
            .distinct()
            .annotate(
                last_change=_last_change(
                    Article.objects.published().filter(authorships__author=OuterRef("pk"))
                )
            )
            .order_by("name")
        )

    def lastmod(self, item):
        return item.last_change


class PageSitemap(_InEveryLanguage):
    """Pages that are not briefs or lists of them by topic, tag or author."""

    # URL names; the contact page is listed once it exists.
    names = ["home", "briefs:list", "contact"]

    def items(self):
        self._last_change = (
            Article.objects.published()
            .order_by("-updated_at")
            .values_list("updated_at", flat=True)
            .first()
        )
        pages = []
        for name in self.names:
            try:
                reverse(name)
            except NoReverseMatch:
                continue
            pages.append(name)
        return pages

    def location(self, item):
        return reverse(item)

    def lastmod(self, item):
        return self._last_change if item in {"home", "briefs:list"} else None


sitemaps = {
    "pages": PageSitemap,
    "briefs": BriefSitemap,
    "pdfs": PdfSitemap,
    "topics": TopicSitemap,
    "tags": TagSitemap,
    "authors": AuthorSitemap,
}
