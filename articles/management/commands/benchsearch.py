"""
Search latency on a large, generated set of briefs, in a database of its own.

    python manage.py benchsearch --briefs 10000 --runs 30

The briefs go into a separate database (PostgreSQL: the configured database's name
plus `_bench`; SQLite: var/bench.sqlite3), made with Django's test-database
machinery, so development data is never touched. It is kept between runs and
refilled only when the number of briefs asked for changes (or with --fresh).
"""

import itertools
import random
import statistics
import time
import warnings
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client, override_settings
from django.utils import timezone
from django.utils.text import slugify as _slug
from taggit.models import Tag, TaggedItem

from articles.models import Article, Author, Authorship, Category
from articles.search import PAGE_SIZE, parse_query, ranked_ids, rebuild_index, results_for

SEED = 20261129
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


QUERIES = [
    ("common word", "energy", {}),
    ("two words", "climate finance", {}),
    ("phrase", '"critical minerals"', {}),
    ("accented", "São Paulo", {}),
    ("unaccented", "sao paulo", {}),
    ("Portuguese", "transição energética", {}),
    ("or", "lithium or cobalt", {}),
    ("exclusion", "energy -solar", {}),
    ("author name", "García Pérez", {}),
    ("rare word", "interoperability permitting", {}),
    ("no results", "zyxwvut", {}),
    ("topic filter", "investment", {"topic": "climate-finance"}),
    ("tag filter", "policy", {"tag": "green-hydrogen"}),
    ("page 3", "policy", {"page": "3"}),
]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


class Command(BaseCommand):
    help = "Measure search latency (p50/p95/p99) on generated briefs in a separate database."

    def add_arguments(self, parser):
        parser.add_argument("--briefs", type=int, default=10_000, help="How many briefs.")
        parser.add_argument("--runs", type=int, default=30, help="Timed runs of each query.")
        parser.add_argument(
            "--fresh", action="store_true", help="Regenerate the briefs even if present."
        )

    def handle(self, *args, **options):
        if connection.vendor not in {"postgresql", "sqlite"}:
            raise CommandError("benchsearch needs PostgreSQL or SQLite.")
        if options["briefs"] < 1 or options["runs"] < 1:
            raise CommandError("--briefs and --runs must be at least 1.")
        settings_dict = connection.settings_dict
        if connection.vendor == "postgresql":
            bench_name = f"{settings_dict['NAME']}_bench"
        else:
            bench_name = str(settings.BASE_DIR / "var" / "bench.sqlite3")
        settings_dict.setdefault("TEST", {})["NAME"] = bench_name
        real_name = connection.creation.create_test_db(
            verbosity=0, autoclobber=True, serialize=False, keepdb=not options["fresh"]
        )
        try:
            self.stdout.write(f"Database: {connection.vendor}, {bench_name}")
            self.fill(options["briefs"], options["fresh"])
            self.measure(options["runs"])
        finally:
            connection.creation.destroy_test_db(real_name, verbosity=0, keepdb=True)

    # -- Data -----------------------------------------------------------------------

    def fill(self, count: int, fresh: bool) -> None:
        if not fresh and Article.objects.count() == count:
            self.stdout.write(f"Reusing {count} briefs.")
            return
        started = time.perf_counter()
        rng = random.Random(SEED)  # noqa: S311 (generated text, not secrets)
        words = vocabulary(rng)
        self.vocabulary = (
            words,
            list(itertools.accumulate(1 / r for r in range(1, len(words) + 1))),
        )
        with transaction.atomic():
            TaggedItem.objects.all().delete()
            Authorship.objects.all().delete()
            Article.objects.all().delete()
            Author.objects.all().delete()
            Category.objects.all().delete()
            Tag.objects.all().delete()
            topics = Category.objects.bulk_create(
                Category(name=name, slug=_slug(name), order=n) for n, name in enumerate(TOPICS)
            )
            people = {(f, last) for f in FIRST for last in LAST}
            authors = Author.objects.bulk_create(
                Author(name=f"{first} {last}", slug=f"{_slug(first)}-{_slug(last)}-{n}")
                for n, (first, last) in enumerate(sorted(people)[:300])
            )
            tags = Tag.objects.bulk_create(
                Tag(name=name, slug=_slug(name)) for name in sorted(set(SUBJECTS + PLACES))
            )
            articles = Article.objects.bulk_create(
                (self.brief(rng, n, topics) for n in range(count)), batch_size=1000
            )
            content_type = ContentType.objects.get_for_model(Article)
            Authorship.objects.bulk_create(
                (
                    Authorship(article=article, author=author, order=order)
                    for article in articles
                    for order, author in enumerate(rng.sample(authors, rng.choice([1, 1, 2, 3])))
                ),
                batch_size=5000,
            )
            TaggedItem.objects.bulk_create(
                (
                    TaggedItem(tag=tag, content_type=content_type, object_id=article.pk)
                    for article in articles
                    for tag in rng.sample(tags, rng.randint(2, 5))
                ),
                batch_size=5000,
            )
        indexed = rebuild_index()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
            if connection.vendor == "sqlite":
                cursor.execute(
                    "INSERT INTO articles_search_fts(articles_search_fts) VALUES ('optimize')"
                )
        self.stdout.write(
            f"Generated and indexed {indexed} briefs in {time.perf_counter() - started:.1f} s."
        )

    def brief(self, rng: random.Random, n: int, topics) -> Article:
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
        summary = " ".join(self.words(rng, 30, subject, place)) + "."
        paragraphs = [
            "<p>" + " ".join(self.words(rng, rng.randint(60, 120), subject, place, other)) + ".</p>"
            for _ in range(rng.randint(5, 10))
        ]
        now = timezone.now()
        roll = rng.random()
        status, published_at = Article.Status.PUBLISHED, now - timedelta(days=rng.randint(1, 2000))
        if roll < 0.05:
            status, published_at = Article.Status.DRAFT, None
        elif roll < 0.08:
            published_at = now + timedelta(days=rng.randint(1, 60))
        elif roll < 0.10:
            status = Article.Status.ARCHIVED
        body = "\n".join(paragraphs)
        return Article(
            title=title[:200],
            slug=f"{_slug(title)[:180]}-{n}",
            category=rng.choice(topics),
            summary=summary[:600],
            body=body,
            status=status,
            published_at=published_at,
            reading_time=max(1, len(body.split()) // 220),
        )

    def words(self, rng: random.Random, count: int, *topical: str) -> list[str]:
        # Zipf-like: a few words are everywhere, most are rarer; a few topical ones.
        vocabulary, weights = self.vocabulary
        words = rng.choices(vocabulary, cum_weights=weights, k=count)
        for index in range(0, count, rng.randint(10, 25)):
            words[index] = (
                rng.choice(topical) if topical and rng.random() < 0.85 else rng.choice(SUBJECTS)
            )
        return words

    # -- Measurements -------------------------------------------------------------------

    def measure(self, runs: int) -> None:
        client = Client()
        engine_times: list[float] = []
        page_times: list[float] = []
        self.stdout.write(
            f"\n{'query':<16} {'results':>7}  {'engine p50':>10} {'p95':>7}  {'page p50':>9} {'p95':>7}"
        )
        # As in production: no query log; static files are not what is measured.
        with (
            override_settings(DEBUG=False, ALLOWED_HOSTS=["testserver"]),
            warnings.catch_warnings(),
        ):
            warnings.filterwarnings("ignore", message="No directory at")
            for label, text, params in QUERIES:
                query = parse_query(text)
                for _ in range(3):
                    total = self.run_engine(query, params)
                    client.get("/search/", {"q": text, **params}, secure=True)
                engine, page = [], []
                for _ in range(runs):
                    started = time.perf_counter()
                    total = self.run_engine(query, params)
                    engine.append((time.perf_counter() - started) * 1000)
                    started = time.perf_counter()
                    response = client.get("/search/", {"q": text, **params}, secure=True)
                    page.append((time.perf_counter() - started) * 1000)
                    if response.status_code != 200:
                        raise CommandError(f"{label}: the page answered {response.status_code}")
                engine_times += engine
                page_times += page
                self.stdout.write(
                    f"{label:<16} {total:>7}  {percentile(engine, 0.5):>8.1f}ms "
                    f"{percentile(engine, 0.95):>5.1f}ms  {percentile(page, 0.5):>7.1f}ms "
                    f"{percentile(page, 0.95):>5.1f}ms"
                )
        self.stdout.write("")
        for name, values in (("search engine", engine_times), ("whole page", page_times)):
            self.stdout.write(
                f"{name:<14} p50 {percentile(values, 0.5):6.1f} ms   "
                f"p95 {percentile(values, 0.95):6.1f} ms   p99 {percentile(values, 0.99):6.1f} ms   "
                f"mean {statistics.fmean(values):6.1f} ms   ({len(values)} requests)"
            )

    def run_engine(self, query, params) -> int:
        """What the search page asks of the database: ranked ids, one page of cards, highlights."""
        briefs = Article.objects.published()
        if "topic" in params:
            briefs = briefs.filter(category__slug=params["topic"])
        if "tag" in params:
            briefs = briefs.filter(tags__slug=params["tag"])
        ranked = ranked_ids(briefs, query)
        start = (int(params.get("page", 1)) - 1) * PAGE_SIZE
        results_for(briefs, ranked[start : start + PAGE_SIZE], query)
        return len(ranked)
