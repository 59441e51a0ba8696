"""
Keyboard only, in real Chromium: the skip link, a visible focus indicator at every
Tab stop, and the signup and contact forms filled in and sent with Tab, Space and
Enter, their answers announced.
"""

import pytest
from django.core.management import call_command

from articles.models import Article
from newsletter.models import ContactMessage, Subscriber
from tests.factories import make_article

pytestmark = pytest.mark.django_db(transaction=True)

MAX_TAB_STOPS = 250

# Remembers each element's outline and shadow before anything has focus, so a
# focus indicator is what changes when the element (or a box round it) is focused.
REMEMBER_UNFOCUSED = """() => {
  const look = (element) => {
    const style = getComputedStyle(element);
    return [style.outlineStyle, style.outlineWidth, style.outlineColor, style.boxShadow].join("|");
  };
  window.__unfocusedLook = new Map([...document.querySelectorAll("body *")].map((e) => [e, look(e)]));
}"""

# What the focused element looks like: whether it is on screen, and each focus
# indicator drawn on it or on up to three boxes round it, with the contrast of the
# indicator's colour against the background it is drawn on (WCAG 2.2, 1.4.11).
FOCUS_STATE = """() => {
  const element = document.activeElement;
  if (!element || element === document.body || element === document.documentElement) return null;
  const rgb = (value) => {
    const match = /rgba?\\(([^)]+)\\)/.exec(value || "");
    if (!match) return null;
    const [r, g, b, a = 1] = match[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return {r, g, b, a};
  };
  const background = (node) => {
    for (let current = node; current; current = current.parentElement) {
      const color = rgb(getComputedStyle(current).backgroundColor);
      if (color && color.a >= 0.5) return color;
    }
    return {r: 255, g: 255, b: 255, a: 1};
  };
  const luminance = ({r, g, b}) => {
    const channel = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const contrast = (one, two) => {
    const [light, dark] = [luminance(one), luminance(two)].sort((x, y) => y - x);
    return (light + 0.05) / (dark + 0.05);
  };
  const indicators = [];
  let node = element;
  for (let depth = 0; node && node !== document.body && depth < 4; depth += 1, node = node.parentElement) {
    const style = getComputedStyle(node);
    const look = [style.outlineStyle, style.outlineWidth, style.outlineColor, style.boxShadow].join("|");
    if (look === window.__unfocusedLook.get(node)) continue;
    if (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2) {
      const behind = parseFloat(style.outlineOffset) < 0 ? node : node.parentElement;
      const color = rgb(style.outlineColor);
      indicators.push({kind: "outline", depth, contrast: color ? contrast(color, background(behind)) : 0});
    } else if (style.boxShadow !== "none") {
      const color = rgb(style.boxShadow);
      indicators.push({kind: "shadow", depth, contrast: color ? contrast(color, background(node)) : 0});
    }
  }
  // Where the browser's own scrolling (smooth, perhaps) will bring it: positioned
  // off the page, it stays off screen.
  element.scrollIntoView({block: "nearest", inline: "nearest", behavior: "instant"});
  const rect = element.getBoundingClientRect();
  let shown = rect.width > 0 && rect.height > 0;
  for (let current = element; current && shown; current = current.parentElement) {
    const style = getComputedStyle(current);
    shown = style.visibility !== "hidden" && Number(style.opacity) > 0;
  }
  const onScreen = rect.bottom > 0 && rect.right > 0 && rect.top < innerHeight && rect.left < innerWidth;
  const text = (element.innerText || element.value || element.getAttribute("aria-label") || "").trim();
  return {
    element,
    name: `${element.tagName.toLowerCase()}${element.id ? "#" + element.id : ""} “${text.slice(0, 40)}”`,
    shown: shown && onScreen,
    indicators,
  };
}"""


@pytest.fixture(autouse=True)
def _forms_answer_at_once(settings):
    """A keyboard in a test types faster than a person; the forms' bot check allows it."""
    settings.STATEUP_FORM_MIN_SECONDS = 0
    settings.STATEUP_RATE_LIMITS = False


def focused(page) -> str:
    """The focused element: its id, or its tag and text."""
    return page.evaluate(
        """() => {
          const element = document.activeElement;
          return element.id || `${element.tagName.toLowerCase()}: ${element.textContent.trim()}`;
        }"""
    )


def tab_to(page, element_id: str) -> None:
    """Press Tab until the element with this id has focus."""
    for _ in range(MAX_TAB_STOPS):
        page.keyboard.press("Tab")
        if focused(page) == element_id:
            return
    raise AssertionError(f"#{element_id} cannot be reached with the Tab key")


def tab_stops(page) -> list[dict]:
    """Every Tab stop of the page, once round, each with how its focus looks."""
    page.evaluate(REMEMBER_UNFOCUSED)
    stops = []
    first = None
    for _ in range(MAX_TAB_STOPS):
        page.keyboard.press("Tab")
        handle = page.evaluate_handle(FOCUS_STATE)
        if page.evaluate("state => state === null", handle):
            if stops:
                break
            continue
        element = handle.get_property("element")
        if first is None:
            first = element
        elif page.evaluate("([a, b]) => a === b", [first, element]):
            break
        stops.append(page.evaluate("({element, ...state}) => state", handle))
    return stops


def invisible_focus(stops: list[dict]) -> list[str]:
    return [
        f"{stop['name']}: {'off screen or hidden' if not stop['shown'] else stop['indicators']}"
        for stop in stops
        if not stop["shown"] or not any(i["contrast"] >= 3 for i in stop["indicators"])
    ]


def test_the_skip_link_is_the_first_stop_and_moves_focus_to_the_main_content(page):
    brief = make_article(title="Grids for a green Europe")
    for path in ("/", brief.get_absolute_url()):
        page.goto(path)
        page.keyboard.press("Tab")
        skip = page.locator(".skip-link")
        assert skip.evaluate("el => el === document.activeElement"), path
        assert skip.is_visible()
        assert skip.bounding_box()["y"] >= 0
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main", path
        page.keyboard.press("Tab")
        assert page.evaluate("document.querySelector('main').contains(document.activeElement)")


def test_every_tab_stop_on_the_home_and_brief_pages_shows_a_visible_focus(page):
    call_command("loaddemo", verbosity=0)
    brief = Article.objects.get(is_featured=True)
    for path, expected in (("/", 40), (brief.get_absolute_url(), 30)):
        page.goto(path)
        stops = tab_stops(page)
        names = [stop["name"] for stop in stops]
        # Once round the whole page: from the skip link to the footer's last link.
        assert len(stops) >= expected, names
        assert "Skip to content" in names[0]
        assert "RSS feed" in names[-1], names
        assert invisible_focus(stops) == [], path


def test_the_footer_signup_is_completed_and_sent_with_the_keyboard(page):
    page.goto("/")
    tab_to(page, "footer-signup-email")
    page.keyboard.type("reader@example.org")
    order = []
    for key in ("Tab", "Tab", "Tab", "Space", "Tab", "Space", "Tab"):
        page.keyboard.press(key)
        if key == "Tab":
            order.append(focused(page))
    assert order == [
        "footer-signup-interests_0",
        "footer-signup-interests_1",
        "footer-signup-interests_2",
        "footer-signup-consent",
        "button: Sign up",
    ]
    page.keyboard.press("Enter")
    status = page.locator("#footer-signup-status")
    status.get_by_text("Check your inbox to confirm").wait_for()
    assert status.get_attribute("role") == "status"
    assert status.get_attribute("aria-live") == "polite"
    assert focused(page) == "footer-signup-status", "focus moves to the answer"
    subscriber = Subscriber.objects.get()
    assert (subscriber.email, subscriber.interests) == ("reader@example.org", ["events"])


def test_the_signup_page_reports_errors_and_then_signs_up_with_the_keyboard(page):
    page.goto("/newsletter/signup/")
    tab_to(page, "signup-email")
    page.keyboard.type("reader@nowhere")
    page.keyboard.press("Enter")
    status = page.locator("#signup-status")
    status.get_by_text("Please enter a valid email address.").wait_for()
    # Focus goes to the first field to fix, which says what is wrong with it.
    assert focused(page) == "signup-email"
    email = page.locator("#signup-email")
    assert email.get_attribute("aria-invalid") == "true"
    error_id = email.get_attribute("aria-describedby").split()[-1]
    assert "valid email address" in page.locator(f"#{error_id}").inner_text()
    assert Subscriber.objects.count() == 0

    page.keyboard.press("Control+A")
    page.keyboard.type("reader@example.org")
    page.keyboard.press("Tab")
    assert focused(page) == "signup-name"
    page.keyboard.type("Ana Lima")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    tab_to(page, "signup-consent")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert focused(page) == "button: Sign up"
    page.keyboard.press("Enter")
    status.get_by_text("Check your inbox to confirm").wait_for()
    assert focused(page) == "signup-status"
    assert page.locator("#signup-form [aria-invalid]").count() == 0
    subscriber = Subscriber.objects.get()
    assert (subscriber.email, subscriber.name, subscriber.interests) == (
        "reader@example.org",
        "Ana Lima",
        ["updates"],
    )


def test_the_contact_form_is_completed_and_sent_with_the_keyboard(page):
    page.goto("/contact/")
    tab_to(page, "contact-name")
    for text in ("Ana Lima", "ana@example.org", "Instituto Digital", "A question", "Hello.\nBye."):
        page.keyboard.type(text)
        page.keyboard.press("Tab")
    assert focused(page) == "button: Send message"
    page.keyboard.press("Enter")
    status = page.locator("#contact-status")
    status.get_by_text("Your message has been sent").wait_for()
    assert status.get_attribute("role") == "status"
    assert focused(page) == "contact-status"
    message = ContactMessage.objects.get()
    # Browsers send a textarea's line breaks as CR LF.
    assert (message.name, message.organisation, message.message) == (
        "Ana Lima",
        "Instituto Digital",
        "Hello.\r\nBye.",
    )


def test_without_javascript_the_keyboard_signup_answer_is_in_a_status_region(open_page):
    page = open_page(java_script_enabled=False)
    page.goto("/contact/")
    tab_to(page, "footer-signup-email")
    page.keyboard.type("nojs@example.org")
    tab_to(page, "footer-signup-consent")
    page.keyboard.press("Space")
    page.keyboard.press("Enter")
    page.wait_for_url("**/contact/")
    message = page.locator(".messages")
    assert "Check your inbox to confirm" in message.inner_text()
    assert message.get_attribute("role") == "status"
    assert Subscriber.objects.get().email == "nojs@example.org"
