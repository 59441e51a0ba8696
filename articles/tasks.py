"""Background work for briefs, through Django's tasks API (the django-tasks backport)."""

from django_tasks import task


@task()
def render_brief_pdf(article_id: int) -> int | None:
    """
    Make the PDF edition of a published brief if it is missing or older than the
    brief; returns its number of pages. Safe to run twice: a current PDF is kept.
    """
    from articles import pdf

    edition = pdf.ensure(article_id, wait=False)
    return edition.pages if edition is not None else None
