from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Briefs")

    def ready(self):
        from articles.editorial.roles import sync_roles_after_migrate
        from pagecache import middleware as pagecache

        pagecache.connect_invalidation()

        # Connected after django.contrib.auth's own receiver, which creates the
        # permissions this grants.
        post_migrate.connect(sync_roles_after_migrate, dispatch_uid="articles.sync_roles")
