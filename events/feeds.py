"""RSS 2.0 feed of public events: the newest announced first, with their date and place."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from events import calendars
from events.models import Event
from events.times import event_times

FEED_LENGTH = 30


class EventsFeed(Feed):
    title = gettext_lazy("StateUp events")
    description = gettext_lazy("Round tables, launches and webinars from StateUp.")

    def link(self):
        return reverse("events:list")

    def items(self):
        return Event.objects.public().for_lists().order_by("-created_at", "-pk")[:FEED_LENGTH]

    def item_title(self, item):
        if item.is_cancelled:
            return _("Cancelled: %(title)s") % {"title": item.title}
        return item.title

    def item_description(self, item):
        parts = [event_times(item)["local"]["date"], event_times(item)["line"]]
        place = calendars.location(item)
        if place:
            parts.append(place)
        if item.summary:
            parts.append(item.summary)
        return " — ".join(parts)

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_guid(self, item):
        return calendars.uid(item)

    item_guid_is_permalink = False

    def item_categories(self, item):
        return [item.topic.name] if item.topic else []
