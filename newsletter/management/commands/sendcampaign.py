from django.core.management.base import BaseCommand, CommandError

from newsletter import sending
from newsletter.models import Campaign


class Command(BaseCommand):
    help = (
        "Send a campaign from this process, through the same code as the background "
        "worker: starts it if it is a draft or scheduled, then sends every batch no "
        "running worker holds. Safe to interrupt and run again, and to run beside the "
        "workers: each recipient gets the campaign exactly once."
    )

    def add_arguments(self, parser):
        parser.add_argument("campaign_id", type=int)

    def handle(self, *args, campaign_id: int, **options):
        campaign = Campaign.objects.filter(pk=campaign_id).first()
        if campaign is None:
            raise CommandError(f"No campaign with id {campaign_id}.")
        if campaign.status in {Campaign.Status.SENT, Campaign.Status.FAILED}:
            self.stdout.write(f"Campaign {campaign_id} is already {campaign.status}.")
            return
        try:
            sending.send_in_foreground(
                campaign, report=lambda sent: self.stdout.write(f"Sent {sent} email(s).")
            )
        except sending.CampaignRefused as error:
            raise CommandError(str(error)) from error
        counts = sending.stats(campaign)
        self.stdout.write(
            "Campaign {id} {status}: {sent} sent, {failed} failed, {skipped} skipped "
            "of {recipients}.".format(id=campaign_id, status=campaign.status, **counts)
        )
        if counts["failed"]:
            raise CommandError(f"{counts['failed']} email(s) could not be sent.")
