"""
Served HTML is valid: the Nu HTML Checker (vnu, pinned in tests/vnu/package.json and
installed from the npm registry with `npm ci`) reports no error on the pages readers
meet, filled with the demo site's rich briefs.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from articles.models import Article

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

VNU_DIR = Path(__file__).parent / "vnu"
VNU_JAR = VNU_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def _unavailable(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"the HTML check must run in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def vnu() -> list[str]:
    java = shutil.which("java")
    if java is None:
        _unavailable("Java is needed for the Nu HTML Checker")
    if not VNU_JAR.exists():
        npm = shutil.which("npm")
        if npm is None:
            _unavailable("npm is needed to install the Nu HTML Checker")
        subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=VNU_DIR, check=True)
    return [java, "-Xss4m", "-jar", str(VNU_JAR)]


def pages_readers_meet(client) -> dict[str, str]:
    call_command("loaddemo", verbosity=0)
    brief = Article.objects.published().filter(is_featured=True).first()
    tag = brief.tags.order_by("name").first()
    author = brief.authors.order_by("name").first()
    return {
        "home": "/",
        "list": "/articles/",
        "brief": brief.get_absolute_url(),
        "topic": brief.category.get_absolute_url(),
        "tag": f"/tags/{tag.slug}/",
        "author": author.get_absolute_url(),
        "search": "/search/?q=digital",
        "signup": "/newsletter/signup/",
        "contact": "/contact/",
        "404": "/no-such-page/",
    }


def test_the_nu_html_checker_finds_no_error_on_the_pages_readers_meet(vnu, tmp_path):
    client = Client()
    files = []
    for name, path in pages_readers_meet(client).items():
        response = client.get(path)
        assert response.status_code == (404 if name == "404" else 200), path
        file = tmp_path / f"{name}.html"
        file.write_bytes(response.content)
        files.append(str(file))
    result = subprocess.run(
        [*vnu, "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m.get("type") == "error"
    ]
    assert errors == []
