"""
The events pages in real Chromium: axe finds no serious or critical violation at a
desktop's and a phone's width, and a reader registers with the keyboard alone.
"""

import pytest
from django.core.management import call_command

from events.models import Event, Registration
from tests.browser.conftest import PHONE
from tests.browser.test_accessibility import Report, submit_without_script
from tests.browser.test_keyboard import focused, tab_to
from tests.factories import make_event, make_registration

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _forms_answer_at_once(settings):
    settings.STATEUP_FORM_MIN_SECONDS = 0
    settings.STATEUP_RATE_LIMITS = False
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def test_events_pages_have_no_serious_or_critical_axe_violations(page):
    call_command("loaddemo", verbosity=0)
    public = Event.objects.public()
    upcoming = public.upcoming().filter(status="published", format="hybrid").first()
    past = public.exclude(recording_url="").order_by("-starts_at").first()
    cancelled = public.filter(status="cancelled").first()
    registration = make_registration(upcoming)
    pages = {
        "events": "/events/",
        "past events": "/events/past/",
        "upcoming hybrid event": upcoming.get_absolute_url(),
        "past event with recording": past.get_absolute_url(),
        "cancelled event": cancelled.get_absolute_url(),
        "registration page": f"/events/{upcoming.slug}/register/",
        "cancel registration": f"/events/cancel/{registration.make_cancel_token()}/",
        "bad cancel link": "/events/cancel/nope/",
        "home with next event": "/",
    }
    report = Report("events pages")
    for viewport_name, viewport in (("desktop", None), ("phone", PHONE)):
        if viewport:
            page.set_viewport_size(viewport)
        for label, path in pages.items():
            page.goto(path)
            report.check(page, f"{label} [{viewport_name}]")

    # The form with errors, inline (script) and after a plain post.
    page.goto(upcoming.get_absolute_url())
    form = page.locator("#register-form")
    page.locator("#register-email").fill("nobody@nowhere")
    form.get_by_role("button", name="Register").click()
    form.locator(".form-status--error").wait_for()
    report.check(page, "registration, inline errors")
    page.goto(f"/events/{upcoming.slug}/register/")
    page.locator("#register-name").fill("Ana Lima")
    submit_without_script(page, "#register-form")
    assert page.locator("#register-form .invalid-feedback").count() > 0
    report.check(page, "registration, errors after a plain post")
    report.save_and_assert()


def test_a_reader_registers_with_the_keyboard_alone(page):
    event = make_event(capacity=5)
    page.goto(event.get_absolute_url())
    tab_to(page, "register-name")
    page.keyboard.type("Ana Lima")
    page.keyboard.press("Tab")
    assert focused(page) == "register-email"
    page.keyboard.type("ana@example.org")
    page.keyboard.press("Tab")
    assert focused(page) == "register-consent"
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert focused(page) == "register-subscribe"
    page.keyboard.press("Tab")
    assert focused(page) == "button: Register"
    page.keyboard.press("Enter")
    status = page.locator("#register-status")
    status.get_by_text("You are registered").wait_for()
    assert status.get_attribute("role") == "status"
    registration = Registration.objects.get()
    assert (registration.email, registration.status) == ("ana@example.org", "confirmed")
