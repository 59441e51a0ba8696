"""The editorial workflow in the admin, in a real browser: editor, submit, publish."""

import pytest
from django.core import mail

from articles.models import Article
from tests.factories import make_author, make_category, make_ready_article, make_user

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "browser-test-password-1"


def log_in(page, user):
    page.goto("/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")


def editor_area(page):
    return page.locator(".prose-editor [contenteditable=true]").first


def test_the_body_editor_types_bold_and_links_and_the_preview_shows_it(page, console_errors):
    editor = make_user("Editors", password=PASSWORD)
    log_in(page, editor)
    page.goto("/admin/articles/article/add/")
    page.locator("#id_title").press_sequentially("Grids for a green Europe")
    assert page.input_value("#id_slug") == "grids-for-a-green-europe"
    page.fill("#id_summary", "Why interconnectors matter.")

    body = editor_area(page)
    body.click()
    page.keyboard.type("Plain then ")
    page.keyboard.press("Control+b")
    page.keyboard.type("bold words")
    page.keyboard.press("Control+b")
    page.keyboard.type(" and a source")
    for _ in range(len("a source")):
        page.keyboard.press("Shift+ArrowLeft")
    page.locator(".prose-editor button[data-name=link]").first.click()
    dialog = page.locator("dialog.prose-editor-dialog[open]")
    dialog.locator("input[name=href]").fill("https://europa.eu/energy")
    dialog.locator("button[type=submit]").click()

    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    article = Article.objects.get(slug="grids-for-a-green-europe")
    assert "<strong>bold words</strong>" in article.body
    assert 'href="https://europa.eu/energy"' in article.body

    page.click("a.viewsitelink:has-text('Preview')")
    page.wait_for_selector(".preview-banner")
    prose = page.locator(".brief-body")
    assert prose.locator("strong").inner_text() == "bold words"
    assert prose.locator("a").get_attribute("href") == "https://europa.eu/energy"
    assert prose.locator("a").inner_text() == "a source"
    assert not [e for e in console_errors if "Content Security Policy" in e]


def test_a_writer_submits_a_draft_for_review(page):
    make_user("Editors", email="editor@stateup.test")
    writer = make_user("Writers", password=PASSWORD)
    article = make_ready_article(title="Cooperation on chips", created_by=writer)
    log_in(page, writer)
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    assert page.locator("form[action$='/transition/publish/']").count() == 0
    page.click("button[value=submit]")
    page.wait_for_selector(".messagelist .success")
    assert "Submitted for review" in page.locator(".messagelist").inner_text()
    assert page.locator(".workflow-status").inner_text().lower() == "in review"
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW
    assert [m.to for m in mail.outbox] == [["editor@stateup.test"]]


def test_an_editor_publishes_a_brief_in_review(page, client):
    editor = make_user("Editors", password=PASSWORD)
    article = make_ready_article(
        title="A digital alliance",
        status=Article.Status.REVIEW,
        category=make_category(),
        authors=[make_author(name="Ana Lima")],
    )
    log_in(page, editor)
    page.goto("/admin/articles/article/queue/")
    page.click("text=A digital alliance")
    page.click("button[value=publish]")
    page.wait_for_selector(".messagelist .success")
    assert "Published" in page.locator(".messagelist").inner_text()
    page.goto(article.get_absolute_url())
    assert page.locator("h1").inner_text() == "A digital alliance"
    assert page.locator(".preview-banner").count() == 0
