from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PageCacheConfig(AppConfig):
    name = "pagecache"
    verbose_name = _("Page cache")

    def ready(self):
        from pagecache import holes, version
        from pagecache.csrf import get_token

        # Without a request (markup rendered outside one), a form has no token.
        holes.register("csrf_token", lambda request: get_token(request) if request else "")
        # Named once, when the code loads (before gunicorn forks its workers).
        version.release()
        # After every app's migrations (and after a flush, which empties the table).
        post_migrate.connect(
            lambda sender, using, **kwargs: version.install_triggers(using),
            sender=self,
            dispatch_uid="pagecache.install_triggers",
            weak=False,
        )
