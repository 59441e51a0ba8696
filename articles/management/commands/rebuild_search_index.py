from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS

from articles.search.index import rebuild_index


class Command(BaseCommand):
    help = (
        "Rebuild the full-text search index of every brief: after a bulk import that "
        "bypassed save(), or after a tag was renamed. Safe to run at any time."
    )

    def add_arguments(self, parser):
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Database alias.")

    def handle(self, *args, **options):
        count = rebuild_index(options["database"])
        self.stdout.write(self.style.SUCCESS(f"Indexed {count} briefs."))
