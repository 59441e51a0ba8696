from django.core.management.base import BaseCommand, CommandError

from newsletter.models import ContactMessage, Subscriber


class Command(BaseCommand):
    help = (
        "Send the emails that are due but unsent: confirmations, welcomes and contact "
        "notifications whose first attempt failed. Safe to run often (e.g. every five "
        "minutes from cron): each email is claimed before it is sent, so none goes out twice."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--limit", type=int, default=500, help="Send at most this many of each kind per run."
        )

    def handle(self, *args, limit: int, **options):
        sent = failed = 0
        subscribers = Subscriber.objects.with_unsent_email().order_by("pk")[:limit]
        for subscriber in subscribers:
            result = subscriber.send_pending_email()
            sent += result is True
            if result is False:
                failed += 1
                self.stderr.write(f"Subscriber {subscriber.pk}: {subscriber.last_send_error}")
        contact_messages = ContactMessage.objects.with_unsent_notification().order_by("pk")[:limit]
        for message in contact_messages:
            result = message.send_notification()
            sent += result is True
            if result is False:
                failed += 1
                self.stderr.write(f"Contact message {message.pk}: {message.last_send_error}")
        self.stdout.write(f"Sent {sent} email(s).")
        if failed:
            # A non-zero exit lets cron or monitoring notice a mail server that keeps failing.
            raise CommandError(
                f"{failed} email(s) could not be sent; they stay queued for the next run."
            )
