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
from taggit.models import Tag

from articles import pdf
from articles.models import Article, Author, Category, PdfEdition, Series
from background.enqueue import enqueue, enqueue_later

RETRY_DELAYS = [timedelta(minutes=4**attempt) for attempt in range(4)]

#: What a brief's PDF prints of other objects: the lookup from a brief to each.
PDF_SHOWS = {Author: "authors", Category: "category", Series: "series", Tag: "tags"}


def schedule_pdf_render(sender, instance, **kwargs) -> None:
    """After a published brief is saved: make its PDF in the background once committed."""
    if instance.status != instance.Status.PUBLISHED or not pdf.is_available():
        return
    article_id = instance.pk
    transaction.on_commit(lambda: enqueue(render_brief_pdf, article_id))


def schedule_pdf_renders_for(sender, instance, created=False, raw=False, **kwargs) -> None:
    """
    After a writer, topic, series or tag is edited: the PDFs that show it are out of
    date (a byline or a topic name is printed on them). They are marked so at once, in
    the same transaction, so no reader is given the old name, and made again in the
    background; a reader who asks first has it made on the spot, as for a new brief.
    """
    if created or raw or not pdf.is_available():
        return
    briefs = Article.objects.filter(
        status=Article.Status.PUBLISHED, **{PDF_SHOWS[sender]: instance}
    )
    stale = PdfEdition.objects.filter(
        article__in=briefs.values("pk"), generated_version__isnull=False
    )
    if stale.update(generated_version=None):
        transaction.on_commit(lambda: enqueue(render_stale_pdfs))


@task()
def render_stale_pdfs() -> int:
    """
    Make again every published brief's PDF marked out of date; returns how many were
    made. Safe to kill and to run twice at once: each PDF is claimed before it is made,
    and what is left is found again by the next run (or made when a reader asks).
    """
    made = 0
    stale = PdfEdition.objects.filter(
        generated_version__isnull=True, article__status=Article.Status.PUBLISHED
    )
    for article_id in stale.values_list("article_id", flat=True).iterator():
        edition = pdf.ensure(article_id, wait=False)
        made += edition is not None and edition.generated_version is not None
    return made


def delete_pdf_files(sender, instance, **kwargs) -> None:
    """A deleted brief's PDF files go with it, once the deletion is committed."""
    files = [
        (field.storage, field.name) for field in (instance.generated, instance.designed) if field
    ]
    if files:
        transaction.on_commit(lambda: [storage.delete(name) for storage, name in files])


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
