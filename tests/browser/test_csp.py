"""
The Content-Security-Policy in real Chromium: enforced (not report-only), with no
inline script allowed, on every public page and on the admin's brief editor.

Every test in tests/browser/ also fails on any CSP violation a page logs (see the
`open_page` fixture); the last test here shows that Chromium does log one, in the
words that fixture looks for, when a page breaks the policy.
"""

import pytest

from tests.browser.conftest import csp_violations
from tests.factories import make_article, make_author, make_category, make_user

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "browser-test-password-1"
UNSAFE_SOURCES = {"'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*", "data:", "http:"}


def directives(header: str) -> dict[str, list[str]]:
    parsed = {}
    for directive in header.split(";"):
        name, *sources = directive.split()
        parsed[name] = sources
    return parsed


def enforced_policy(response) -> dict[str, list[str]]:
    """The response's enforced policy, after checking it has no report-only stand-in."""
    headers = response.all_headers()
    assert "content-security-policy-report-only" not in headers, response.url
    return directives(headers["content-security-policy"])


def assert_no_inline_script(policy, url):
    for name in ("script-src", "style-src", "default-src", "object-src", "base-uri"):
        assert name in policy, (url, name)
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    for name in ("script-src", "style-src", "default-src"):
        sources = set(policy[name])
        assert not sources & UNSAFE_SOURCES, (url, name, sources)
        assert {source for source in sources if not source.startswith("'nonce-")} == {"'self'"}


def nonces(policy) -> set[str]:
    return {source for sources in policy.values() for source in sources if "nonce-" in source}


def test_public_pages_enforce_a_policy_without_inline_script(page):
    brief = make_article(
        slug="grids",
        category=make_category(slug="energy"),
        tags=["storage"],
        authors=[make_author(slug="ana-lima")],
    )
    for path in (
        "/",
        "/articles/",
        brief.get_absolute_url(),
        "/topics/energy/",
        "/tags/storage/",
        "/authors/ana-lima/",
        "/search/?q=grids",
        "/search/?q=nothing-matches",
        "/newsletter/signup/",
        "/contact/",
        "/articles/no-such-brief/",
    ):
        response = page.goto(path)
        policy = enforced_policy(response)
        assert_no_inline_script(policy, path)
        assert nonces(policy) == set(), path
        assert page.locator("script:not([src]):not([type='application/ld+json'])").count() == 0
        assert page.locator("[onclick], [onload], [onerror], [onsubmit]").count() == 0
        assert page.locator("a[href^='javascript:' i]").count() == 0


def test_the_admin_brief_editor_enforces_a_policy_with_a_nonce_and_no_inline_script(page):
    editor = make_user("Editors", password=PASSWORD)
    brief = make_article(title="A digital alliance", authors=[make_author()])
    page.goto("/admin/login/")
    page.fill("#id_username", editor.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")
    for path in (f"/admin/articles/article/{brief.pk}/change/", "/admin/articles/article/add/"):
        response = page.goto(path)
        policy = enforced_policy(response)
        assert_no_inline_script(policy, path)
        assert len({s for s in policy["script-src"] if s.startswith("'nonce-")}) == 1, path
        # The editor (loaded through a nonced import map) runs: the policy lets it.
        page.locator(".prose-editor [contenteditable=true]").first.wait_for()


def test_chromium_refuses_inline_script_and_logs_the_violation(browser, live_server):
    make_article(slug="grids")
    # Its own context, away from the fixture that fails a test on any violation.
    context = browser.new_context(base_url=live_server.url)
    try:
        page = context.new_page()
        logged = []
        page.on("console", lambda message: logged.append(message.text))
        page.goto("/articles/grids/")
        page.evaluate(
            """() => {
              const script = document.createElement("script");
              script.textContent = "window.inlineScriptRan = true";
              document.head.append(script);
              const button = document.createElement("button");
              button.setAttribute("onclick", "window.inlineHandlerRan = true");
              document.body.append(button);
              button.click();
            }"""
        )
        assert page.evaluate("window.inlineScriptRan") is None
        assert page.evaluate("window.inlineHandlerRan") is None
        for _ in range(50):  # the console reports arrive on their own
            if len(csp_violations(logged)) >= 2:
                break
            page.wait_for_timeout(20)
        assert len(csp_violations(logged)) == 2, logged
    finally:
        context.close()
