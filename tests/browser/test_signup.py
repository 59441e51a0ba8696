"""The signup and contact forms in a real browser, with and without JavaScript."""

import pytest

from newsletter.models import ContactMessage, Subscriber
from publicforms import ratelimits

pytestmark = pytest.mark.django_db(transaction=True)

FOOTER = "#footer-signup-form"


@pytest.fixture(autouse=True)
def _no_minimum_fill_time(settings):
    """A browser test fills the form faster than a person could; the bot check allows it."""
    settings.STATEUP_FORM_MIN_SECONDS = 0


@pytest.fixture
def no_js_page(open_page):
    return open_page(java_script_enabled=False)


def test_inline_success_is_announced_and_focused(page, console_errors):
    page.goto("/")
    form = page.locator(FOOTER)
    form.get_by_label("Email address").fill("reader@example.org")
    form.get_by_label("Events").check()
    form.get_by_label("I agree to receive emails").check()
    form.get_by_role("button", name="Sign up").click()
    status = form.locator(".form-status")
    status.get_by_text("Check your inbox to confirm").wait_for()
    assert status.get_attribute("aria-live") == "polite"
    assert status.get_attribute("role") == "status"
    assert status.evaluate("el => el === document.activeElement")
    assert page.url.endswith("/"), "the page did not reload"
    assert form.get_by_label("Email address").input_value() == ""
    subscriber = Subscriber.objects.get()
    assert (subscriber.email, subscriber.interests, subscriber.signup_page) == (
        "reader@example.org",
        ["events"],
        "/",
    )
    assert console_errors == []


def test_inline_errors_are_announced_beside_the_fields_and_focus_the_first(page):
    page.goto("/newsletter/signup/")
    form = page.locator("#signup-form")
    form.get_by_label("Email address").fill("reader@nowhere")
    form.get_by_role("button", name="Sign up").click()
    status = form.locator(".form-status")
    status.get_by_text("Please enter a valid email address.").wait_for()
    assert status.get_attribute("aria-live") == "polite"
    email = form.get_by_label("Email address")
    assert email.get_attribute("aria-invalid") == "true"
    assert email.evaluate("el => el === document.activeElement")
    described = email.get_attribute("aria-describedby").split()
    assert "Please enter a valid email address." in page.locator(f"#{described[-1]}").inner_text()
    consent_error = form.locator("#signup-consent_error")
    assert "Please tick the box" in consent_error.inner_text()
    assert Subscriber.objects.count() == 0
    # Fixing the fields clears the errors.
    email.fill("reader@example.org")
    form.get_by_label("I agree to receive emails").check()
    form.get_by_role("button", name="Sign up").click()
    status.get_by_text("Check your inbox").wait_for()
    assert form.locator(".invalid-feedback").count() == 0
    assert email.get_attribute("aria-invalid") is None


def test_the_button_is_disabled_while_sending(page):
    page.goto("/")
    form = page.locator(FOOTER)
    release = []
    page.route("**/newsletter/signup/", lambda route: release.append(route))
    form.get_by_label("Email address").fill("slow@example.org")
    form.get_by_label("I agree to receive emails").check()
    button = form.get_by_role("button", name="Sign up")
    button.click()
    page.wait_for_function("() => document.querySelector('#footer-signup-form button').disabled")
    assert form.get_attribute("aria-busy") == "true"
    page.wait_for_timeout(50)
    release[0].continue_()
    form.locator(".form-status").get_by_text("Check your inbox").wait_for()
    assert button.is_enabled()


def test_a_network_failure_says_so(page):
    page.goto("/")
    page.route("**/newsletter/signup/", lambda route: route.abort())
    form = page.locator(FOOTER)
    form.get_by_label("Email address").fill("offline@example.org")
    form.get_by_label("I agree to receive emails").check()
    form.get_by_role("button", name="Sign up").click()
    form.locator(".form-status").get_by_text("We could not reach the server").wait_for()
    assert form.get_by_role("button", name="Sign up").is_enabled()


def test_rate_limited_signup_says_try_again_in_a_minute(page, one_rate_limit_window):
    for _ in range(ratelimits.SIGNUP_PER_CLIENT.count):
        ratelimits.SIGNUP_PER_CLIENT.hit("127.0.0.1")
    page.goto("/")
    form = page.locator(FOOTER)
    form.get_by_label("Email address").fill("late@example.org")
    form.get_by_label("I agree to receive emails").check()
    form.get_by_role("button", name="Sign up").click()
    form.locator(".form-status").get_by_text("Too many attempts; try again in a minute.").wait_for()
    assert Subscriber.objects.count() == 0


def test_signup_works_without_javascript(no_js_page):
    page = no_js_page
    page.goto("/articles/")
    form = page.locator(FOOTER)
    form.get_by_label("Email address").fill("nojs@example.org")
    form.get_by_label("I agree to receive emails").check()
    form.get_by_role("button", name="Sign up").click()
    page.wait_for_url("**/articles/")
    message = page.locator(".messages")
    assert "Check your inbox to confirm" in message.inner_text()
    assert message.get_attribute("aria-live") == "polite"
    assert Subscriber.objects.get().email == "nojs@example.org"


def test_errors_without_javascript_are_shown_beside_the_fields_with_input_kept(no_js_page):
    page = no_js_page
    page.goto("/articles/")
    form = page.locator(FOOTER)
    # Valid for the browser's own check, refused by the server.
    form.get_by_label("Email address").fill("reader@nowhere")
    form.get_by_label("I agree to receive emails").check()
    form.get_by_role("button", name="Sign up").click()
    page.wait_for_url("**/newsletter/signup/**")
    full = page.locator("#signup-form")
    email = full.get_by_label("Email address")
    assert email.input_value() == "reader@nowhere"
    assert email.get_attribute("aria-invalid") == "true"
    assert "Please enter a valid email address." in full.locator("#signup-email_error").inner_text()
    assert full.get_by_label("I agree to receive emails").is_checked()
    email.fill("reader@example.org")
    full.get_by_role("button", name="Sign up").click()
    page.wait_for_url("**/articles/")
    assert "Check your inbox" in page.locator(".messages").inner_text()
    assert Subscriber.objects.get().signup_page == "/articles/"


def test_the_confirm_button_confirms_in_a_browser(page):
    subscriber = Subscriber.objects.sign_up(email="confirm@example.org")
    page.goto(f"/newsletter/confirm/{subscriber.make_confirm_token()}/")
    page.get_by_role("button", name="Confirm my subscription").click()
    page.get_by_role("heading", name="You’re subscribed").wait_for()
    subscriber.refresh_from_db()
    assert subscriber.status == "confirmed"


def test_contact_form_sends_inline(page, console_errors):
    page.goto("/contact/")
    form = page.locator("#contact-form")
    form.get_by_label("Name").fill("Ana Lima")
    form.get_by_label("Email address").fill("ana@example.org")
    form.get_by_label("Subject").fill("Hello")
    form.get_by_label("Message").fill("A question about your brief.")
    form.get_by_role("button", name="Send message").click()
    form.locator(".form-status").get_by_text("Your message has been sent").wait_for()
    assert ContactMessage.objects.get().subject == "Hello"
    assert console_errors == []
