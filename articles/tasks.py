"""Background work for briefs, through Django's tasks API (the django-tasks backport)."""

from django.db import transaction
from django_tasks import task

from articles import pdf


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
