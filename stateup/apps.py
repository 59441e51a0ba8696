from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StateUpConfig(AppConfig):
    name = "stateup"
    verbose_name = _("StateUp site")

    def ready(self):
        from stateup import pagecache

        pagecache.connect_invalidation()
