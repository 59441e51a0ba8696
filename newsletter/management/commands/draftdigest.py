from django.core.management.base import BaseCommand

from newsletter.drafting import draft_digests


class Command(BaseCommand):
    help = (
        "Draft the newsletter digest, one per language, from the briefs published since "
        "that language's last digest. Drafts only: an editor reviews and sends them."
    )

    def add_arguments(self, parser):
        parser.add_argument("--language", action="append", help="Only this language (repeatable).")

    def handle(self, *args, language=None, **options):
        drafts = draft_digests(languages=language)
        for campaign in drafts:
            self.stdout.write(
                f"Drafted campaign {campaign.pk}: {campaign.subject} ({campaign.languages[0]})"
            )
        if not drafts:
            self.stdout.write("No new briefs since the last digest: nothing drafted.")
