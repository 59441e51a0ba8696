"""
RSS 2.0 feeds of the latest published briefs: the whole site, one topic, one tag.

Each item carries the brief's summary, every author (`dc:creator`), its topic and
tags as categories, its publish date, its hero image as Media RSS content
(the 1200 × 630 rendition, with alt text and photo credit) and its PDF edition as
an enclosure.
"""

from urllib.parse import urljoin

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from taggit.models import Tag

from articles.images import SOCIAL_SIZE
from articles.models import Article, Authorship, Category
from articles.views import pdf_link

FEED_LENGTH = 20
MEDIA_NAMESPACE = "http://search.yahoo.com/mrss/"
DC_NAMESPACE = "http://purl.org/dc/elements/1.1/"


class BriefsRss(Rss201rev2Feed):
    """RSS 2.0 with Dublin Core authors and Media RSS images."""

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:dc": DC_NAMESPACE,
            "xmlns:media": MEDIA_NAMESPACE,
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name in item["creators"]:
            handler.addQuickElement("dc:creator", name)
        image = item.get("image")
        if image:
            # Relative to the site: the feed's own link gives the scheme and host.
            url = urljoin(self.feed["link"], image["url"])
            handler.startElement(
                "media:content",
                {
                    "url": url,
                    "medium": "image",
                    "type": "image/jpeg",
                    "width": str(SOCIAL_SIZE[0]),
                    "height": str(SOCIAL_SIZE[1]),
                },
            )
            if image["alt"]:
                handler.addQuickElement("media:description", image["alt"], {"type": "plain"})
            if image["credit"]:
                handler.addQuickElement("media:credit", image["credit"])
            handler.endElement("media:content")
        pdf = item.get("pdf")
        if pdf:
            handler.addQuickElement(
                "enclosure",
                "",
                {
                    "url": urljoin(self.feed["link"], pdf["url"]),
                    "length": str(pdf["size"] or 0),  # 0: not made yet, size unknown
                    "type": "application/pdf",
                },
            )


class LatestBriefsFeed(Feed):
    feed_type = BriefsRss
    title = gettext_lazy("StateUp: latest briefs")
    description = gettext_lazy(
        "Short policy briefs on the green and technological transitions, newest first."
    )

    def link(self):
        return reverse("briefs:list")

    def feed_url(self):
        return reverse("briefs:feed")

    def briefs(self, obj):
        # Each language has its feed: /feed/, /es/feed/, /pt/feed/.
        return Article.objects.published().in_language()

    def items(self, obj=None):
        return (
            self.briefs(obj)
            .select_related("category", "series", "pdf_edition")
            .prefetch_related(
                "tags",
                Prefetch("authorships", queryset=Authorship.objects.select_related("author")),
            )
            .newest_first()[:FEED_LENGTH]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Readers treat an RSS description as HTML; the summary is plain text.
        return escape(item.seo_description or item.summary)

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        topic = [item.category.local_name] if item.category else []
        return topic + [tag.name for tag in item.tags.all()]

    def item_extra_kwargs(self, item):
        hero = item.hero
        image = None
        if hero and hero.get("social"):
            image = {"url": hero["social"], "alt": item.hero_alt, "credit": item.hero_credit}
        return {
            "creators": [authorship.author.name for authorship in item.authorships.all()],
            "image": image,
            "pdf": pdf_link(item),
        }


class TopicFeed(LatestBriefsFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Category, slug=slug)

    def title(self, obj):
        return _("StateUp: %(topic)s") % {"topic": obj.local_name}

    def description(self, obj):
        return obj.local_description or _("The latest StateUp briefs on %(topic)s.") % {
            "topic": obj.local_name
        }

    def link(self, obj):
        return obj.get_absolute_url()

    def feed_url(self, obj):
        return reverse("briefs:topic_feed", kwargs={"slug": obj.slug})

    def briefs(self, obj):
        return Article.objects.published().in_language().filter(category=obj)


class TagFeed(LatestBriefsFeed):
    def get_object(self, request, slug):
        tag = get_object_or_404(Tag, slug=slug)
        if not Article.objects.published().tagged(tag).exists():
            raise Http404  # a tag only drafts carry is not public
        return tag

    def title(self, obj):
        return _("StateUp: briefs tagged “%(tag)s”") % {"tag": obj.name}

    def description(self, obj):
        return _("The latest StateUp briefs about %(tag)s.") % {"tag": obj.name}

    def link(self, obj):
        return reverse("briefs:tag", kwargs={"slug": obj.slug})

    def feed_url(self, obj):
        return reverse("briefs:tag_feed", kwargs={"slug": obj.slug})

    def briefs(self, obj):
        return Article.objects.published().in_language().filter(tags=obj)
