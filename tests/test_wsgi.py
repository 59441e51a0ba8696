"""
The WSGI module does before gunicorn forks (preload_app) what every worker would
otherwise pay for on its first requests, each time `max_requests` starts it again.
"""

import json
import subprocess

from bench.server import PYTHON, ROOT, production_environment

CHECK = """
import json, sys
import stateup.wsgi
from django.template import engines
from django.urls import get_resolver
from django.utils import translation
loader = engines["django"].engine.template_loaders[0]
print(json.dumps({
    "weasyprint": "weasyprint" in sys.modules,
    "templates": sorted(key.split(":")[0] for key in loader.get_template_cache),
    "url_patterns_ready": get_resolver()._populated,
}))
"""


def warmed(tmp_path, **overrides) -> dict:
    env = production_environment(f"sqlite:///{tmp_path}/db.sqlite3", tmp_path, **overrides)
    out = subprocess.run(
        [PYTHON, "-c", CHECK], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout
    return json.loads(out.splitlines()[-1])


def test_a_production_worker_starts_with_weasyprint_templates_and_urls_loaded(tmp_path):
    state = warmed(tmp_path)
    assert state["weasyprint"]  # otherwise about a second on a new worker's first brief
    assert {"base.html", "articles/brief_detail.html", "includes/brief_card.html"} <= set(
        state["templates"]
    )
    assert state["url_patterns_ready"]


def test_the_development_server_starts_without_warming(tmp_path):
    state = warmed(tmp_path, DJANGO_DEBUG="1")
    assert not state["weasyprint"]
    assert state["templates"] == []
