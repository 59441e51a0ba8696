from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS

from pagecache import version


class Command(BaseCommand):
    help = (
        "Start a new content version on every process and server: every cached page, "
        "card and count is made again. Deploys do this by themselves (STATEUP_RELEASE); "
        "this is for "
        "anything else, such as a table no app watches."
    )

    def add_arguments(self, parser):
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Database alias.")

    def handle(self, *args, **options):
        version.invalidate_everywhere(options["database"])
        self.stdout.write(self.style.SUCCESS("Cached pages will be made again."))
