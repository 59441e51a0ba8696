from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from events.models import Event


class EventSitemap(Sitemap):
    def items(self):
        return Event.objects.public().only("slug", "updated_at").order_by("-starts_at", "pk")

    def lastmod(self, item):
        return item.updated_at


class EventPageSitemap(Sitemap):
    def items(self):
        return ["events:list", "events:past"]

    def location(self, item):
        return reverse(item)
