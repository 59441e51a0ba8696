"""The site in Spanish and Portuguese in a real browser: switcher, signup, email, axe."""

import re

import pytest
from django.core import mail
from django.core.management import call_command

from articles.models import Article
from newsletter.models import Subscriber
from tests.browser.conftest import PHONE
from tests.browser.test_accessibility import Report
from tests.factories import make_article

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _forms_answer_at_once(settings):
    settings.STATEUP_FORM_MIN_SECONDS = 0
    settings.STATEUP_RATE_LIMITS = False


def test_switching_language_on_a_translated_brief_lands_on_its_translation(page):
    call_command("loaddemo", verbosity=0)
    page.goto("/articles/eu-latin-america-digital-alliance/")
    page.locator(".language-switcher").get_by_role("link", name="Español").click()
    page.wait_for_url("**/es/articles/alianza-digital-ue-america-latina/")
    assert page.locator("html").get_attribute("lang") == "es"
    assert "Una alianza digital" in page.locator("h1").inner_text()
    page.locator(".language-switcher").get_by_role("link", name="Português").click()
    page.wait_for_url("**/pt/articles/alianca-digital-ue-america-latina/")
    assert page.locator("html").get_attribute("lang") == "pt"
    assert "Também em:" in page.locator(".translations").inner_text()


def test_switching_language_on_an_untranslated_brief_lands_on_the_list_with_a_note(page):
    make_article(slug="only-english", title="Only in English")
    page.goto("/articles/only-english/")
    page.locator(".language-switcher").get_by_role("link", name="Português").click()
    page.wait_for_url("**/pt/articles/?untranslated=1")
    note = page.get_by_role("note")
    assert "ainda não foi traduzida" in note.inner_text()
    assert page.locator("h1").inner_text() == "Notas de política"


def test_a_spanish_signup_is_answered_in_spanish_and_confirmed_by_a_spanish_email(page):
    page.goto("/es/")
    form = page.locator("#footer-signup-form")
    form.get_by_label("Correo electrónico").fill("lucia@example.org")
    form.get_by_label("Acepto recibir correos electrónicos").check()
    form.get_by_role("button", name="Suscribirme").click()
    form.locator(".form-status").get_by_text("¡Gracias! Revise su bandeja de entrada").wait_for()
    assert Subscriber.objects.get().language == "es"
    (message,) = mail.outbox
    assert message.subject == "Confirme su suscripción a StateUp"
    link = re.search(r"https?://\S+/es/newsletter/confirm/[^/\s]+/", message.body).group(0)
    page.goto(link)
    page.get_by_role("button", name="Confirmar mi suscripción").click()
    page.get_by_text("Su suscripción está confirmada").wait_for()
    assert Subscriber.objects.get().status == Subscriber.Status.CONFIRMED
    assert mail.outbox[-1].subject == "Le damos la bienvenida a StateUp"


def test_spanish_and_portuguese_pages_have_no_serious_or_critical_axe_violations(page):
    call_command("loaddemo", verbosity=0)
    spanish = Article.objects.get(slug="alianza-digital-ue-america-latina")
    report = Report("Spanish and Portuguese pages")
    pages = {}
    for prefix in ("/es", "/pt"):
        pages.update(
            {
                f"home {prefix}": f"{prefix}/",
                f"list {prefix}": f"{prefix}/articles/",
                f"list, untranslated note {prefix}": f"{prefix}/articles/?untranslated=1",
                f"topic {prefix}": f"{prefix}{spanish.category.get_absolute_url()}",
                f"search {prefix}": f"{prefix}/search/?q=digital&languages=all",
                f"signup {prefix}": f"{prefix}/newsletter/signup/",
                f"not found {prefix}": f"{prefix}/articles/no-such-brief/",
            }
        )
    pages["brief es"] = spanish.get_absolute_url()
    pages["brief pt"] = Article.objects.get(
        slug="alianca-digital-ue-america-latina"
    ).get_absolute_url()
    for viewport_name, viewport in (("desktop", None), ("phone", PHONE)):
        if viewport:
            page.set_viewport_size(viewport)
        for label, path in pages.items():
            page.goto(path)
            report.check(page, f"{label} [{viewport_name}]")
    report.save_and_assert()
