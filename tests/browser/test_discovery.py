import json

import pytest

from tests.browser.conftest import PHONE
from tests.factories import make_article, make_author, make_category

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_reader_searches_filters_and_finds_a_highlighted_brief(page):
    energy = make_category(name="Energy", slug="energy")
    make_article(title="Green hydrogen in São Paulo", category=energy, tags=["hydrogen"])
    make_article(title="Hydrogen for shipping", tags=["hydrogen"])
    page.goto("/")
    page.get_by_role("link", name="Search").click()
    page.get_by_label("Search briefs").fill("sao paulo hydrogen")
    page.get_by_label("Topic", exact=True).select_option("energy")
    page.get_by_role("button", name="Search").click()
    results = page.locator(".search-result__title")
    assert results.count() == 1
    assert results.first.inner_text() == "Green hydrogen in São Paulo"
    assert page.locator(".search-result__title mark").count() == 3
    assert page.get_by_label("Search briefs").input_value() == "sao paulo hydrogen"


def test_the_search_page_fits_a_phone(page):
    page.set_viewport_size({"width": 320, "height": 640})
    make_article(title="Battery storage " * 8)
    page.goto("/search/?q=battery")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0


def test_the_brief_page_data_block_passes_the_content_security_policy(page, console_errors):
    page.set_viewport_size(PHONE)
    make_article(
        slug="x",
        title="</script><script>document.title='hacked'</script>",
        authors=[make_author(name="Ana Lima")],
    )
    page.goto("/articles/x/")
    assert page.title() != "hacked"
    data = json.loads(page.locator('script[type="application/ld+json"]').text_content())
    assert data["@graph"][0]["author"][0]["name"] == "Ana Lima"
    assert page.get_by_role("heading", name="Cite this brief").is_visible()
    assert not console_errors
