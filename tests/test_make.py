"""The two commands: what `make run` does, read from the Makefile itself (make -n)."""

import shutil
import subprocess

import pytest
from django.conf import settings

MAKE = shutil.which("make")
pytestmark = pytest.mark.skipif(MAKE is None, reason="make is not installed")


def dry_run(*args: str) -> list[str]:
    output = subprocess.run(
        [MAKE, "-n", "-W", "pyproject.toml", *args],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [line for line in output.splitlines() if "manage.py" in line]


def test_make_run_on_another_port_gives_the_server_and_every_command_that_address():
    lines = dry_run("run", "PORT=8011")
    server = next(line for line in lines if "runserver" in line)
    assert "STATEUP_SITE_URL=http://127.0.0.1:8011" in server
    assert server.endswith("runserver 127.0.0.1:8011")
    site_commands = [line for line in lines if "compilemessages" not in line]
    assert all("STATEUP_SITE_URL=http://127.0.0.1:8011" in line for line in site_commands)
    assert not any(":8000" in line for line in lines)


def test_make_run_starts_the_background_worker_beside_the_server():
    lines = dry_run("run")
    worker = next(line for line in lines if "db_worker" in line)
    assert worker.rstrip("; \\").endswith("& worker=$!")
    assert lines.index(worker) < next(i for i, line in enumerate(lines) if "runserver" in line)
