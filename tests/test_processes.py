"""
Correct on every process and server: two gunicorn instances (three workers each) share
one database; briefs are archived, published and edited through one instance's admin,
through `manage.py shell` and through a bulk `update()`, and every page read through the
other instance shows the new state within one second.

Runs on the database the suite runs on (a database of its own beside the test
database, or an SQLite file), with the zero-setup default cache and, on PostgreSQL,
with Redis too.
"""

import http.client
import json
import os
import re
import time
import urllib.parse

import psycopg
import pytest
from django.db import connection

from bench.server import Gunicorn, manage, production_environment

pytestmark = pytest.mark.slow

WORKERS = 3
# Enough requests that every worker of the reading instance answers some.
READS = 4 * WORKERS
DEADLINE = 1.0

SETUP = """
from django.contrib.auth import get_user_model
from django.utils import timezone
from datetime import timedelta
from articles.models import Article, Author, Authorship, Category
topic = Category.objects.create(name="Energy", slug="energy")
author = Author.objects.create(name="Ana Lima", slug="ana-lima")
for n, slug in enumerate(["featured", "second", "draft"]):
    article = Article.objects.create(
        title=f"Brief {slug}", slug=slug, category=topic, summary="Summary.",
        body="<p>Body.</p>", is_featured=slug == "featured",
        status="draft" if slug == "draft" else "published",
        published_at=None if slug == "draft" else timezone.now() - timedelta(days=n + 1),
    )
    Authorship.objects.create(article=article, author=author)
get_user_model().objects.create_superuser("editor", "editor@example.org", "a-long-test-password")
print("PKS " + " ".join(str(pk) for pk in Article.objects.order_by("slug").values_list("pk", flat=True)))
"""


class Browser:
    """Just enough of a browser for the admin: cookies kept by hand (they are Secure)."""

    def __init__(self, base: str):
        self.base = base
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None):
        parts = urllib.parse.urlsplit(self.base)
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        headers = {"X-Forwarded-Proto": "https", "Host": parts.netloc}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"https://{parts.netloc}"
            headers["Referer"] = f"https://{parts.netloc}{path}"
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        content = response.read().decode()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        conn.close()
        return response.status, content

    def csrf_token(self, path: str) -> str:
        _, page = self.request("GET", path)
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

    def log_in(self) -> None:
        token = self.csrf_token("/admin/login/")
        status, _ = self.request(
            "POST",
            "/admin/login/?next=/admin/",
            {
                "csrfmiddlewaretoken": token,
                "username": "editor",
                "password": "a-long-test-password",
            },
        )
        assert status == 302, "the editor could not log in"

    def transition(self, pk: int, name: str) -> None:
        change = f"/admin/articles/article/{pk}/change/"
        token = self.csrf_token(change)
        status, _ = self.request(
            "POST",
            f"/admin/articles/article/{pk}/transition/{name}/",
            {"csrfmiddlewaretoken": token},
        )
        assert status == 302, f"{name} was refused"


def read(base: str, path: str) -> tuple[int, str]:
    """What an anonymous reader gets, with a fresh connection (any worker may answer)."""
    parts = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    conn.request("GET", path, headers={"X-Forwarded-Proto": "https", "Host": parts.netloc})
    response = conn.getresponse()
    content = response.read().decode()
    conn.close()
    return response.status, content


def reads_agree(base: str, path: str, check) -> bool:
    return all(check(*read(base, path)) for _ in range(READS))


def wait_for(base: str, pages: dict, since: float) -> float:
    """
    Seconds from `since` to the first round of reads in which every read of every page
    passed its check; fails if no round that began within the deadline did.
    """
    while True:
        began = time.monotonic() - since
        failing = [path for path, check in pages.items() if not reads_agree(base, path, check)]
        if not failing:
            return began
        if began > DEADLINE:
            pytest.fail(f"still stale {began:.2f} s later on another instance: {failing}")
        time.sleep(0.05)


def shows(text: str):
    return lambda status, body: status == 200 and text in body


def hides(text: str):
    return lambda status, body: text not in body


def is_gone(status, body):
    return status == 404


def _database_url(tmp_path) -> str:
    if connection.vendor == "sqlite":
        return f"sqlite:///{tmp_path / 'site.sqlite3'}"
    settings_dict = connection.settings_dict
    name = f"{settings_dict['NAME']}_processes"
    host, port = settings_dict["HOST"] or "127.0.0.1", settings_dict["PORT"] or 5432
    user = settings_dict["USER"]
    with psycopg.connect(host=host, port=port, user=user, dbname="postgres", autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        db.execute(f'CREATE DATABASE "{name}"')
    return f"postgres://{user}@{host}:{port}/{name}"


CACHES = ["memory"] + (
    ["redis"] if os.environ.get("DATABASE_URL", "").startswith("postgres") else []
)


@pytest.fixture(params=CACHES)
def site(request, tmp_path):
    database_url = _database_url(tmp_path)
    overrides = {}
    if request.param == "redis":
        overrides["REDIS_URL"] = request.getfixturevalue("redis_url")
        overrides["DJANGO_CACHE_PREFIX"] = f"processes-{time.time_ns()}"
    env = production_environment(database_url, tmp_path, **overrides)
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    output = manage(env, "shell", "--no-imports", "-c", SETUP, capture=True)
    numbers = map(int, output.split("PKS ")[1].split())
    pks = dict(zip(["draft", "featured", "second"], numbers, strict=True))
    log = tmp_path / "gunicorn.log"
    with (
        Gunicorn(env, workers=WORKERS, log=log) as writer,
        Gunicorn(env, workers=WORKERS, log=log) as reader,
    ):
        yield {"env": env, "pks": pks, "writer": writer.url, "reader": reader.url}


def shell(env: dict, code: str) -> None:
    manage(env, "shell", "--no-imports", "-c", code)


def warm(base: str, paths) -> None:
    """Every worker has the pages in its cache, as on a site that has been up a while."""
    for path in paths:
        for _ in range(READS):
            read(base, path)


PAGES = ["/", "/articles/", "/articles/featured/", "/topics/energy/", "/authors/ana-lima/"]


def test_every_write_path_shows_on_the_other_instance_within_a_second(site):
    env, pks, reader = site["env"], site["pks"], site["reader"]
    timings = {}
    warm(reader, PAGES)
    assert reads_agree(reader, "/articles/", shows("Brief featured"))

    # Through the admin of the other instance: archive the featured brief.
    editor = Browser(site["writer"])
    editor.log_in()
    editor.transition(pks["featured"], "archive")
    since = time.monotonic()
    timings["admin archive"] = wait_for(
        reader,
        {
            "/articles/featured/": is_gone,
            "/": hides("Brief featured"),
            "/articles/": hides("Brief featured"),
            "/topics/energy/": hides("Brief featured"),
            "/authors/ana-lima/": hides("Brief featured"),
        },
        since,
    )

    # Through `manage.py shell`: publish the draft.
    warm(reader, PAGES)
    shell(
        env,
        "from articles.models import Article; from articles.editorial import workflow; "
        "workflow.publish(Article.objects.get(slug='draft'))",
    )
    since = time.monotonic()
    timings["shell publish"] = wait_for(
        reader,
        {
            "/articles/draft/": shows("Brief draft"),
            "/": shows("Brief draft"),
            "/articles/": shows("Brief draft"),
            "/topics/energy/": shows("Brief draft"),
        },
        since,
    )

    # Through a bulk update(), which sends no model signal: edit a title.
    warm(reader, [*PAGES, "/articles/second/"])
    shell(
        env,
        "from articles.models import Article; "
        "Article.objects.filter(slug='second').update(title='Brief renamed in bulk')",
    )
    since = time.monotonic()
    timings["bulk edit"] = wait_for(
        reader,
        {
            "/articles/second/": shows("Brief renamed in bulk"),
            "/articles/": shows("Brief renamed in bulk"),
            "/authors/ana-lima/": shows("Brief renamed in bulk"),
        },
        since,
    )
    # Search follows the bulk edit too (the matched word is highlighted).
    status, body = read(reader, "/search/?q=renamed")
    assert status == 200
    assert 'href="/articles/second/"' in body
    print("seconds until every worker of the other instance showed it:", json.dumps(timings))
