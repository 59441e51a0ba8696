"""
Real headless Chromium (Debian's /usr/bin/chromium) driven by Playwright.

Skipped with a clear reason where no Chromium is installed; required when CI=true.
"""

import os
import shutil

import pytest

# Playwright's sync API runs an event loop in this thread; the Django test
# database is still used synchronously and safely from the same thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1366, "height": 900}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI") == "true":
            pytest.fail(f"Chromium is required in CI and was not found at {CHROMIUM}")
        pytest.skip(f"no Chromium at {CHROMIUM}: install Debian's chromium package")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class ConsoleErrors(list):
    """Console errors (CSP violations included) seen by a test's pages."""


@pytest.fixture
def console_errors():
    return ConsoleErrors()


def csp_violations(messages) -> list[str]:
    """Chromium reports every blocked script, style, frame or connection this way."""
    return [message for message in messages if "Content Security Policy" in message]


@pytest.fixture
def open_page(browser, live_server, console_errors):
    """
    Opens a page in a new browser context (keyword arguments as for
    `browser.new_context`, e.g. `java_script_enabled=False`). Every page's console
    is watched: the test fails if any of them logged a CSP violation.
    """
    contexts = []

    def open_page(**options):
        context = browser.new_context(
            **{"viewport": DESKTOP, "base_url": live_server.url, **options}
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.on(
            "console",
            lambda message: (
                console_errors.append(message.text) if message.type == "error" else None
            ),
        )
        page.on("pageerror", lambda error: console_errors.append(str(error)))
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert not csp_violations(console_errors), console_errors


@pytest.fixture
def page(open_page):
    return open_page()
