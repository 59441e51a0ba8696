"""
How the project hands work to the background worker (Django's tasks API, DEP 14).

Work is enqueued only once the transaction that stored it has committed, so the
worker never looks for a row that is not there yet; and a queue that cannot be
reached never breaks the request: what was stored is sent later by a retry
(`manage.py sendpending`, the campaign watchdog).
"""

import logging
from datetime import timedelta

from django.db.transaction import on_commit
from django.utils import timezone

logger = logging.getLogger(__name__)


def after_commit(callback) -> None:
    """Run `callback` once the current transaction commits (at once outside one)."""
    on_commit(callback)


def enqueue(task, *args, **kwargs) -> None:
    """Enqueue `task` now; a queue that is down is logged, never raised to the caller."""
    try:
        task.enqueue(*args, **kwargs)
    except Exception:  # a queue that is down must not lose the stored work
        logger.exception("Could not enqueue %s; it will be retried later", task.name)


def enqueue_on_commit(task, *args, **kwargs) -> None:
    """Enqueue `task` after the current transaction commits (at once outside one)."""
    on_commit(lambda: enqueue(task, *args, **kwargs))


def enqueue_later(task, *args, delay: timedelta, **kwargs) -> bool:
    """Enqueue `task` to run after `delay`, if the backend can defer; False if it cannot."""
    if not task.get_backend().supports_defer:
        return False
    enqueue_on_commit(task.using(run_after=timezone.now() + delay), *args, **kwargs)
    return True
