from django.core.management.base import BaseCommand
from django.db.models import F

from events import emails, tasks
from events.models import Event, Registration


class Command(BaseCommand):
    help = (
        "Send every event email still due: registration emails that failed before, "
        "change notices not yet received and reminders due now. Safe to run at any "
        "time and as often as you like (from cron, e.g. every 5 minutes): each email "
        "is claimed before it is sent, so none goes out twice."
    )

    def handle(self, *args, **options):
        sent = failed = 0
        for registration in Registration.objects.exclude(pending_email="").select_related("event"):
            result = registration.send_pending_email(emails.send_registration_email)
            sent += result is True
            failed += result is False
        behind = (
            Registration.objects.active()
            .filter(notified_sequence__lt=F("event__sequence"))
            .exclude(event__status=Event.Status.DRAFT)
            .values_list("event_id", "event__sequence")
            .distinct()
        )
        for event_id, sequence in behind:
            sent += tasks.notify_change.call(event_id, sequence)
        sent += tasks.send_due_reminders.call()
        still_unsent = Registration.objects.exclude(pending_email="").count()
        self.stdout.write(
            f"Event emails: {sent} sent, {failed} failed, {still_unsent} still waiting."
        )
        if failed:
            raise SystemExit(1)
