import re
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_prose_editor.config import allowlist_from_extensions

from articles.admin.forms import EDITOR_EXTENSIONS
from articles.editorial import workflow
from articles.models import Article, PreviewLink
from articles.sanitize import ALLOWED_TAGS
from tests.factories import make_author, make_category, make_ready_article, make_user

pytestmark = pytest.mark.django_db

Status = Article.Status


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def transition_url(article, name):
    return reverse("admin:articles_article_transition", args=[article.pk, name])


def form_data(html: str) -> dict:
    """What a browser would submit from the brief's change form, unchanged."""
    form = BeautifulSoup(html, "html.parser").find("form", id="article_form")
    data = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or "__prefix__" in name:
            continue
        if field.name == "textarea":
            data[name] = field.text.removeprefix("\n")
        elif field.name == "select":
            chosen = [
                o.get("value", "") for o in field.find_all("option") if o.has_attr("selected")
            ]
            if field.has_attr("multiple"):
                if chosen:
                    data[name] = chosen
            else:
                data[name] = chosen[0] if chosen else ""
        elif field.get("type") in {"checkbox", "radio"}:
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        elif field.get("type") not in {"file", "submit"}:
            data[name] = field.get("value", "")
    return data


def open_form(client, article) -> dict:
    response = client.get(change_url(article))
    assert response.status_code == 200
    return form_data(response.content.decode())


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


# --- Status changes through the change form ---


def test_a_writer_posting_published_in_the_form_is_refused_and_nothing_changes(client):
    writer = make_user("Writers")
    article = make_ready_article(created_by=writer)
    client.force_login(writer)
    data = open_form(client, article) | {"status": "published", "title": "Changed"}
    response = client.post(change_url(article), data)
    assert response.status_code == 200
    assert "Only editors can publish briefs." in response.content.decode()
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    assert article.title != "Changed"


def test_a_writer_submits_through_the_form_and_editors_are_emailed(
    client, django_capture_on_commit_callbacks
):
    make_user("Editors", email="editor@stateup.test")
    writer = make_user("Writers")
    article = make_ready_article(created_by=writer)
    client.force_login(writer)
    data = open_form(client, article) | {"status": "review"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(change_url(article), data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Status.REVIEW
    assert article.submitted_at is not None
    assert [m.to for m in mail.outbox] == [["editor@stateup.test"]]


def test_a_writer_cannot_edit_a_brief_in_review_or_someone_elses_draft(client):
    writer = make_user("Writers")
    mine_in_review = make_ready_article(created_by=writer, status=Status.REVIEW)
    others = make_ready_article(created_by=make_user("Writers"))
    client.force_login(writer)
    for article in (mine_in_review, others):
        page = client.get(change_url(article)).content.decode()
        assert 'name="title"' not in page  # read-only view
        response = client.post(change_url(article), {"title": "Hijacked"})
        assert response.status_code == 403
        article.refresh_from_db()
        assert article.title != "Hijacked"


def test_editor_publishing_through_the_form_runs_the_pre_publish_checks(client):
    editor = make_user("Editors")
    article = make_ready_article(summary="")
    client.force_login(editor)
    data = open_form(client, article) | {"status": "published", "category": ""}
    data["authorships-0-DELETE"] = "on"
    response = client.post(change_url(article), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Add a summary" in page
    assert "Choose a topic." in page
    assert "Add at least one author." in page
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    assert article.authorships.count() == 1


def test_editor_publishes_through_the_form(client):
    editor = make_user("Editors")
    article = make_ready_article(status=Status.REVIEW)
    client.force_login(editor)
    data = open_form(client, article) | {"status": "published"}
    response = client.post(change_url(article), data)
    assert response.status_code == 302, messages_of(response)
    article.refresh_from_db()
    assert article.is_public
    assert article.history.first().history_change_reason == "Published"


def test_an_editor_corrects_the_publish_time_of_a_live_brief(client):
    editor = make_user("Editors")
    article = make_ready_article(status=Status.PUBLISHED, published_at=timezone.now())
    client.force_login(editor)
    data = open_form(client, article)
    data["published_at_0"] = "2024-03-01"
    data["published_at_1"] = "09:30:00"
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.is_public
    assert timezone.localtime(article.published_at).strftime("%Y-%m-%d %H:%M") == "2024-03-01 09:30"


def test_an_editor_cannot_schedule_a_live_brief_through_the_form(client):
    editor = make_user("Editors")
    article = make_ready_article(status=Status.PUBLISHED, published_at=timezone.now())
    client.force_login(editor)
    data = open_form(client, article)
    data["published_at_0"] = "2099-03-01"
    response = client.post(change_url(article), data)
    assert "unpublish it before scheduling it" in response.content.decode()
    article.refresh_from_db()
    assert article.is_public


@pytest.mark.parametrize(
    "path",
    [
        "/admin/articles/article/99999999999999999999999/transition/publish/",
        "/admin/articles/article/abc/transition/publish/",
        "/admin/articles/article/1/history/99999999999999999999999/restore/",
        "/admin/articles/article/1/share/99999999999999999999999/revoke/",
    ],
)
def test_bad_ids_in_workflow_urls_are_404_never_500(client, path):
    make_ready_article()
    client.force_login(make_user("Editors"))
    assert client.post(path).status_code == 404


def test_sending_back_from_review_through_the_form_asks_for_the_button(client):
    editor = make_user("Editors")
    article = make_ready_article(status=Status.REVIEW)
    client.force_login(editor)
    data = open_form(client, article) | {"status": "draft"}
    response = client.post(change_url(article), data)
    assert "Request changes" in response.content.decode()
    article.refresh_from_db()
    assert article.status == Status.REVIEW


def test_a_writer_adding_a_published_brief_is_refused(client):
    writer = make_user("Writers")
    client.force_login(writer)
    data = form_data(client.get(reverse("admin:articles_article_add")).content.decode())
    data |= {"title": "New", "slug": "new", "status": "published"}
    response = client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 200
    assert "Only editors can publish briefs." in response.content.decode()
    assert not Article.objects.exists()


def test_a_writer_adds_a_draft_and_is_its_creator(client):
    writer = make_user("Writers")
    client.force_login(writer)
    data = form_data(client.get(reverse("admin:articles_article_add")).content.decode())
    data |= {"title": "New brief", "slug": "new-brief", "status": "draft"}
    response = client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 302
    article = Article.objects.get()
    assert (article.created_by, article.updated_by, article.version) == (writer, writer, 1)


# --- Transition buttons ---


def test_a_writer_posting_to_a_transition_url_gets_403_and_nothing_changes(client):
    writer = make_user("Writers")
    article = make_ready_article(created_by=writer, status=Status.REVIEW)
    client.force_login(writer)
    for name in ("publish", "schedule", "unpublish", "archive", "request_changes"):
        response = client.post(
            transition_url(article, name),
            {"publish_at": "2099-01-01T10:00", "reason": "x"},
        )
        assert response.status_code == 403, name
        assert "Only editors can" in response.content.decode()
    article.refresh_from_db()
    assert article.status == Status.REVIEW


def test_transition_urls_take_post_only_and_unknown_steps_are_404(client):
    editor = make_user("Editors")
    article = make_ready_article()
    client.force_login(editor)
    assert client.get(transition_url(article, "publish")).status_code == 405
    assert client.post(transition_url(article, "explode")).status_code == 404


def test_editor_publish_button_makes_the_brief_live(client):
    editor = make_user("Editors")
    article = make_ready_article(status=Status.REVIEW)
    client.force_login(editor)
    response = client.post(transition_url(article, "publish"), follow=True)
    assert "Published: the brief is live." in messages_of(response)
    article.refresh_from_db()
    assert article.is_public
    assert client.get(article.get_absolute_url()).status_code == 200


def test_publish_button_with_failing_checks_shows_each_problem(client):
    editor = make_user("Editors")
    article = make_ready_article(category=make_category(), summary="")
    article.category = None
    article.save()
    client.force_login(editor)
    response = client.post(transition_url(article, "publish"), follow=True)
    shown = messages_of(response)
    assert any("Add a summary" in m for m in shown)
    assert "Choose a topic." in shown
    article.refresh_from_db()
    assert article.status == Status.DRAFT


def test_schedule_button_needs_a_future_time(client):
    editor = make_user("Editors")
    article = make_ready_article(status=Status.REVIEW)
    client.force_login(editor)
    response = client.post(transition_url(article, "schedule"), {"publish_at": ""}, follow=True)
    assert "Choose the date and time to publish the brief." in messages_of(response)
    past = timezone.localtime() - timedelta(days=1)
    response = client.post(
        transition_url(article, "schedule"),
        {"publish_at": past.strftime("%Y-%m-%dT%H:%M")},
        follow=True,
    )
    assert any("future" in m for m in messages_of(response))
    future = timezone.localtime() + timedelta(days=2)
    client.post(
        transition_url(article, "schedule"), {"publish_at": future.strftime("%Y-%m-%dT%H:%M")}
    )
    article.refresh_from_db()
    assert article.is_scheduled
    assert article.published_at == future.replace(second=0, microsecond=0)


def test_requested_changes_are_shown_on_the_change_page(client):
    editor, writer = make_user("Editors"), make_user("Writers")
    article = make_ready_article(created_by=writer, status=Status.REVIEW)
    client.force_login(editor)
    client.post(transition_url(article, "request_changes"), {"reason": "Shorten <the> intro."})
    client.force_login(writer)
    page = client.get(change_url(article)).content.decode()
    assert "Changes requested" in page
    assert "Shorten &lt;the&gt; intro." in page


def test_only_the_allowed_buttons_are_shown(client):
    writer = make_user("Writers")
    article = make_ready_article(created_by=writer)
    client.force_login(writer)
    page = client.get(change_url(article)).content.decode()
    assert transition_url(article, "submit") in page
    for name in ("publish", "schedule", "archive", "unpublish", "request_changes"):
        assert transition_url(article, name) not in page


# --- Actions ---


def test_a_writer_posting_an_editors_action_is_refused_with_a_message(client):
    writer = make_user("Writers")
    article = make_ready_article(created_by=writer)
    client.force_login(writer)
    response = client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_selected", "_selected_action": [article.pk]},
    )
    assert response.status_code == 403
    assert "Only editors can publish briefs." in response.content.decode()
    article.refresh_from_db()
    assert article.status == Status.DRAFT


def test_editors_publish_action_publishes_the_ready_and_reports_the_rest(client):
    editor = make_user("Editors")
    ready = make_ready_article()
    unready = make_ready_article(summary="")
    client.force_login(editor)
    response = client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_selected", "_selected_action": [ready.pk, unready.pk]},
        follow=True,
    )
    shown = messages_of(response)
    assert "Publish now: 1 brief(s)." in shown
    assert any(unready.title in m and "Add a summary" in m for m in shown)
    ready.refresh_from_db()
    unready.refresh_from_db()
    assert ready.is_public
    assert unready.status == Status.DRAFT


def test_writers_submit_action_refuses_drafts_that_are_not_theirs(client):
    writer = make_user("Writers")
    mine = make_ready_article(created_by=writer)
    others = make_ready_article(created_by=make_user("Writers"))
    client.force_login(writer)
    client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "submit_selected", "_selected_action": [mine.pk, others.pk]},
    )
    mine.refresh_from_db()
    others.refresh_from_db()
    assert (mine.status, others.status) == (Status.REVIEW, Status.DRAFT)


# --- Optimistic locking ---


def test_a_save_over_someone_elses_newer_save_is_refused_keeping_the_input(client):
    first = make_user("Editors", first_name="Ana", last_name="Lima")
    second = make_user("Editors")
    article = make_ready_article()
    client.force_login(second)
    stale = open_form(client, article)

    client.force_login(first)
    theirs = open_form(client, article) | {"title": "Their title"}
    assert client.post(change_url(article), theirs).status_code == 302

    client.force_login(second)
    mine = stale | {"title": "My title", "summary": "My careful summary."}
    response = client.post(change_url(article), mine)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Not saved: Ana Lima saved this brief at" in page
    returned = form_data(page)
    assert returned["title"] == "My title"
    assert returned["summary"] == "My careful summary."
    article.refresh_from_db()
    assert article.title == "Their title"

    # Saving again, on purpose, replaces their version.
    assert client.post(change_url(article), returned).status_code == 302
    article.refresh_from_db()
    assert article.title == "My title"


def test_a_transition_after_the_form_was_opened_also_makes_it_stale(client):
    editor = make_user("Editors")
    article = make_ready_article(status=Status.REVIEW)
    client.force_login(editor)
    stale = open_form(client, article)
    workflow.publish(article, by=make_user("Editors"))
    response = client.post(change_url(article), stale | {"title": "Edited"})
    assert response.status_code == 200
    assert "Not saved:" in response.content.decode()


# --- History ---


def test_history_lists_versions_with_who_and_what(client):
    editor = make_user("Editors", username="eddie")
    article = make_ready_article(status=Status.REVIEW)
    client.force_login(editor)
    client.post(transition_url(article, "publish"))
    page = client.get(reverse("admin:articles_article_history", args=[article.pk]))
    html = page.content.decode()
    assert "eddie" in html
    assert "Published" in html


def test_diff_between_two_versions_is_readable_and_escaped(client):
    editor = make_user("Editors")
    article = make_ready_article(title="Old title", body="<p>First paragraph.</p>")
    article.title = "New <script>alert(1)</script> title"
    article.body = "<p>First paragraph.</p><p>Second paragraph.</p>"
    article.save()
    older, newer = article.history.order_by("history_date", "history_id")
    client.force_login(editor)
    response = client.get(
        reverse("admin:articles_article_compare", args=[article.pk]),
        {"from": newer.history_id, "to": older.history_id},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Second&nbsp;paragraph." in html
    assert 'class="diff_add"' in html or 'class="diff_chg"' in html
    assert "Version 1" in html
    assert "Version 2" in html


def test_compare_with_bad_version_ids_goes_back_with_a_message(client):
    editor = make_user("Editors")
    article = make_ready_article()
    client.force_login(editor)
    response = client.get(
        reverse("admin:articles_article_compare", args=[article.pk]), {"from": "x", "to": "99"}
    )
    assert response.status_code == 302


def test_restoring_makes_a_new_version_and_keeps_history(client):
    editor = make_user("Editors")
    article = make_ready_article(title="Original", summary="Original summary.")
    article.title, article.summary = "Rewritten", "Rewritten summary."
    article.save()
    original = article.history.order_by("history_date", "history_id").first()
    client.force_login(editor)
    response = client.post(
        reverse("admin:articles_article_restore", args=[article.pk, original.history_id])
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.title, article.summary) == ("Original", "Original summary.")
    assert article.status == Status.DRAFT
    assert article.history.count() == 3
    assert article.history.first().history_change_reason.startswith("Restored the version of")


def test_a_writer_cannot_restore_a_published_brief(client):
    writer = make_user("Writers")
    article = make_ready_article(created_by=writer)
    article.title = "Second"
    article.save()
    workflow.publish(article)
    first = article.history.order_by("history_date", "history_id").first()
    client.force_login(writer)
    response = client.post(
        reverse("admin:articles_article_restore", args=[article.pk, first.history_id])
    )
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.title == "Second"


# --- Lists ---


def test_changelist_shows_the_overview_in_a_fixed_number_of_queries(
    client, django_assert_max_num_queries
):
    editor = make_user("Editors")
    client.force_login(editor)
    topic = make_category(name="Tech Cooperation")
    make_ready_article(title="Alpha brief", category=topic, authors=[make_author(name="Ana Lima")])
    client.get(reverse("admin:articles_article_changelist"))  # warm caches (content types)

    def count_queries():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("admin:articles_article_changelist"))
        assert response.status_code == 200
        return len(queries), response.content.decode()

    few, html = count_queries()
    assert "Alpha brief" in html
    assert "Ana Lima" in html
    assert "Tech Cooperation" in html
    for _ in range(10):
        make_ready_article(authors=[make_author(), make_author()])
    many, _html = count_queries()
    assert many == few
    with django_assert_max_num_queries(16):
        client.get(reverse("admin:articles_article_changelist"))


def test_changelist_filters_by_state_topic_author_and_searches(client):
    editor = make_user("Editors")
    client.force_login(editor)
    author = make_author(name="Bruno Costa")
    topic = make_category()
    scheduled = make_ready_article(
        title="Scheduled one",
        status=Status.PUBLISHED,
        published_at=timezone.now() + timedelta(days=1),
        category=topic,
        authors=[author],
    )
    make_ready_article(title="Draft one")
    url = reverse("admin:articles_article_changelist")
    for query in (
        {"state": "scheduled"},
        {"category__id__exact": topic.pk},
        {"authors__id__exact": author.pk},
        {"q": "Bruno"},
    ):
        html = client.get(url, query).content.decode()
        assert scheduled.title in html, query
        assert "Draft one" not in html, query


def test_scheduled_and_in_review_view_orders_what_is_coming_and_waiting(
    client, django_assert_max_num_queries
):
    editor = make_user("Editors")
    client.force_login(editor)
    now = timezone.now()
    make_ready_article(title="Later", status=Status.PUBLISHED, published_at=now + timedelta(days=5))
    make_ready_article(
        title="Sooner", status=Status.PUBLISHED, published_at=now + timedelta(hours=5)
    )
    make_ready_article(
        title="Waiting long", status=Status.REVIEW, submitted_at=now - timedelta(days=3)
    )
    make_ready_article(
        title="Waiting short", status=Status.REVIEW, submitted_at=now - timedelta(hours=3)
    )
    make_ready_article(title="Live one")
    with django_assert_max_num_queries(10):
        html = client.get(reverse("admin:articles_article_queue")).content.decode()
    order = list(re.findall(r">(Later|Sooner|Waiting long|Waiting short|Live one)<", html))
    assert order == ["Sooner", "Later", "Waiting long", "Waiting short"]


# --- Editor and page ---


def test_the_editor_offers_only_html_the_sanitiser_keeps():
    allowed = allowlist_from_extensions(EDITOR_EXTENSIONS)
    assert allowed["tags"] <= ALLOWED_TAGS
    assert {
        "p",
        "h2",
        "h3",
        "h4",
        "ul",
        "ol",
        "li",
        "a",
        "strong",
        "em",
        "blockquote",
        "table",
    } <= allowed["tags"]
    assert "h1" not in allowed["tags"]


def test_the_change_page_loads_the_editor_with_a_csp_nonce(client):
    editor = make_user("Editors")
    article = make_ready_article()
    client.force_login(editor)
    response = client.get(change_url(article))
    html = response.content.decode()
    nonce = re.search(r'<script type="importmap" nonce="([^"]+)"', html).group(1)
    assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
    assert "data-django-prose-editor-configurable" in html
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


def test_public_pages_get_no_nonce(client):
    make_ready_article()
    response = client.get("/")
    assert "nonce-" not in response["Content-Security-Policy"]


def test_the_slug_is_prefilled_from_the_title(client):
    client.force_login(make_user("Editors"))
    html = client.get(reverse("admin:articles_article_add")).content.decode()
    tag = re.search(r'<script[^>]*id="django-admin-prepopulated-fields-constants"[^>]*>', html)
    assert "#id_slug" in tag.group(0)
    assert "#id_title" in tag.group(0)


def test_share_links_are_created_and_revoked_from_the_change_page(client):
    writer = make_user("Writers")
    article = make_ready_article(created_by=writer)
    client.force_login(writer)
    client.post(reverse("admin:articles_article_share", args=[article.pk]), {"note": "Funder"})
    link = PreviewLink.objects.get()
    assert link.created_by == writer
    page = client.get(change_url(article)).content.decode()
    assert link.get_absolute_url() in page
    client.post(reverse("admin:articles_article_revoke", args=[article.pk, link.pk]))
    link.refresh_from_db()
    assert link.is_revoked


def test_a_writer_cannot_share_or_revoke_someone_elses_brief(client):
    writer = make_user("Writers")
    article = make_ready_article(created_by=make_user("Writers"))
    client.force_login(writer)
    response = client.post(reverse("admin:articles_article_share", args=[article.pk]))
    assert response.status_code == 403
    assert not PreviewLink.objects.exists()


def test_the_slug_help_says_where_the_brief_lives_in_words_the_page_shows(client):
    client.force_login(make_user("Editors"))
    html = client.get("/admin/articles/article/add/").content.decode()
    assert "/articles/eu-lac-digital-alliance/" in html
    assert "/articles//" not in html


def test_a_writer_is_offered_only_the_statuses_a_writer_may_choose(client):
    client.force_login(make_user("Writers"))
    html = client.get("/admin/articles/article/add/").content.decode()
    soup = BeautifulSoup(html, "html.parser")
    offered = [option["value"] for option in soup.select("select[name=status] option")]
    assert offered == ["draft", "review"]


def test_an_editor_is_offered_every_status(client):
    client.force_login(make_user("Editors"))
    soup = BeautifulSoup(client.get("/admin/articles/article/add/").content, "html.parser")
    offered = [option["value"] for option in soup.select("select[name=status] option")]
    assert offered == ["draft", "review", "published", "archived"]
