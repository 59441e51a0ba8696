from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

DEMO_USERNAME = "admin"
DEMO_PASSWORD = "stateup-demo"  # noqa: S105 - a local demo account, refused outside DEBUG


class Command(BaseCommand):
    help = "Create a local demo staff account (development only) and print how to log in."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "demostaff only runs with DJANGO_DEBUG=1: it creates a known password."
            )
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=DEMO_USERNAME,
            defaults={"is_staff": True, "is_superuser": True, "email": "admin@stateup.localhost"},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        self.stdout.write(
            f"Staff login: http://127.0.0.1:8000/admin/  user {DEMO_USERNAME!r}  "
            f"password {DEMO_PASSWORD!r} (development only)"
        )
