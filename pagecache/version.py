"""
The content version: one name for "what public pages show right now", the same in
every process and on every server.

It is made of three parts:

* the **release**: `STATEUP_RELEASE`, or else a digest of the code and templates this
  process runs, so that a deploy retires every page the old code made, by itself;
* the database's **counter** (pagecache.models.ContentVersion), which triggers raise
  on every committed write to a watched table, whichever process, management command,
  bulk `update()` or raw SQL statement made it. Each process reads it at most every
  `STATEUP_CONTENT_POLL_SECONDS` (half a second by default), one indexed row;
* when content next **changes by itself** (a scheduled brief going live), as the
  apps tell it (`next_change`).

Within a process, a watched model's signals start a new version at once (and again
on commit), so the writer's own next request never waits for the poll.

Apps register what they show from `AppConfig.ready()`: `watch(Model, ...)` for the
models whose rows public pages show, `next_change(callable)` for self-timed changes.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import connections, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

logger = logging.getLogger(__name__)

TABLE = "pagecache_contentversion"

_watched: list = []
_next_changes: list[Callable[[], datetime | None]] = []
# Raised by this process's own writes: a new version without waiting for the poll.
_generation = 0
_lock = threading.Lock()


@dataclass(frozen=True)
class State:
    """What this process knows of the content version."""

    shared: str  # the same in every process: release, counter and timed changes
    key: str  # the name things are kept under in this process (`shared` plus local writes)
    since: float  # when this process saw it begin (Unix time)
    until: float | None  # when content changes by itself next (Unix time)
    counter: int | None
    generation: int
    checked: float  # when the counter was last read (monotonic clock)


_state: State | None = None


def watch(*models) -> None:
    """Public pages show rows of these models (or many-to-many tables): a write to them is a change."""
    for model in models:
        if model in _watched:
            continue
        _watched.append(model)
        uid = f"pagecache-{model._meta.label_lower}"
        if model._meta.auto_created:  # a many-to-many table, saved through its field
            m2m_changed.connect(_changed, sender=model, dispatch_uid=uid + "-m2m")
        post_save.connect(_changed, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(_changed, sender=model, dispatch_uid=uid + "-delete")


def next_change(when: Callable[[], datetime | None]) -> None:
    """`when()` answers when content next changes by itself (or None); asked once per version."""
    if when not in _next_changes:
        _next_changes.append(when)


def watched_tables() -> list[str]:
    return [model._meta.db_table for model in _watched]


def invalidate() -> None:
    """Start a new version in this process now and again once the transaction commits."""
    # The second time matters: a reader may render the old data between this call
    # and the commit, and keep it under the first new version. The database's
    # triggers tell the other processes.
    _bump()
    transaction.on_commit(_bump)


def invalidate_everywhere(using: str = "default") -> None:
    """Start a new version on every process, as a write would (`clearpagecache`)."""
    with connections[using].cursor() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET counter = counter + 1 WHERE id = 1")  # noqa: S608
    invalidate()


def forget() -> None:
    """Start a new version in this process, as after a write it cannot see (a rollback in tests)."""
    _bump()


def _bump() -> None:
    global _generation
    with _lock:
        _generation += 1


def _changed(sender, **kwargs) -> None:
    invalidate()


def current() -> State:
    """This process's view of the content version, read from the database at most every poll."""
    global _state
    state = _state
    now = time.monotonic()
    if (
        state is not None
        and state.generation == _generation
        and now - state.checked < settings.STATEUP_CONTENT_POLL_SECONDS
        and (state.until is None or state.until > time.time())
    ):
        return state
    with _lock:
        generation = _generation
    counter = _read_counter()
    if (
        state is not None
        and state.generation == generation
        and state.counter == counter
        and (state.until is None or state.until > time.time())
    ):
        state = _state = State(**{**state.__dict__, "checked": now})
        return state
    until = _next_change()
    shared = f"{release()}.{counter}.{until or 0:.0f}"
    state = _state = State(
        shared=shared,
        key=f"{shared}.{generation}",
        since=time.time(),
        until=until,
        counter=counter,
        generation=generation,
        checked=now,
    )
    return state


def _read_counter() -> int | None:
    with connections["default"].cursor() as cursor:
        cursor.execute(f"SELECT counter FROM {TABLE} WHERE id = 1")  # noqa: S608
        row = cursor.fetchone()
    return row[0] if row else None


def _next_change() -> float | None:
    times = [when() for when in _next_changes]
    times = [moment.timestamp() for moment in times if moment is not None]
    return min(times) if times else None


# --- Release ---

_release: str | None = None
# What makes pages: code and templates. Static files are in the pages by their
# hashed names (ManifestStaticFilesStorage), so their manifest counts too.
_RELEASE_SUFFIXES = {".py", ".html", ".txt", ".xml", ".json"}
_SKIPPED_DIRS = {
    "var",
    "media",
    "staticfiles",
    "node_modules",
    "tests",
    "results",
    "reports",
    "__pycache__",
}


def release() -> str:
    """`STATEUP_RELEASE`, else a digest of this process's code, templates and static manifest."""
    global _release
    if _release is None:
        _release = settings.STATEUP_RELEASE or _digest_of(Path(settings.BASE_DIR))
        logger.debug("Release %s", _release)
    return _release


def _digest_of(root: Path) -> str:
    digest = hashlib.blake2b(digest_size=6)
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    files = sorted(_release_files(root)) + ([manifest] if manifest.is_file() else [])
    for path in files:
        digest.update(
            str(path.relative_to(root) if path.is_relative_to(root) else path.name).encode()
        )
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _release_files(root: Path):
    for entry in root.iterdir():
        if entry.is_dir():
            if entry.name not in _SKIPPED_DIRS and not entry.name.startswith("."):
                yield from _release_files(entry)
        elif entry.suffix in _RELEASE_SUFFIXES:
            yield entry


# --- Triggers ---


def install_triggers(using: str = "default", **kwargs) -> None:
    """
    Make the database raise the counter on every write to a watched table (post_migrate).

    On PostgreSQL the trigger is deferred to the commit and raises the counter once per
    transaction, so it neither holds the row's lock during the transaction nor costs
    more for a bulk write. SQLite has one writer at a time and no deferred triggers.
    """
    connection = connections[using]
    tables = set(connection.introspection.table_names())
    if TABLE not in tables:
        return
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT 1 FROM {TABLE} WHERE id = 1")  # noqa: S608
        if cursor.fetchone() is None:  # a flush empties the table too
            cursor.execute(f"INSERT INTO {TABLE} (id, counter) VALUES (1, 0)")  # noqa: S608
        if connection.vendor == "postgresql":
            cursor.execute(_POSTGRES_FUNCTION)
        for table in watched_tables():
            if table not in tables:
                continue
            for statement in _trigger_statements(connection.vendor, table):
                cursor.execute(statement)


_POSTGRES_FUNCTION = f"""
CREATE OR REPLACE FUNCTION pagecache_content_changed() RETURNS trigger AS $$
BEGIN
    UPDATE {TABLE} SET counter = counter + 1, transaction_id = txid_current()
    WHERE id = 1 AND transaction_id IS DISTINCT FROM txid_current();
    RETURN NULL;
END
$$ LANGUAGE plpgsql
"""  # noqa: S608 (our own table's name)


def _trigger_statements(vendor: str, table: str) -> list[str]:
    name = f"pagecache_{table}"[:60]
    if vendor == "postgresql":
        return [
            f'DROP TRIGGER IF EXISTS "{name}" ON "{table}"',
            f'CREATE CONSTRAINT TRIGGER "{name}" AFTER INSERT OR UPDATE OR DELETE ON "{table}" '
            "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION pagecache_content_changed()",
        ]
    if vendor == "sqlite":
        bump = f"UPDATE {TABLE} SET counter = counter + 1 WHERE id = 1"  # noqa: S608
        return [
            f'CREATE TRIGGER IF NOT EXISTS "{name}_{event.lower()}" AFTER {event} ON "{table}" '
            f"BEGIN {bump}; END"
            for event in ("INSERT", "UPDATE", "DELETE")
        ]
    logger.warning("No content version triggers for %s: only this process's writes count.", vendor)
    return []
