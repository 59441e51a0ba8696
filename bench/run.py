#!/usr/bin/env python3
"""
Measure StateUp CMS the way readers meet it: gunicorn, production settings, loopback.

    make bench                       # 100 briefs, then the same pages at 10,000
    python bench/run.py --briefs 100 --briefs 100000 --duration 10

    python bench/run.py --database-url sqlite:///var/bench.sqlite3   # the zero-setup default

For every data-set size it builds a fresh database (PostgreSQL by default, or SQLite),
loads the demo site (`loaddemo`: the rich briefs people read) and generates the other
briefs (`generatebriefs`, which also builds the search index), starts gunicorn (2 sync
workers by default, like the reference figures in the README) twice, once with the page
cache off and once with it on, drives each page kind with wrk (16 connections) and
prints requests/s, p50/p95/p99 latency and the queries each page makes. Search cycles
through varied queries on one connection, so its percentiles are the time one search
takes rather than time spent queueing.

Two ceilings are measured in the same minute, so the ratios stay meaningful on a noisy
machine: a 20 KB view with no database inside the site's own stack ("ceiling", in both
servers), and a bare Django project (bench/ceiling/: the same 20 KB behind only
SecurityMiddleware, WhiteNoise and CommonMiddleware, same gunicorn settings). Every
page's requests/s is shown as a ratio to both. The load average before and after each
size is printed too. Results are printed (and saved under bench/results/), never
asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.server import ROOT, Gunicorn, manage, production_environment

LUA = str(ROOT / "bench" / "latency.lua")
RESULTS = ROOT / "bench" / "results"

# Varied searches (as in `manage.py benchsearch`): common and rare words, phrases,
# accents, `or`, exclusions, author names, filters, a later page, no results.
SEARCHES = [
    "/search/?q=energy",
    "/search/?q=climate+finance",
    "/search/?q=%22critical+minerals%22",
    "/search/?q=S%C3%A3o+Paulo",
    "/search/?q=sao+paulo",
    "/search/?q=transi%C3%A7%C3%A3o+energ%C3%A9tica",
    "/search/?q=lithium+or+cobalt",
    "/search/?q=energy+-solar",
    "/search/?q=Garc%C3%ADa+P%C3%A9rez",
    "/search/?q=interoperability+permitting",
    "/search/?q=zyxwvut",
    "/search/?q=investment&topic=climate-finance",
    "/search/?q=policy&tag=green-hydrogen",
    "/search/?q=policy&page=3",
]

QUERY_SCRIPT = """
import json, os
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client = Client(HTTP_X_FORWARDED_PROTO="https", HTTP_HOST="127.0.0.1")
counts = {}
for kind, url in json.loads(os.environ["BENCH_PAGES"]).items():
    client.get(url)  # warm the per-process caches a worker would have
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    counts[kind] = {"status": response.status_code, "queries": len(ctx.captured_queries)}
print("QUERIES " + json.dumps(counts))
"""

SAMPLE_SCRIPT = """
import json
from articles.models import Article
public = Article.objects.published().newest_first()
demo = public.filter(is_featured=True).values_list("slug", flat=True).first() or ""
total = public.count()
brief = public.select_related("category").exclude(slug=demo)[total // 2]
tag = brief.tags.order_by("name").first()
author = brief.authors.order_by("name").first()
print("SAMPLE " + json.dumps({
    "brief": brief.get_absolute_url(),
    "demo brief": f"/articles/{demo}/" if demo else brief.get_absolute_url(),
    "topic": brief.category.get_absolute_url(),
    "tag": f"/tags/{tag.slug}/",
    "author": author.get_absolute_url(),
}))
"""


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        log("installing wrk from Debian's packages")
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True)
        return shutil.which("wrk") or "wrk"
    raise SystemExit("wrk is needed: apt-get install wrk")


WORKDIR = ROOT / "var" / "bench"


def environment(database_url: str, redis_url: str, page_cache: bool) -> dict:
    return production_environment(
        database_url,
        WORKDIR,
        DJANGO_SECRET_KEY="bench-" + "x" * 60,  # the same in every server of a run
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        REDIS_URL=redis_url,
        STATEUP_RATE_LIMITS="0",
        STATEUP_BENCHMARK="1",
        STATEUP_DEMO="1",
        STATEUP_PAGE_CACHE="1" if page_cache else "0",
    )


def tagged_json(output: str, tag: str) -> dict:
    for line in output.splitlines():
        if line.startswith(tag + " "):
            return json.loads(line[len(tag) + 1 :])
    raise RuntimeError(f"no {tag} line in output:\n{output}")


def count_briefs(env: dict) -> int | None:
    """How many briefs the benchmark database holds, or None if it has none or is not there."""
    code = "from articles.models import Article; print('COUNT', Article.objects.count())"
    try:
        output = manage(env, "shell", "--no-imports", "-c", code, capture=True, quiet=True)
    except subprocess.CalledProcessError:
        return None
    for line in output.splitlines():
        if line.startswith("COUNT "):
            return int(line.split()[1])
    return None


def recreate_database(database_url: str) -> None:
    if database_url.startswith("sqlite:"):
        path = Path(database_url.removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    name = database_url.rsplit("/", 1)[1]
    admin_url = database_url.rsplit("/", 1)[0] + "/postgres"
    for sql in (f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"'):
        subprocess.run(["psql", admin_url, "-qc", sql], check=True)


def run_wrk(wrk: str, url: str, args, search: bool = False) -> dict:
    connections = args.search_connections if search else args.connections
    threads = min(args.wrk_threads, connections)
    command = [
        wrk, f"-t{threads}", f"-c{connections}", f"-d{args.duration}s",
        "--timeout", "5s", "-s", LUA, url,
    ]  # fmt: skip
    env = {**os.environ, "BENCH_PATHS": "\n".join(SEARCHES) if search else ""}
    output = subprocess.run(command, check=True, capture_output=True, text=True, env=env).stdout
    numbers = tagged_json(output, "BENCH")
    numbers["rps"] = numbers["requests"] / numbers["seconds"] if numbers["seconds"] else 0.0
    return numbers


def measure(args, wrk: str, briefs: int, database_url: str) -> list[dict]:
    rows = []
    for page_cache in (False, True):
        env = environment(database_url, args.redis_url, page_cache)
        # Nothing cached by an earlier run or size may answer for this one.
        manage(
            env, "shell", "--no-imports", "-c", "from django.core.cache import cache; cache.clear()"
        )
        sample = tagged_json(
            manage(env, "shell", "--no-imports", "-c", SAMPLE_SCRIPT, capture=True), "SAMPLE"
        )
        pages = {
            "ceiling": "/bench/ceiling",
            "home": "/",
            "list": "/articles/",
            "brief": sample["brief"],
            "demo brief": sample["demo brief"],
            "topic": sample["topic"],
            "tag": sample["tag"],
            "author": sample["author"],
            "search": SEARCHES[0],
        }
        queries = {}
        if not page_cache:
            output = manage(
                {**env, "BENCH_PAGES": json.dumps(pages)},
                "shell", "--no-imports", "-c", QUERY_SCRIPT,
                capture=True,
            )  # fmt: skip
            queries = tagged_json(output, "QUERIES")
        RESULTS.mkdir(parents=True, exist_ok=True)
        with Gunicorn(env, workers=args.workers, log=RESULTS / "gunicorn.log") as server:
            if page_cache:
                # The bare Django ceiling, in the same minute as the cached pages.
                with Gunicorn(
                    env,
                    workers=args.workers,
                    log=RESULTS / "gunicorn.log",
                    app="bench.ceiling.wsgi",
                ) as bare:
                    rows.append(
                        _measure_page(
                            args, wrk, bare.url, "/bench/ceiling", "bare django", briefs, "-", {}
                        )
                    )
            for kind, path in pages.items():
                # The ceiling runs in both servers: each half of the table has its own.
                if page_cache and kind == "search":
                    continue
                rows.append(
                    _measure_page(
                        args,
                        wrk,
                        server.url,
                        path,
                        kind,
                        briefs,
                        "on" if page_cache else "off",
                        queries,
                    )
                )
    return rows


def _measure_page(
    args, wrk: str, base: str, path: str, kind: str, briefs: int, cache: str, queries: dict
) -> dict:
    url = base + path
    search = kind == "search"
    subprocess.run(  # warm-up
        [wrk, "-t1", "-c2", "-d2s", "-s", LUA, url],
        check=True,
        capture_output=True,
        env={**os.environ, "BENCH_PATHS": "\n".join(SEARCHES) if search else ""},
    )
    numbers = run_wrk(wrk, url, args, search=search)
    log(f"{briefs:>7} briefs  {kind:<11} cache {cache:<3}  {numbers['rps']:8.0f} req/s")
    return {
        "briefs": briefs,
        "page": kind,
        "cache": cache,
        "connections": args.search_connections if search else args.connections,
        "queries": queries.get(kind, {}).get("queries"),
        **numbers,
    }


def print_table(rows: list[dict]) -> None:
    header = (
        f"{'briefs':>7}  {'page':<11} {'cache':<5} {'conns':>5} {'req/s':>8} {'p50 ms':>7} "
        f"{'p95 ms':>7} {'p99 ms':>7} {'queries':>7} {'errors':>6}  {'vs stack':>8}  {'vs bare':>7}"
    )
    print(header)
    print("-" * len(header))
    # The in-stack ceiling of the same server; the bare Django ceiling of the same size.
    stack = {(r["briefs"], r["cache"]): r["rps"] for r in rows if r["page"] == "ceiling"}
    bare = {r["briefs"]: r["rps"] for r in rows if r["page"] == "bare django"}
    for r in rows:
        in_stack = stack.get((r["briefs"], r["cache"])) or 0
        django = bare.get(r["briefs"]) or 0
        vs_stack = f"{r['rps'] / in_stack:>8.2f}" if in_stack else ""
        vs_bare = f"{r['rps'] / django:>7.2f}" if django else ""
        queries = "" if r["queries"] is None else str(r["queries"])
        print(
            f"{r['briefs']:>7}  {r['page']:<11} {r['cache']:<5} {r['connections']:>5} {r['rps']:>8.0f} "
            f"{r['p50']:>7.2f} {r['p95']:>7.2f} {r['p99']:>7.2f} {queries:>7} {r['errors']:>6}  "
            f"{vs_stack:>8}  {vs_bare:>7}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--briefs", type=int, action="append", help="data-set size (repeatable)")
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument(
        "--search-connections",
        type=int,
        default=1,
        help="wrk connections for search (1: the percentiles are one search's own time)",
    )
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/stateup_bench"
        ),
        help="a PostgreSQL database (or sqlite:///file) that is DROPPED and recreated",
    )
    parser.add_argument(
        "--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9")
    )
    parser.add_argument(
        "--reuse-data",
        action="store_true",
        help="keep the database if it already holds exactly that many briefs (a rerun)",
    )
    args = parser.parse_args()
    sizes = args.briefs or [100, 10_000]
    wrk = ensure_wrk()
    rows: list[dict] = []
    loads = []
    for briefs in sizes:
        env = environment(args.database_url, args.redis_url, page_cache=False)
        if args.reuse_data and count_briefs(env) == briefs:
            log(f"reusing the {briefs} briefs in {args.database_url}")
            manage(env, "migrate", "--noinput")
        else:
            log(f"preparing {briefs} briefs in {args.database_url}")
            recreate_database(args.database_url)
            manage(env, "migrate", "--noinput")
            started = time.monotonic()
            manage(env, "loaddemo")
            manage(env, "generatebriefs", "--count", str(briefs), "--yes")
            log(f"generated and indexed {briefs} briefs in {time.monotonic() - started:.0f} s")
        manage(env, "collectstatic", "--noinput")
        before = os.getloadavg()
        rows.extend(measure(args, wrk, briefs, args.database_url))
        loads.append({"briefs": briefs, "before": before, "after": os.getloadavg()})
    print()
    print(
        f"StateUp CMS benchmark, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores, "
        f"gunicorn {args.workers} sync workers, wrk {args.connections} connections "
        f"({args.search_connections} for search), {args.duration}s per page"
    )
    for load in loads:
        print(
            f"load average at {load['briefs']} briefs: "
            f"{load['before'][0]:.2f} before, {load['after'][0]:.2f} after (1 minute)"
        )
    print()
    print_table(rows)
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"bench-{datetime.now(UTC):%Y%m%dT%H%M%S}.json"
    out.write_text(json.dumps({"rows": rows, "load": loads}, indent=2))
    print(f"\nSaved to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
