from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

DEMO_USERNAME = "admin"
DEMO_PASSWORD = "stateup-demo"  # noqa: S105 - local demo accounts, refused outside DEBUG

# username, email, group (None: superuser)
DEMO_ACCOUNTS = [
    (DEMO_USERNAME, "admin@stateup.localhost", None),
    ("editor", "editor@stateup.localhost", "Editors"),
    ("writer", "writer@stateup.localhost", "Writers"),
]


class Command(BaseCommand):
    help = "Create local demo staff accounts (development only) and print how to log in."

    def add_arguments(self, parser):
        parser.add_argument(
            "--site-url",
            default=None,
            help="Where the site is served, for the printed login address (default: STATEUP_SITE_URL).",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "demostaff only runs with DJANGO_DEBUG=1: it creates a known password."
            )
        admin_url = (options["site_url"] or settings.STATEUP_SITE_URL).rstrip("/") + "/admin/"
        User = get_user_model()
        for username, email, group_name in DEMO_ACCOUNTS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "is_staff": True,
                    "is_superuser": group_name is None,
                    "email": email,
                    "first_name": username.capitalize(),
                },
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
            if group_name is not None:
                group, _created = Group.objects.get_or_create(name=group_name)
                user.groups.add(group)
            role = group_name or "superuser"
            self.stdout.write(
                f"Staff login ({role}): {admin_url}  user {username!r}  "
                f"password {DEMO_PASSWORD!r} (development only)"
            )
