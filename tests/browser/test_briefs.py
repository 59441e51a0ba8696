"""The public pages in real Chromium, at a phone's and a desktop's width."""

import pytest
from django.conf import settings
from django.core.management import call_command

from articles.models import Article
from tests.browser.conftest import DESKTOP, PHONE
from tests.factories import image_upload, make_article, make_category

pytestmark = pytest.mark.django_db(transaction=True)

ARTIFACTS = settings.BASE_DIR / "test-artifacts"

# Lazy images only load near the viewport: scroll through the page like a reader.
SCROLL_THROUGH = """async () => {
  for (let y = 0; y < document.documentElement.scrollHeight; y += 300) {
    window.scrollTo({ top: y, behavior: "instant" });
    await new Promise((resolve) => setTimeout(resolve, 40));
  }
  window.scrollTo({ top: 0, behavior: "instant" });
}"""
WAIT_FOR_IMAGES = """async () => {
  const pending = [...document.images].filter((img) => !img.complete);
  const settled = Promise.all(pending.map((img) => new Promise((resolve) => {
    img.addEventListener("load", resolve);
    img.addEventListener("error", resolve);
  })));
  await Promise.race([settled, new Promise((resolve) => setTimeout(resolve, 8000))]);
}"""
BROKEN_IMAGES = "[...document.images].filter((img) => !img.naturalWidth).map((img) => img.src)"
OVERFLOW = "document.documentElement.scrollWidth - window.innerWidth"


def _visit(page, path):
    page.goto(path)
    page.evaluate(SCROLL_THROUGH)
    page.evaluate(WAIT_FOR_IMAGES)
    return page


def test_pages_fit_a_phone_and_a_desktop_and_every_image_loads(page, console_errors):
    call_command("loaddemo", verbosity=0)
    brief = Article.objects.get(is_featured=True)
    paths = ["/", "/articles/", brief.get_absolute_url(), brief.category.get_absolute_url()]
    ARTIFACTS.mkdir(exist_ok=True)
    for name, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        page.set_viewport_size(viewport)
        for path in paths:
            _visit(page, path)
            assert page.evaluate(OVERFLOW) <= 0, (name, path)
            assert page.evaluate("document.images.length") > 0, (name, path)
            assert page.evaluate(BROKEN_IMAGES) == [], (name, path)
        _visit(page, brief.get_absolute_url())
        page.screenshot(path=ARTIFACTS / f"brief-{name}.png", full_page=True)
    assert console_errors == []


def test_the_brief_page_fits_the_narrowest_phone(page):
    article = make_article(
        title="Interoperability-and-standardisation-for-cross-border-data-flows",
        category=make_category(name="Digital Infrastructure"),
        tags=["a-very-long-tag-name-that-does-not-wrap-easily"],
        body="<table><tr><th>A wide</th><th>table</th><th>with</th><th>many</th><th>columns</th>"
        "<th>of numbers</th></tr><tr><td>1</td><td>2</td><td>3</td><td>4</td><td>5</td>"
        "<td>6</td></tr></table><p>https://example.org/a-very-long-address-without-spaces</p>",
        hero_image=image_upload(size=(1600, 900)),
        hero_alt="A picture",
    )
    page.set_viewport_size({"width": 320, "height": 640})
    _visit(page, article.get_absolute_url())
    wide = page.evaluate(
        "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 321).map(e => e.tagName + '.' + e.className)"
    )
    assert page.evaluate(OVERFLOW) <= 0, wide


def test_the_copy_link_button_copies_the_briefs_address(page, live_server):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    article = make_article(slug="grids-and-storage")
    page.goto(article.get_absolute_url())
    button = page.get_by_role("button", name="Copy link")
    button.click()
    status = page.locator("[data-copy-status]")
    # The empty status line is on screen from the start: wait for what the copy writes.
    status.get_by_text("Link copied to the clipboard.").wait_for()
    assert status.text_content() == "Link copied to the clipboard."
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == f"{live_server.url}/articles/grids-and-storage/"


def test_a_focused_card_shows_where_the_focus_is(page):
    make_article(title="A brief to read")
    page.goto("/articles/")
    page.locator(".card__title a").first.focus()
    outline = page.evaluate(
        "getComputedStyle(document.activeElement.closest('.card')).outlineStyle"
    )
    assert outline == "solid"
