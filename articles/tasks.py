"""
Background work for briefs, through Django's tasks API (the django-tasks backport): the
PDF edition, and the editorial workflow's emails, sent by the worker.

A workflow email's task row in the queue is its outbox: a mail server that is down
makes the task try again later (1, 4, 16, 64 minutes), then give up with the failure
logged.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django_tasks import task

from articles import pdf
from stateup.tasks import enqueue_later

RETRY_DELAYS = [timedelta(minutes=4**attempt) for attempt in range(4)]


def schedule_pdf_render(sender, instance, **kwargs) -> None:
    """After a published brief is saved: make its PDF in the background once committed."""
    if instance.status != instance.Status.PUBLISHED or not pdf.is_available():
        return
    article_id = instance.pk
    transaction.on_commit(lambda: render_brief_pdf.enqueue(article_id))


@task()
def render_brief_pdf(article_id: int) -> int | None:
    """
    Make the PDF edition of a published brief if it is missing or older than the
    brief; returns its number of pages. Safe to run twice: a current PDF is kept.
    """
    edition = pdf.ensure(article_id, wait=False)
    return edition.pages if edition is not None else None


@task()
def send_workflow_email(
    kind: str, article_id: int, by_id: int | None, reason: str = "", attempt: int = 0
) -> int:
    """Send the `kind` workflow email ("submitted_for_review", "changes_requested") about a brief."""
    from articles.editorial import emails
    from articles.models import Article

    article = Article.objects.filter(pk=article_id).first()
    if article is None:
        return 0
    by = get_user_model().objects.filter(pk=by_id).first() if by_id else None
    if kind == "submitted_for_review":
        sent = emails.send_submitted_for_review(article, submitted_by=by)
    elif kind == "changes_requested":
        sent = emails.send_changes_requested(article, requested_by=by, reason=reason)
    else:
        raise ValueError(f"Unknown workflow email {kind!r}")
    if sent is None and attempt < len(RETRY_DELAYS):
        # The mail server refused (logged by emails._send): try again later.
        enqueue_later(
            send_workflow_email,
            kind,
            article_id,
            by_id,
            reason,
            attempt + 1,
            delay=RETRY_DELAYS[attempt],
        )
    return sent or 0
