from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Briefs")

    def ready(self):
        from django.db.models import Min
        from django.utils import timezone
        from taggit.models import Tag, TaggedItem

        from articles.editorial.roles import sync_roles_after_migrate
        from articles.models import (
            Article,
            Author,
            Authorship,
            Category,
            PdfEdition,
            RelatedLink,
            Series,
            SlugRedirect,
        )
        from articles.search.index import connect_indexing
        from articles.tasks import (
            PDF_SHOWS,
            delete_pdf_files,
            schedule_pdf_render,
            schedule_pdf_renders_for,
        )
        from pagecache import middleware as pagecache
        from pagecache import version

        # What public pages show: a write to any of these makes a new content version.
        version.watch(
            Article,
            Author,
            Authorship,
            Category,
            PdfEdition,
            RelatedLink,
            Series,
            SlugRedirect,
            Tag,
            TaggedItem,
            Article.related_articles.through,
        )
        version.next_change(
            lambda: Article.objects.filter(
                status=Article.Status.PUBLISHED, published_at__gt=timezone.now()
            ).aggregate(at=Min("published_at"))["at"]
        )
        pagecache.cache_views(
            "home",
            "briefs:list",
            "briefs:detail",
            "briefs:topic",
            "briefs:tag",
            "briefs:author",
        )
        connect_indexing()
        # The PDF edition follows every save of a published brief.
        post_save.connect(schedule_pdf_render, sender=Article, dispatch_uid="articles.pdf_render")
        # ... and every edit of what it prints of others: bylines, topic, series, tags.
        for shown in PDF_SHOWS:
            post_save.connect(
                schedule_pdf_renders_for, sender=shown, dispatch_uid=f"pdf_render-{shown.__name__}"
            )
        post_delete.connect(delete_pdf_files, sender=PdfEdition, dispatch_uid="articles.pdf_delete")

        # Connected after django.contrib.auth's own receiver, which creates the
        # permissions this grants.
        post_migrate.connect(sync_roles_after_migrate, dispatch_uid="articles.sync_roles")
