import pytest

from tests.browser.conftest import PHONE

pytestmark = pytest.mark.django_db(transaction=True)


def test_home_has_no_horizontal_scroll_on_a_320px_phone(page):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0


def test_the_skip_link_appears_on_focus_and_jumps_to_main(page):
    page.set_viewport_size(PHONE)
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.bounding_box()["y"] >= 0
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_focus_is_visible(page):
    page.goto("/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
