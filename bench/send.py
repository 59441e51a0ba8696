#!/usr/bin/env python3
"""
Measure campaign sending the way production does it: real workers, real SMTP.

    make bench-send                                   # database queue, 100,000 subscribers
    make bench-send SEND_ARGS="--backend rq"          # the Redis queue (RQ)
    python bench/send.py --subscribers 10000 --workers 2

Builds a database of its own (<DATABASE_URL's database>_sendbench on PostgreSQL, else
var/sendbench.sqlite3), fills it with confirmed subscribers, starts an aiosmtpd sink
on a local port and the workers (`manage.py db_worker`, or `manage.py rqworker` for
RQ), starts one campaign and waits until the sink holds every message. It prints
messages per second, the same figure for bare smtplib loops to the same sink in the
same run, one process and connection per worker (the ceiling: what this machine's SMTP
path allows with no Django and no database at all), their ratio, and each worker's
peak memory. Exits non-zero if the acceptance limits
(every message within 5 minutes, a worker under 300 MB) are not met.
"""

from __future__ import annotations

import argparse
import os
import smtplib
import subprocess
import sys
import threading
import time
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv").exists() else sys.executable
SINK_PORT = int(os.environ.get("STATEUP_BENCH_SMTP_PORT", "8625"))
LIMIT_SECONDS = 300
LIMIT_MB = 300


class Sink:
    """An SMTP server that only counts what it accepts (parsing would make it the bottleneck)."""

    def __init__(self, port: int):
        import logging

        from aiosmtpd.controller import Controller

        logging.getLogger("mail.log").setLevel(logging.WARNING)  # one line per SMTP command

        self.count = 0
        self.lock = threading.Lock()
        sink = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                with sink.lock:
                    sink.count += 1
                return "250 OK"

        self.controller = Controller(Handler(), hostname="127.0.0.1", port=port)
        self.controller.start()

    def reset(self):
        with self.lock:
            self.count = 0

    def stop(self):
        self.controller.stop()


def ceiling(port: int, messages: int = 3000) -> tuple[float, float]:
    """A bare smtplib loop on one connection: one message made once, only To changed."""
    message = EmailMessage()
    message["From"] = "hello@stateup.org"
    message["To"] = "reader-to-7f3a@example.org"
    message["Subject"] = "Ceiling"
    message.set_content("x " * 1500)
    message.add_alternative("<p>" + "x " * 1500 + "</p>", subtype="html")
    raw = message.as_bytes(policy=message.policy.clone(linesep="\r\n"))
    with smtplib.SMTP("127.0.0.1", port) as smtp:
        start = time.monotonic()
        for n in range(messages):
            to = f"reader{n}@example.org"
            smtp.sendmail("hello@stateup.org", [to], raw.replace(b"reader-to-7f3a", to.encode()))
        return start, time.monotonic()


def parallel_ceiling(port: int, connections: int) -> float:
    """Messages per second of `connections` bare loops at once, each in a process of its own."""
    loops = [
        subprocess.Popen(
            [PYTHON, __file__, "--ceiling-port", str(port)], stdout=subprocess.PIPE, text=True
        )
        for _ in range(connections)
    ]
    spans = [[float(x) for x in loop.communicate()[0].split()] for loop in loops]
    if any(loop.returncode for loop in loops):
        raise RuntimeError("a ceiling loop failed")
    return 3000 * connections / (max(end for _, end in spans) - min(start for start, _ in spans))


def bench_database_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        (ROOT / "var").mkdir(exist_ok=True)
        path = ROOT / "var" / "sendbench.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path}"
    parts = urlsplit(url)
    name = parts.path.lstrip("/") + "_sendbench"
    host = parts.hostname or "127.0.0.1"
    user = parts.username or "postgres"
    base = ["-h", host, "-p", str(parts.port or 5432), "-U", user]
    subprocess.run(["dropdb", "--if-exists", *base, name], check=True)
    subprocess.run(["createdb", *base, name], check=True)
    return urlunsplit(parts._replace(path="/" + name))


def peak_rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--subscribers", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--backend", choices=["db", "rq"], default="db")
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument(
        "--redis-url", default=os.environ.get("BENCH_SEND_REDIS_URL", "redis://127.0.0.1:6379/10")
    )
    args = parser.parse_args()

    env = {
        **os.environ,
        "DATABASE_URL": bench_database_url(),
        "DJANGO_SETTINGS_MODULE": "stateup.settings",
        "DJANGO_DEBUG": "1",
        "DJANGO_EMAIL_BACKEND": "newsletter.smtp.EmailBackend",
        "EMAIL_URL": f"smtp://127.0.0.1:{SINK_PORT}",
        "STATEUP_CAMPAIGN_BATCH_SIZE": str(args.batch_size),
        "STATEUP_TASKS_BACKEND": {
            "db": "django_tasks_db.DatabaseBackend",
            "rq": "django_tasks_rq.RQBackend",
        }[args.backend],
        "STATEUP_TASKS_REDIS_URL": args.redis_url,
    }
    os.environ.update(env)
    subprocess.run(
        [PYTHON, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )

    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.utils import timezone

    from newsletter import sending
    from newsletter.models import Campaign, Subscriber

    if args.backend == "rq":
        import redis

        redis.Redis.from_url(args.redis_url).flushdb()

    print(f"Creating {args.subscribers:,} confirmed subscribers…", flush=True)
    now = timezone.now()
    languages = ["en", "es", "pt"]
    for start in range(0, args.subscribers, 10_000):
        Subscriber.objects.bulk_create(
            [
                Subscriber(
                    email=f"reader{n}@example.org",
                    status="confirmed",
                    language=languages[n % 3],
                    interests=["newsletter"],
                    confirmed_at=now,
                )
                for n in range(start, min(start + 10_000, args.subscribers))
            ],
            batch_size=2000,
        )
    campaign = Campaign.objects.create(
        subject="The StateUp newsletter",
        preheader="Three new briefs",
        body="<h2>Energy</h2><p>"
        + "A paragraph of news about the transitions. " * 20
        + "</p>"
        + "<p><a href='https://stateup.org/articles/x/'>Read the brief</a></p>",
    )

    sink = Sink(SINK_PORT)
    # In processes of their own, like the workers (in this one they would share the GIL
    # with the sink), with as many connections as the workers will use.
    top = parallel_ceiling(SINK_PORT, args.workers)
    sink.reset()
    print(
        f"Ceiling (bare smtplib, {args.workers} connection(s) in {args.workers} process(es), "
        f"as the workers): {top:,.0f} messages/s",
        flush=True,
    )

    if args.backend == "rq":
        command = ["rqworker", "--worker-class", "background.rq_worker.Worker",
                   "--job-class", "django_tasks_rq.Job", "--with-scheduler", "default"]  # fmt: skip
    else:
        command = ["db_worker", "--no-reload", "--interval", "0.2"]
    workers = [
        subprocess.Popen(
            [PYTHON, "manage.py", *command],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(args.workers)
    ]
    try:
        time.sleep(3)  # the workers start up before the clock does
        started = time.perf_counter()
        sending.start(campaign)
        frozen = time.perf_counter() - started
        deadline = started + LIMIT_SECONDS + 60
        while sink.count < args.subscribers and time.perf_counter() < deadline:
            time.sleep(0.25)
        elapsed = time.perf_counter() - started
        memory = [peak_rss_mb(worker.pid) for worker in workers]
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            try:
                worker.wait(timeout=20)
            except subprocess.TimeoutExpired:
                worker.kill()
        sink.stop()

    delivered = sink.count
    rate = delivered / elapsed
    campaign.refresh_from_db()
    print(f"Backend: {args.backend}  workers: {args.workers}  batch size: {args.batch_size}")
    print(f"Recipient list frozen in {frozen:.1f} s")
    print(
        f"Delivered {delivered:,} of {args.subscribers:,} in {elapsed:.1f} s: {rate:,.0f} messages/s"
    )
    print(f"Ratio to the bare smtplib ceiling: {rate / top:.2f}")
    print("Worker peak memory: " + ", ".join(f"{mb:.0f} MB" for mb in memory))
    print(f"Campaign status: {campaign.status}")
    ok = delivered == args.subscribers and elapsed <= LIMIT_SECONDS and max(memory) <= LIMIT_MB
    print(
        "Within the limits (all delivered in 5 minutes, under 300 MB a worker)"
        if ok
        else "OUTSIDE THE LIMITS"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    if sys.argv[1:2] == ["--ceiling-port"]:
        print(*ceiling(int(sys.argv[2])))
        sys.exit(0)
    sys.exit(main())
