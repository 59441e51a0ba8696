"""
Serving the site the way readers get it, for the benchmark, the audit and the tests
that need real processes: production settings on loopback, gunicorn, management
commands run in that environment.

    from bench.server import Gunicorn, manage, production_environment
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv").exists() else sys.executable
GUNICORN = str(Path(PYTHON).parent / "gunicorn")
# What the TLS-terminating proxy in front of the site adds.
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_environment(database_url: str, workdir: Path, **overrides: str) -> dict:
    """This process's environment without the site's settings, then production ones on loopback."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "STATEUP_", "GUNICORN_"))
        and key not in {"DATABASE_URL", "REDIS_URL", "EMAIL_URL"}
    }
    env.update(
        {
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DATABASE_URL": database_url,
            "DJANGO_STATIC_ROOT": str(workdir / "static"),
            "DJANGO_MEDIA_ROOT": str(workdir / "media"),
            "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "DJANGO_LOG_LEVEL": "WARNING",
            "STATEUP_PROXY_COUNT": "0",
            "GUNICORN_ACCESS_LOG": "",
        }
    )
    env.update(overrides)
    return env


def manage(env: dict, *args: str, capture: bool = False, quiet: bool = False) -> str:
    """Run a management command in `env`; its output if `capture`."""
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
        stderr=subprocess.DEVNULL if quiet else None,
    )
    return result.stdout or ""


def get(url: str, timeout: float = 10) -> tuple[int, bytes]:
    """GET through loopback as the proxy would pass it on; the status and the body."""
    request = urllib.request.Request(url, headers=PROXY_HEADERS)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def wait_until_up(url: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if get(url, timeout=2)[0] == 200:
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise RuntimeError(f"the server did not answer at {url}")


class Gunicorn:
    """A gunicorn server with the site's own configuration (stateup/gunicorn.py), as a context."""

    def __init__(
        self,
        env: dict,
        *,
        workers: int = 2,
        port: int | None = None,
        log: Path | None = None,
        app: str = "stateup.wsgi",
        config: str = "python:stateup.gunicorn",
        cwd: Path = ROOT,
    ):
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **env,
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "GUNICORN_WORKERS": str(workers),
        }
        self.command = [GUNICORN, "-c", config, app]
        self.cwd = cwd
        self.log = log
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> Gunicorn:
        log = self.log.open("ab") if self.log else subprocess.DEVNULL
        self.process = subprocess.Popen(
            self.command,
            cwd=self.cwd,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=log,
            start_new_session=True,
        )
        try:
            wait_until_up(self.url + "/healthz")
        except RuntimeError:
            self.__exit__()
            raise RuntimeError(f"gunicorn did not start on {self.url} (log: {self.log})") from None
        return self

    def __exit__(self, *exc) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
