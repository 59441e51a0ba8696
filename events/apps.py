from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from events import tasks
        from events.models import Event, EventSpeaker
        from pagecache import version

        # The home page (next event), author and expert pages show events.
        version.watch(Event, EventSpeaker, Event.related_articles.through)
        tasks.connect()
