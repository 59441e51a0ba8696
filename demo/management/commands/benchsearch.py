"""
Search latency on a large, generated set of briefs, in a database of its own.

    python manage.py benchsearch --briefs 10000 --runs 30

The briefs go into a separate database (PostgreSQL: the configured database's name
plus `_bench`; SQLite: var/bench.sqlite3), made with Django's test-database
machinery, so development data is never touched. It is kept between runs and
refilled only when the number of briefs asked for changes (or with --fresh).
"""

import statistics
import time
import warnings

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client, override_settings
from taggit.models import Tag, TaggedItem

from articles.models import Article, Author, Authorship, Category
from articles.search.query import parse_query
from articles.search.results import ranked_ids, results_for
from articles.search.views import PAGE_SIZE
from demo.management.commands.generatebriefs import generate

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
        with transaction.atomic():
            TaggedItem.objects.all().delete()
            Authorship.objects.all().delete()
            Article.objects.all().delete()
            Author.objects.all().delete()
            Category.objects.all().delete()
            Tag.objects.all().delete()
        # The same briefs as `manage.py generatebriefs` (and so `make bench`) makes.
        generate(count)
        self.stdout.write(
            f"Generated and indexed {count} briefs in {time.perf_counter() - started:.1f} s."
        )

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
