from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def next_event_change():
    """When a public event next starts or ends: lists of upcoming and past events change."""
    from django.db.models import Min, Q
    from django.utils import timezone

    from events.models import Event

    now = timezone.now()
    times = Event.objects.exclude(status=Event.Status.DRAFT).aggregate(
        start=Min("starts_at", filter=Q(starts_at__gt=now)),
        end=Min("ends_at", filter=Q(ends_at__gt=now)),
    )
    return min((moment for moment in times.values() if moment is not None), default=None)


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from events import tasks
        from events.models import Event, EventSpeaker, Registration
        from pagecache import middleware as pagecache
        from pagecache import version

        # The home page (next event), author and expert pages show events; event
        # pages show the seats left, so a registration is a change too.
        version.watch(Event, EventSpeaker, Registration, Event.related_articles.through)
        pagecache.cache_views("events:list", "events:past", "events:detail")
        version.next_change(next_event_change)
        tasks.connect()
