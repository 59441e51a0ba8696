"""
Generate many realistic-looking briefs quickly, for benchmarks and scale tests.

    python manage.py generatebriefs --count 10000

The one generator of the project's benchmarks (`make bench`, `benchsearch`). Briefs get
titles and bodies in a Zipf-like vocabulary (a few words everywhere, most rare, some
topical words and Spanish and Portuguese ones with accents), one to three of 300
authors, two to five of some sixty tags, and a realistic mix of states: about 90%
published over the last five years, the rest drafts, scheduled or archived.

Rows are bulk-inserted (bypassing save()), so the body is built from already-safe
HTML and every derived field is filled here; the search index is rebuilt and the
database vacuumed and analysed at the end, as a database in service would be. Never run it against a database you care
about: it refuses unless --yes is given or the database has no briefs.
"""

import itertools
import random
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag, TaggedItem

from articles.models import Article, Author, Authorship, Category
from articles.sanitize import reading_minutes
from articles.search.index import rebuild_index

SEED = 20261129
BATCH = 2000
TOPICS = [
    "Energy Transition", "Tech Cooperation", "Climate Finance", "AI Governance",
    "Digital Infrastructure", "Critical Minerals", "Urban Mobility", "Food Systems",
]  # fmt: skip
FIRST = [
    "Ana", "João", "María José", "Lucía", "Sebastián", "Camila", "Thiago", "Inês",
    "Jean-Paul", "Sofia", "Mateus", "Valentina", "Pieter", "Chloé", "Marta", "Rafael",
    "Ewa", "Nikolaos", "Beatriz", "Diego", "Léa", "Tomás", "Ingrid", "Gonçalo",
]  # fmt: skip
LAST = [
    "Lima", "Souza", "García Pérez", "Fernández", "da Silva", "Müller", "van der Berg",
    "Rodríguez", "Gonçalves", "Núñez", "Dubois", "Kowalski", "Papadopoulos", "Álvarez",
    "Ribeiro", "Castro", "Nielsen", "Moreau", "Sánchez", "Oliveira", "Brandão", "Ortega",
]  # fmt: skip
PLACES = [
    "São Paulo", "Bogotá", "Ciudad de México", "Brasília", "Medellín", "Córdoba",
    "Asunción", "Brussels", "Lisbon", "Santiago", "Montevideo", "Valparaíso", "Belém",
    "Curitiba", "Quito", "Lima", "Madrid", "Berlin", "Warsaw", "Athens",
]  # fmt: skip
SUBJECTS = [
    "green hydrogen", "critical minerals", "lithium", "cobalt", "solar power", "wind power",
    "grid interconnection", "battery storage", "carbon markets", "climate finance",
    "digital alliance", "data flows", "semiconductors", "submarine cables", "cloud computing",
    "artificial intelligence", "AI regulation", "cybersecurity", "open data", "5G networks",
    "electric vehicles", "public transport", "urban mobility", "food security", "agritech",
    "deforestation", "biodiversity", "just transition", "industrial policy", "trade agreements",
    "Global Gateway", "energy efficiency", "heat pumps", "nuclear power", "geothermal energy",
    "transição energética", "hidrogênio verde", "inteligencia artificial", "cooperación digital",
    "financiamiento climático", "minerales críticos", "ação climática", "economía circular",
]  # fmt: skip
VERBS = [
    "Scaling", "Financing", "Governing", "Rethinking", "Building", "Securing", "Connecting",
    "Regulating", "Accelerating", "Mapping", "Designing", "Reforming",
]  # fmt: skip
COMMON = (  # noqa: SIM905 (a paragraph of words reads better than a list)
    "the of and to in a for on with by from at as is are be will can should could must "
    "more new this that which their its than not also has have been was were it or"
).split()
DOMAIN = (  # noqa: SIM905
    "policy government investment market public private partnership regulation framework "
    "strategy region country cities citizens industry innovation research capacity skills "
    "infrastructure network supply chain demand prices costs benefits risks evidence data "
    "analysis scenario target emissions budget fund bank development cooperation alliance "
    "europe latin america union commission ministry agency programme project pilot standard "
    "technology digital green transition energy climate resilience growth jobs trade export "
    "import value local national international community rights access inclusion equity "
    "first next key main better faster stronger shared common open fair clean smart "
    "mineração governança inovação cooperação políticas públicas energía ciudades desarrollo "
    "inversión transición economía sostenible interoperability permitting procurement tariff"
).split()
SYLLABLES = [consonant + vowel for consonant in "bcdfglmnprstvz" for vowel in "aeiou"]


def vocabulary(rng: random.Random) -> list[str]:
    """
    Words in order of frequency: common words first, then the policy vocabulary
    spread through a long tail of made-up words, so that a topical word is found
    in some briefs, not in nearly all of them.
    """
    tail = sorted({"".join(rng.choices(SYLLABLES, k=rng.randint(2, 4))) for _ in range(4000)})
    rng.shuffle(tail)
    words = list(COMMON)
    for n, word in enumerate(tail):
        if n % 20 == 0 and n // 20 < len(DOMAIN):
            words.append(DOMAIN[n // 20])
        words.append(word)
    return words


class BriefWriter:
    """Makes up briefs, repeatably for a given random generator."""

    def __init__(self, rng: random.Random, topics: list[Category], now=None):
        self.rng = rng
        self.topics = topics
        self.now = now or timezone.now()
        self.words_by_frequency = vocabulary(rng)
        self.cumulative_weights = list(
            itertools.accumulate(1 / rank for rank in range(1, len(self.words_by_frequency) + 1))
        )

    def brief(self, n: int) -> Article:
        rng = self.rng
        subject, other = rng.sample(SUBJECTS, 2)
        place = rng.choice(PLACES)
        title = rng.choice(
            [
                f"{rng.choice(VERBS)} {subject} in {place}",
                f"{subject.capitalize()} and {other}: lessons from {place}",
                f"Why {subject} matters for the EU–Latin America {other} agenda",
                f"{rng.choice(VERBS)} {subject}: a roadmap for {place}",
            ]
        )
        summary = " ".join(self.words(30, subject, place)) + "."
        paragraphs = [
            "<p>" + " ".join(self.words(rng.randint(60, 120), subject, place, other)) + ".</p>"
            for _ in range(rng.randint(5, 10))
        ]
        roll = rng.random()
        status = Article.Status.PUBLISHED
        published_at = self.now - timedelta(days=rng.randint(1, 2000), minutes=n % 1440)
        if roll < 0.05:
            status, published_at = Article.Status.DRAFT, None
        elif roll < 0.08:
            published_at = self.now + timedelta(days=rng.randint(1, 60))
        elif roll < 0.10:
            status = Article.Status.ARCHIVED
        body = "\n".join(paragraphs)
        return Article(
            title=title[:200],
            slug=f"{slugify(title)[:180]}-{n}",
            category=rng.choice(self.topics),
            summary=summary[:600],
            body=body,
            status=status,
            published_at=published_at,
            reading_time=reading_minutes(body),
        )

    def words(self, count: int, *topical: str) -> list[str]:
        # Zipf-like: a few words are everywhere, most are rarer; a few topical ones.
        rng = self.rng
        words = rng.choices(self.words_by_frequency, cum_weights=self.cumulative_weights, k=count)
        for index in range(0, count, rng.randint(10, 25)):
            words[index] = (
                rng.choice(topical) if topical and rng.random() < 0.85 else rng.choice(SUBJECTS)
            )
        return words


def _authors() -> list[tuple[str, str]]:
    """Names and slugs of the 300 generated authors."""
    people = sorted({(first, last) for first in FIRST for last in LAST})[:300]
    return [
        (f"{first} {last}", f"{slugify(first)}-{slugify(last)}-{n}")
        for n, (first, last) in enumerate(people)
    ]


def generate(count: int, seed: int = SEED, log=None) -> int:
    """Add `count` generated briefs (with their topics, authors and tags); returns how many."""
    rng = random.Random(seed)  # noqa: S311 (made-up text, not secrets)
    for order, name in enumerate(TOPICS):
        Category.objects.get_or_create(slug=slugify(name), defaults={"name": name, "order": order})
    topics = list(Category.objects.filter(slug__in=[slugify(name) for name in TOPICS]))
    Author.objects.bulk_create(
        (Author(name=name, slug=slug) for name, slug in _authors()), ignore_conflicts=True
    )
    authors = list(Author.objects.filter(slug__in=[slug for _name, slug in _authors()]))
    tag_names = sorted(set(SUBJECTS + PLACES))
    Tag.objects.bulk_create(
        (Tag(name=name, slug=slugify(name)) for name in tag_names), ignore_conflicts=True
    )
    tags = list(Tag.objects.filter(name__in=tag_names))
    content_type = ContentType.objects.get_for_model(Article)
    writer = BriefWriter(rng, topics)
    start = Article.objects.count()
    created = 0
    while created < count:
        size = min(BATCH, count - created)
        with transaction.atomic():
            articles = Article.objects.bulk_create(
                writer.brief(start + created + n) for n in range(size)
            )
            Authorship.objects.bulk_create(
                Authorship(article=article, author=author, order=order)
                for article in articles
                for order, author in enumerate(rng.sample(authors, rng.choice([1, 1, 2, 3])))
            )
            TaggedItem.objects.bulk_create(
                TaggedItem(tag=tag, content_type=content_type, object_id=article.pk)
                for article in articles
                for tag in rng.sample(tags, rng.randint(2, 5))
            )
        created += size
        if log:
            log(f"{start + created} briefs")
    indexed = rebuild_index()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and connection.get_autocommit():
            # As autovacuum would leave a real database: statistics for the planner
            # and a visibility map, so counts and id lists can come from indexes.
            cursor.execute("VACUUM ANALYZE")
        elif connection.vendor == "postgresql":
            cursor.execute("ANALYZE")
        elif connection.vendor == "sqlite":
            cursor.execute("ANALYZE")
            cursor.execute(
                "INSERT INTO articles_search_fts(articles_search_fts) VALUES ('optimize')"
            )
    if log:
        log(f"Indexed {indexed} briefs for search.")
    return created


class Command(BaseCommand):
    help = "Add N generated briefs (with topics, authors and tags) for benchmarks and scale tests."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=1000)
        parser.add_argument("--seed", type=int, default=SEED)
        parser.add_argument(
            "--yes", action="store_true", help="Add briefs even if the database already has some."
        )

    def handle(self, *args, count: int, seed: int, yes: bool, **options):
        if count < 1:
            raise CommandError("--count must be at least 1.")
        if Article.objects.exists() and not yes:
            raise CommandError("The database already has briefs; pass --yes to add more anyway.")
        generate(count, seed, log=self.stdout.write)
        self.stdout.write(self.style.SUCCESS(f"Created {count} briefs."))
