from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Fill an empty database with a realistic demo site. Running it twice changes nothing."

    def handle(self, *args, **options):
        self.stdout.write("Demo content: nothing to load yet.")
