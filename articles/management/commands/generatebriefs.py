"""
Generate many realistic-looking published briefs quickly, for benchmarks and scale tests.

Rows are bulk-inserted (bypassing save()), so the body is built from already-safe HTML
and every derived field is filled here. Never run it against a database you care about:
it refuses unless --yes is given or the database is empty of briefs.
"""

import random
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag, TaggedItem

from articles.models import Article, Author, Authorship, Category
from articles.sanitize import reading_minutes

TOPICS = [
    "Tech Cooperation",
    "Green Transition",
    "AI Governance",
    "Digital Infrastructure",
    "Trade",
    "Energy Security",
    "Critical Minerals",
    "Climate Finance",
]
SUBJECTS = [
    "grid interconnection", "green hydrogen", "lithium supply chains", "data governance",
    "submarine cables", "semiconductor policy", "carbon border adjustment", "open-source AI",
    "public digital infrastructure", "battery recycling", "offshore wind", "cloud sovereignty",
    "transição energética", "cooperación digital", "interoperable payments", "methane abatement",
    "electric buses", "satellite broadband", "cybersecurity standards", "green bonds",
]  # fmt: skip
PLACES = [
    "the EU", "Latin America", "Brazil", "Chile", "Mexico", "Colombia", "São Paulo",
    "Bogotá", "Mercosur", "the Andean region", "Portugal", "Spain", "Central America",
]  # fmt: skip
FRAMES = [
    "Why {subject} matters for {place}",
    "A roadmap for {subject} in {place}",
    "{Subject}: what {place} can learn",
    "Financing {subject} across {place}",
    "The case for {subject} between the EU and {place}",
    "Five steps to scale {subject} in {place}",
]
SENTENCES = [
    "Policy makers in {place} face a narrow window to act on {subject}.",
    "Evidence from recent pilots suggests that {subject} can cut costs by a third.",
    "Investment in {subject} has doubled since 2020, but remains concentrated in a few markets.",
    "A joint framework would let {place} align standards and attract private capital.",
    "Regulators should publish clear rules early, before lock-in raises the cost of change.",
    "Cooperation with European partners offers technology, finance and shared standards.",
    "Local communities must share the benefits, or public support will erode quickly.",
    "Data on {subject} remains patchy; better statistics would sharpen every decision.",
    "The next two years will decide whether {place} leads or follows on {subject}.",
    "Development banks can de-risk early projects and crowd in long-term investors.",
]
TAGS = [
    "EU–LAC", "energy", "hydrogen", "AI Act", "data", "cables", "minerals", "finance",
    "standards", "cities", "skills", "industry", "climate", "mobility", "cloud", "trade",
    "geopolitics", "innovation", "regulation", "infrastructure",
]  # fmt: skip
BATCH = 2000


class Command(BaseCommand):
    help = "Bulk-create N published briefs (with topics, authors and tags) for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=1000)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--yes", action="store_true", help="Add briefs even if the database already has some."
        )

    def handle(self, *args, count: int, seed: int, yes: bool, **options):
        if count < 1:
            raise CommandError("--count must be at least 1.")
        if Article.objects.exists() and not yes:
            raise CommandError("The database already has briefs; pass --yes to add more anyway.")
        rng = random.Random(seed)  # noqa: S311 - repeatable fake data, not secrets
        topics = [
            Category.objects.get_or_create(
                slug=slugify(name), defaults={"name": name, "order": order}
            )[0]
            for order, name in enumerate(TOPICS)
        ]
        authors = [
            Author.objects.get_or_create(
                slug=f"bench-author-{n}",
                defaults={"name": f"Researcher {n}", "role": "Fellow"},
            )[0]
            for n in range(40)
        ]
        tags = [
            Tag.objects.get_or_create(name=name, defaults={"slug": slugify(name)})[0]
            for name in TAGS
        ]
        start = Article.objects.count()
        now = timezone.now()
        created = 0
        while created < count:
            size = min(BATCH, count - created)
            with transaction.atomic():
                articles = [
                    self._article(rng, start + created + n, topics, now) for n in range(size)
                ]
                Article.objects.bulk_create(articles)
                articles = list(
                    Article.objects.filter(slug__in=[a.slug for a in articles]).only("pk")
                )
                Authorship.objects.bulk_create(
                    Authorship(article=a, author=author, order=order)
                    for a in articles
                    for order, author in enumerate(rng.sample(authors, rng.randint(1, 3)))
                )
                TaggedItem.objects.bulk_create(
                    TaggedItem(content_object=a, tag=tag)
                    for a in articles
                    for tag in rng.sample(tags, rng.randint(2, 6))
                )
            created += size
            self.stdout.write(f"{start + created} briefs")
        self.stdout.write(self.style.SUCCESS(f"Created {count} briefs."))

    def _article(self, rng: random.Random, n: int, topics, now) -> Article:
        subject = rng.choice(SUBJECTS)
        place = rng.choice(PLACES)
        words = {"subject": subject, "Subject": subject[:1].upper() + subject[1:], "place": place}
        title = rng.choice(FRAMES).format(**words)
        paragraphs = [
            "<p>" + " ".join(rng.choice(SENTENCES).format(**words) for _ in range(5)) + "</p>"
            for _ in range(rng.randint(4, 8))
        ]
        body = "<h2>" + title + "</h2>" + "".join(paragraphs)
        return Article(
            title=title,
            slug=f"{slugify(title)[:150]}-{n}",
            category=rng.choice(topics),
            summary=rng.choice(SENTENCES).format(**words),
            body=body,
            status=Article.Status.PUBLISHED,
            published_at=now - timedelta(minutes=n * 7 + 1),
            reading_time=reading_minutes(body),
        )
