from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone

from articles.editorial import workflow
from articles.editorial.workflow import Transition
from articles.models import Article
from tests.factories import image_upload, make_article, make_author, make_ready_article, make_user

pytestmark = pytest.mark.django_db

Status = Article.Status


def in_state(state: str, **overrides) -> Article:
    """A ready brief in `state`: draft, review, scheduled, live or archived."""
    now = timezone.now()
    fields = {
        "draft": {"status": Status.DRAFT},
        "review": {"status": Status.REVIEW, "submitted_at": now},
        "scheduled": {"status": Status.PUBLISHED, "published_at": now + timedelta(days=1)},
        "live": {"status": Status.PUBLISHED, "published_at": now - timedelta(hours=1)},
        "archived": {"status": Status.ARCHIVED, "published_at": now - timedelta(days=9)},
    }[state]
    return make_ready_article(**{**fields, **overrides})


def perform(article, transition, user):
    kwargs = {}
    if transition == Transition.SCHEDULE:
        kwargs["at"] = timezone.now() + timedelta(days=2)
    if transition == Transition.REQUEST_CHANGES:
        kwargs["reason"] = "Tighten the summary."
    workflow.perform(article, transition, by=user, **kwargs)


# Which role may make which transition from which state. The writer owns the brief.
ALLOWED = {
    ("Writers", "draft", Transition.SUBMIT),
    ("Editors", "draft", Transition.SUBMIT),
    ("Editors", "review", Transition.REQUEST_CHANGES),
    ("Editors", "draft", Transition.PUBLISH),
    ("Editors", "review", Transition.PUBLISH),
    ("Editors", "scheduled", Transition.PUBLISH),
    ("Editors", "draft", Transition.SCHEDULE),
    ("Editors", "review", Transition.SCHEDULE),
    ("Editors", "scheduled", Transition.SCHEDULE),
    ("Editors", "scheduled", Transition.UNPUBLISH),
    ("Editors", "live", Transition.UNPUBLISH),
    ("Editors", "archived", Transition.UNPUBLISH),
    ("Editors", "draft", Transition.ARCHIVE),
    ("Editors", "review", Transition.ARCHIVE),
    ("Editors", "scheduled", Transition.ARCHIVE),
    ("Editors", "live", Transition.ARCHIVE),
}
STATES = ["draft", "review", "scheduled", "live", "archived"]
ROLES = ["Writers", "Editors", "Administrators"]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("transition", list(Transition))
def test_every_role_and_transition_is_allowed_or_refused_with_nothing_changed(
    role, state, transition
):
    user = make_user(role)
    article = in_state(state, created_by=user)
    before = Article.objects.filter(pk=article.pk).values().get()
    if (role, state, transition) in ALLOWED:
        perform(article, transition, user)
        article.refresh_from_db()
        assert article.status == workflow.TARGET[transition]
        assert article.updated_by == user
        assert article.version == before["version"] + 1
    else:
        with pytest.raises(workflow.WorkflowError) as refused:
            perform(article, transition, user)
        assert refused.value.messages
        assert Article.objects.filter(pk=article.pk).values().get() == before


def test_a_writer_is_refused_for_an_editors_step_with_a_clear_message():
    writer = make_user("Writers")
    article = in_state("review", created_by=writer)
    with pytest.raises(workflow.NotAllowed) as refused:
        workflow.publish(article, by=writer)
    assert refused.value.messages == ["Only editors can publish briefs."]
    assert refused.value.status_code == 403


def test_a_writer_cannot_submit_someone_elses_draft_unless_it_is_shared():
    writer = make_user("Writers")
    other = in_state("draft", created_by=make_user("Writers"))
    with pytest.raises(workflow.NotAllowed):
        workflow.submit(other, by=writer)
    other.is_shared = True
    other.save()
    workflow.submit(other, by=writer)
    assert other.status == Status.REVIEW


def test_a_writer_listed_as_author_may_edit_and_submit_the_draft():
    writer = make_user("Writers")
    author = make_author(user=writer)
    article = in_state("draft", authors=[author])
    assert workflow.can_edit(writer, article)
    workflow.submit(article, by=writer)
    assert article.status == Status.REVIEW


def test_writers_edit_only_drafts_and_editors_edit_anything():
    writer, editor = make_user("Writers"), make_user("Editors")
    for state in STATES:
        article = in_state(state, created_by=writer)
        assert workflow.can_edit(writer, article) is (state == "draft")
        assert workflow.can_edit(editor, article)


def test_available_transitions_are_only_the_allowed_ones():
    writer, editor = make_user("Writers"), make_user("Editors")
    draft = in_state("draft", created_by=writer)
    assert workflow.available(writer, draft) == [Transition.SUBMIT]
    assert set(workflow.available(editor, in_state("review"))) == {
        Transition.REQUEST_CHANGES,
        Transition.PUBLISH,
        Transition.SCHEDULE,
        Transition.ARCHIVE,
    }
    assert workflow.available(writer, in_state("live", created_by=writer)) == []


def test_request_changes_needs_a_reason_and_keeps_it_on_the_brief():
    editor = make_user("Editors")
    article = in_state("review")
    with pytest.raises(workflow.NotPossible):
        workflow.request_changes(article, by=editor, reason="   ")
    article.refresh_from_db()
    assert article.status == Status.REVIEW
    workflow.request_changes(article, by=editor, reason="Add the 2030 figures.")
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    assert article.changes_requested_reason == "Add the 2030 figures."


# --- Scheduling ---


def test_a_scheduled_brief_becomes_public_at_its_time_without_any_job():
    editor = make_user("Editors")
    at = timezone.now() + timedelta(hours=3)
    article = in_state("review")
    workflow.publish(article, by=editor, at=at)
    assert article.is_scheduled
    assert not Article.objects.published().filter(pk=article.pk).exists()
    assert list(Article.objects.scheduled()) == [article]
    with time_machine.travel(at - timedelta(seconds=1)):
        assert not Article.objects.published().filter(pk=article.pk).exists()
    with time_machine.travel(at + timedelta(seconds=1)):
        assert Article.objects.published().filter(pk=article.pk).exists()
        assert not Article.objects.scheduled().exists()


def test_scheduling_in_the_past_is_refused():
    editor = make_user("Editors")
    article = in_state("review")
    with pytest.raises(workflow.NotPossible, match="future"):
        workflow.perform(
            article, Transition.SCHEDULE, by=editor, at=timezone.now() - timedelta(minutes=1)
        )


def test_publishing_a_scheduled_brief_now_makes_it_live_now():
    editor = make_user("Editors")
    article = in_state("scheduled")
    with time_machine.travel(timezone.now(), tick=False):
        workflow.publish(article, by=editor)
        assert article.published_at == timezone.now()
    assert article.is_public


def test_publish_without_a_user_still_runs_the_checks():
    article = make_article(status=Status.DRAFT, published_at=None)
    with pytest.raises(workflow.PublishBlocked):
        workflow.publish(article)
    article.refresh_from_db()
    assert article.status == Status.DRAFT


def test_queues_list_scheduled_soonest_first_and_review_oldest_first():
    now = timezone.now()
    later = in_state("scheduled", published_at=now + timedelta(days=3))
    sooner = in_state("scheduled", published_at=now + timedelta(hours=2))
    newer = in_state("review", submitted_at=now - timedelta(hours=1))
    older = in_state("review", submitted_at=now - timedelta(days=2))
    assert list(Article.objects.scheduled()) == [sooner, later]
    assert list(Article.objects.in_review()) == [older, newer]


# --- Pre-publish checks ---


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"summary": ""}, "Add a summary"),
        ({"summary": "x" * 301}, "The summary is 301 characters long"),
        ({"body": "<p> </p>"}, "Write the body"),
        ({"category": None}, "Choose a topic"),
        ({"hero_image": "hero", "hero_alt": ""}, "alt text"),
        ({"hero_image": "hero", "hero_credit": ""}, "Credit the hero image"),
    ],
    ids=["no-summary", "long-summary", "no-body", "no-topic", "no-alt", "no-credit"],
)
def test_pre_publish_checks_block_publishing_and_scheduling(overrides, message):
    editor = make_user("Editors")
    if overrides.get("hero_image") == "hero":
        overrides = {
            "hero_alt": "Wind turbines",
            "hero_credit": "Photo by Ana Lima",
            **overrides,
            "hero_image": image_upload(),
        }
    article = make_ready_article()
    for field, value in overrides.items():
        setattr(article, field, value)
    article.save()
    for transition in (Transition.PUBLISH, Transition.SCHEDULE):
        with pytest.raises(workflow.PublishBlocked) as blocked:
            perform(article, transition, editor)
        assert any(message in problem for problem in blocked.value.messages), blocked.value
        article.refresh_from_db()
        assert article.status == Status.DRAFT


def test_pre_publish_checks_need_an_author_and_no_empty_links():
    editor = make_user("Editors")
    article = make_ready_article(links=[{"title": "Report", "url": "https://example.org/r"}])
    article.authorships.all().delete()
    article.related_links.update(title="")
    with pytest.raises(workflow.PublishBlocked) as blocked:
        workflow.publish(article, by=editor)
    assert set(blocked.value.messages) == {
        "Add at least one author.",
        "Give every related link a title and a URL.",
    }


def test_a_ready_brief_passes_the_checks():
    assert workflow.publish_problems(make_ready_article()) == []


# --- Emails ---


def test_submitting_emails_the_editors_with_links(django_capture_on_commit_callbacks):
    writer = make_user("Writers", first_name="Wanda", last_name="Writer")
    make_user("Editors", email="ed1@stateup.test")
    make_user("Editors", email="ed2@stateup.test")
    make_user("Editors", email="")
    make_user("Editors", email="gone@stateup.test", is_active=False)
    article = in_state("draft", created_by=writer, title="Grid <storage>")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit(article, by=writer)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == ["ed1@stateup.test", "ed2@stateup.test"]
    assert message.subject == "Ready for review: Grid <storage>"
    assert "Wanda Writer submitted “Grid <storage>” for review." in message.body
    assert f"/admin/articles/article/{article.pk}/change/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "Grid &lt;storage&gt;" in html


def test_requesting_changes_emails_the_writers_the_reason(django_capture_on_commit_callbacks):
    writer = make_user("Writers", email="writer@stateup.test")
    coauthor = make_user("Writers", email="co@stateup.test")
    editor = make_user("Editors", email="editor@stateup.test")
    article = in_state(
        "review", created_by=writer, authors=[make_author(user=coauthor), make_author()]
    )
    with django_capture_on_commit_callbacks(execute=True):
        workflow.request_changes(article, by=editor, reason="Cite the 2024 <IEA> report.")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == ["co@stateup.test", "writer@stateup.test"]
    assert "Cite the 2024 <IEA> report." in message.body
    assert "Cite the 2024 &lt;IEA&gt; report." in message.alternatives[0][0]


def test_a_refused_transition_sends_no_email(django_capture_on_commit_callbacks):
    make_user("Editors")
    writer = make_user("Writers")
    article = in_state("review", created_by=writer)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(workflow.WorkflowError):
        workflow.submit(article, by=writer)
    assert mail.outbox == []


def test_transitions_are_recorded_in_the_history_with_who():
    writer, editor = make_user("Writers"), make_user("Editors")
    article = in_state("draft", created_by=writer)
    workflow.submit(article, by=writer)
    workflow.request_changes(article, by=editor, reason="More data.")
    records = list(article.history.order_by("history_date", "history_id"))
    assert [r.history_change_reason for r in records[-2:]] == [
        "Submitted for review",
        "Changes requested: More data.",
    ]
    assert [r.history_user for r in records[-2:]] == [writer, editor]


def test_groups_exist_with_their_permissions():
    writers = Group.objects.get(name="Writers")
    editors = Group.objects.get(name="Editors")
    admins = Group.objects.get(name="Administrators")
    writer_perms = set(writers.permissions.values_list("codename", flat=True))
    editor_perms = set(editors.permissions.values_list("codename", flat=True))
    assert {"add_article", "change_article"} <= writer_perms
    assert not {"publish_article", "review_article", "delete_article"} & writer_perms
    assert {"publish_article", "review_article", "change_category", "change_author"} <= editor_perms
    assert {"add_tag", "change_tag", "delete_tag"} <= editor_perms
    assert {"change_user", "change_group"} <= set(
        admins.permissions.values_list("codename", flat=True)
    )


def test_a_mail_server_failure_is_logged_and_the_submission_stands(
    monkeypatch, caplog, django_capture_on_commit_callbacks
):
    import smtplib

    from django.core.mail import EmailMultiAlternatives

    def refuse(self, fail_silently=False):
        raise smtplib.SMTPServerDisconnected("down")

    monkeypatch.setattr(EmailMultiAlternatives, "send", refuse)
    make_user("Editors")
    writer = make_user("Writers")
    article = in_state("draft", created_by=writer)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit(article, by=writer)
    article.refresh_from_db()
    assert article.status == Status.REVIEW
    assert "Could not send the submitted_for_review email" in caplog.text
