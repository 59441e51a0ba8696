#!/usr/bin/env python3
"""
How long the PDF edition of the seed's EU–LAC brief takes to make on this machine.

    make bench-pdf                   # 1 warm-up, then 5 timed renders
    python bench/pdf.py --runs 10

It loads the demo content into a SQLite file of its own (var/bench-pdf.sqlite3, made
anew each run), renders "An EU–Latin America digital alliance that delivers" with
WeasyPrint through the same code as the site (articles/pdf.py, without storing it)
and prints each time, the median and the pages and size. The goal is under 3 s; the
result is printed, never asserted.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SLUG = "eu-latin-america-digital-alliance"
GOAL_SECONDS = 3.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="timed renders after one warm-up")
    args = parser.parse_args()

    database = ROOT / "var" / "bench-pdf.sqlite3"
    database.parent.mkdir(exist_ok=True)
    for leftover in database.parent.glob(database.name + "*"):
        leftover.unlink()
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "stateup.settings",
            "DJANGO_DEBUG": "1",
            "DATABASE_URL": f"sqlite:///{database}",
            "DJANGO_MEDIA_ROOT": str(ROOT / "var" / "bench-pdf-media"),
            "STATEUP_TASKS_BACKEND": "django_tasks.backends.dummy.DummyBackend",
            "DJANGO_LOG_LEVEL": "WARNING",
        }
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from articles import pdf
    from articles.models import Article

    if reason := pdf.unavailable_reason():
        print(f"PDF editions are off on this machine: {reason}")
        return 1
    call_command("migrate", verbosity=0)
    call_command("loaddemo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    article = pdf._fresh(Article.objects.get(slug=SLUG).pk)

    started = time.perf_counter()
    data, pages = pdf.render(article)  # the first in a process: loads fonts and CSS
    cold = time.perf_counter() - started
    times = []
    for _ in range(args.runs):
        article = pdf._fresh(article.pk)  # as the task does: fetch, then render
        started = time.perf_counter()
        data, pages = pdf.render(article)
        times.append(time.perf_counter() - started)

    print(f"PDF of “{article.title}” ({article.series_label})")
    print(f"  {pages} pages, {len(data) / 1024:.1f} KB")
    print(f"  first render in a fresh process: {cold:.2f} s")
    print("  renders: " + ", ".join(f"{t:.2f} s" for t in times))
    median = statistics.median(times)
    verdict = "met" if max(cold, median) < GOAL_SECONDS else "NOT met"
    print(f"  median {median:.2f} s, fastest {min(times):.2f} s, slowest {max(times):.2f} s")
    print(f"  goal: under {GOAL_SECONDS:.0f} s: {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
