from django.core.management.base import BaseCommand

from pagecache import middleware as pagecache


class Command(BaseCommand):
    help = (
        "Start a new content version: every cached page, card and count is made again. "
        "Run it after a deploy that changes templates or static files."
    )

    def handle(self, *args, **options):
        pagecache.invalidate()
        self.stdout.write(self.style.SUCCESS("Cached pages will be made again."))
