"""
The editorial workflow's background tasks: its emails, sent by the worker.

The task's row in the queue is the outbox: a mail server that is down makes the
task try again later (1, 4, 16, 64 minutes), then give up with the failure logged.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django_tasks import task

from stateup.tasks import enqueue_later

RETRY_DELAYS = [timedelta(minutes=4**attempt) for attempt in range(4)]


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
