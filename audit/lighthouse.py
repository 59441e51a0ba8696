#!/usr/bin/env python3
"""
Lighthouse on a brief page, served the way readers get it: gunicorn, production settings.

    make audit                                  # mobile and desktop, each category >= 95
    python audit/lighthouse.py --form-factor mobile --runs 5 --min-score 90

It builds a throwaway SQLite database and media folder, loads the demo site
(`loaddemo`), collects the static files, starts gunicorn on loopback with
DJANGO_DEBUG unset and runs the pinned Lighthouse (audit/package-lock.json,
installed by `npm ci`) in Debian's headless Chromium against the featured brief.
Lighthouse runs a few times per form factor and the median run (by performance
score, as Lighthouse recommends) is reported: its four category scores
(performance, accessibility, best practices, SEO) and every audit that cost
points. Reports are saved under audit/reports/; the command exits non-zero when
a score is below --min-score.

Loopback has no TLS. Lighthouse sends `X-Forwarded-Proto: https` with the page's
requests, as the TLS-terminating proxy in front of the site does, so the site
answers as it does in production (HSTS, secure cookies, https canonical links).
Lighthouse fetches /robots.txt on its own, without that header, so the redirect
of plain HTTP to HTTPS is off (DJANGO_SECURE_SSL_REDIRECT=0); everything else is
as deployed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.server import PROXY_HEADERS, ROOT, Gunicorn, get, manage, production_environment

AUDIT = ROOT / "audit"
REPORTS = AUDIT / "reports"
LIGHTHOUSE = AUDIT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu --disable-background-networking"
ATTEMPTS = 3

BRIEF_SCRIPT = """
from articles.models import Article
brief = Article.objects.published().filter(is_featured=True).first()
brief = brief or Article.objects.published().newest_first().first()
print("BRIEF " + brief.get_absolute_url())
"""


def log(message: str) -> None:
    print(f"[audit] {message}", file=sys.stderr, flush=True)


def find_chromium() -> str:
    found = os.environ.get("CHROME_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(found).exists():
        raise SystemExit(f"no Chromium at {found}: install Debian's chromium or set CHROME_PATH")
    return found


def run_lighthouse(url: str, form_factor: str, chromium: str, output: Path) -> dict:
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        "--output=html",
        f"--output-path={output}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
        f"--extra-headers={json.dumps(PROXY_HEADERS)}",
    ]
    if form_factor == "desktop":
        command.append("--preset=desktop")
    for attempt in range(1, ATTEMPTS + 1):
        done = subprocess.run(command, check=False, env={**os.environ, "CHROME_PATH": chromium})
        if done.returncode == 0:
            return json.loads(Path(f"{output}.report.json").read_text())
        # Now and then a fresh headless Chromium records a trace Lighthouse cannot
        # read (NO_NAVSTART); running again is the remedy Lighthouse itself gives.
        log(f"Lighthouse failed (attempt {attempt} of {ATTEMPTS})")
    raise SystemExit(f"Lighthouse failed {ATTEMPTS} times on {url}")


def scores(report: dict) -> dict[str, int]:
    return {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}


def median_run(reports: list[dict]) -> dict:
    ranked = sorted(reports, key=lambda report: report["categories"]["performance"]["score"])
    return ranked[len(ranked) // 2]


def lost_points(report: dict, category: str) -> list[str]:
    """The audits that cost a category points, with what Lighthouse says about them."""
    lines = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
            shown = audit.get("displayValue") or ""
            lines.append(f"    {ref['id']} (score {audit['score']:.2f}) {audit['title']} {shown}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--form-factor",
        choices=["mobile", "desktop"],
        action="append",
        help="mobile (a mid-range phone on slow 4G, Lighthouse's default) and/or desktop; both by default",
    )
    parser.add_argument("--runs", type=int, default=3, help="runs per form factor (median kept)")
    parser.add_argument("--min-score", type=int, default=95, help="fail below this (0-100)")
    parser.add_argument("--port", type=int, default=0, help="gunicorn's port (default: a free one)")
    args = parser.parse_args()
    form_factors = args.form_factor or ["mobile", "desktop"]
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is not installed: run `npm ci` in audit/ (make audit does)")
    chromium = find_chromium()
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    REPORTS.mkdir(parents=True, exist_ok=True)

    runs: dict[str, list[dict]] = {}
    with tempfile.TemporaryDirectory(prefix="stateup-audit-") as tmp:
        workdir = Path(tmp)
        env = production_environment(f"sqlite:///{workdir / 'audit.sqlite3'}", workdir)
        log("preparing a throwaway database with the demo site")
        manage(env, "migrate", "--noinput")
        manage(env, "collectstatic", "--noinput")
        manage({**env, "STATEUP_DEMO": "1"}, "loaddemo")
        output = manage(env, "shell", "--no-imports", "-c", BRIEF_SCRIPT, capture=True)
        brief = next(
            line.split(" ", 1)[1] for line in output.splitlines() if line.startswith("BRIEF ")
        )
        with Gunicorn(
            env, workers=2, port=args.port or None, log=REPORTS / "gunicorn.log"
        ) as server:
            base = server.url
            for _ in range(3):  # a running site's workers have served the page before
                get(base + brief)
            for form_factor in form_factors:
                runs[form_factor] = []
                for run in range(1, args.runs + 1):
                    log(f"Lighthouse, {form_factor}, run {run} of {args.runs}: {base}{brief}")
                    output = REPORTS / f"brief-{form_factor}-{stamp}-{run}"
                    runs[form_factor].append(
                        run_lighthouse(base + brief, form_factor, chromium, output)
                    )

    version = runs[form_factors[0]][0]["lighthouseVersion"]
    print()
    print(
        f"Lighthouse {version} on the brief page {brief}, median of {args.runs} runs, "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC (reports in {REPORTS.relative_to(ROOT)}/)"
    )
    print()
    header = (
        f"{'':<10}" + "".join(f"{name:>16}" for name in CATEGORIES) + "   performance, every run"
    )
    print(header)
    print("-" * len(header))
    failed = []
    for form_factor, reports in runs.items():
        median = scores(median_run(reports))
        every = ", ".join(str(scores(report)["performance"]) for report in reports)
        print(
            f"{form_factor:<10}"
            + "".join(f"{median[name]:>16}" for name in CATEGORIES)
            + f"   {every}"
        )
        failed += [(form_factor, name) for name in CATEGORIES if median[name] < args.min_score]
    for form_factor, reports in runs.items():
        for name in CATEGORIES:
            lines = lost_points(median_run(reports), name)
            if lines:
                print(f"\n{form_factor}, {name}: points lost to")
                print("\n".join(lines))
    print()
    if failed:
        names = ", ".join(f"{name} ({form_factor})" for form_factor, name in failed)
        print(f"Below {args.min_score}: {names}")
        raise SystemExit(1)
    print(f"Every score is at least {args.min_score}.")


if __name__ == "__main__":
    main()
