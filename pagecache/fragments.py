"""
What public pages derive from published content, kept in this process's memory under
the content version (pagecache/middleware.py): rendered brief cards, related briefs,
the number of briefs in a list.

The version changes with every committed change to briefs, topics, tags or authors and
when a scheduled brief goes live, and it lives in the shared cache: every app server
drops what it kept as soon as the version it reads changes, so nothing kept here is
ever shown stale. Staff pages and previews only use it for published content, which
is the same for everyone.
"""

from collections.abc import Callable, Iterable

from django.utils.safestring import SafeString
from django.utils.translation import get_language

from pagecache import holes
from pagecache.middleware import content_version

# Enough for every card and list of a large site; past either, start again, so that
# a crawler of every brief, or of made-up query strings, cannot make a worker grow.
MAX_ITEMS = 20_000
MAX_CHARACTERS = 32_000_000


class _Store(dict):
    """The items kept for one content version, and about how much text they hold."""

    characters = 0


# (version, items), replaced whole: a thread never sees one version with another's items.
_kept: tuple[str | None, _Store] = (None, _Store())


def _items(request) -> _Store:
    global _kept
    version = content_version(request)
    kept_version, items = _kept
    if kept_version != version or len(items) >= MAX_ITEMS or items.characters >= MAX_CHARACTERS:
        items = _Store()
        _kept = (version, items)
    return items


def _characters(value) -> int:
    """About how much text `value` keeps: markup, or a model instance's text fields."""
    if isinstance(value, str):
        return len(value)
    fields = getattr(value, "__dict__", None) or {}
    return 100 + sum(len(field) for field in fields.values() if isinstance(field, str))


def _keep(items: _Store, key: tuple, value) -> None:
    items[key] = value
    items.characters += _characters(value)


def remember(request, key: tuple, compute: Callable):
    """The value kept under `key` for the current content, computed once."""
    items = _items(request)
    try:
        return items[key]
    except KeyError:
        value = compute()
        _keep(items, key, value)
        return value


def remember_many(request, keys: Iterable[tuple], compute: Callable[[list], dict]) -> dict:
    """
    The values kept under `keys`; `compute(missing_keys)` returns the missing ones by key
    (leaving out any it cannot make, which are then left out of the answer too).
    """
    items = _items(request)
    keys = list(keys)
    missing = [key for key in keys if key not in items]
    if missing:
        for key, value in compute(missing).items():
            _keep(items, key, value)
    return {key: items[key] for key in keys if key in items}


def page_fragment_key(request, *parts) -> tuple:
    """The key of a page fragment ({% keep_per_version %}): its parts, the origin, the language."""
    origin = f"{request.scheme}://{request.get_host()}" if request is not None else ""
    return ("fragment", *parts, origin, get_language())


def kept(request, keys: Iterable[tuple]) -> dict | None:
    """The values kept under every one of `keys`, or None if any is missing."""
    items = _items(request)
    try:
        found = {key: items[key] for key in keys}
    except KeyError:
        return None
    for value in found.values():
        _mark_holes(request, value)
    return found


class _MarkupWithHoles(SafeString):
    """Kept markup with holes in it ({% hole %}): a page that shows it has them too."""


def remember_markup(request, key: tuple, render: Callable[[], str]) -> SafeString:
    """
    Markup kept under `key` for the current content, rendered once. Holes rendered in it
    stay holes (placeholders), and every page that shows it is marked as having them,
    so each reader's response gets them filled.
    """

    def make():
        had_holes = holes.has_holes(request)
        if request is not None:
            request._page_holes = False
        markup = render()
        made_holes = holes.has_holes(request)
        if request is not None:
            request._page_holes = had_holes or made_holes
        return _MarkupWithHoles(markup) if made_holes else markup

    markup = remember(request, key, make)
    _mark_holes(request, markup)
    return markup


def _mark_holes(request, value) -> None:
    if isinstance(value, _MarkupWithHoles) and request is not None:
        request._page_holes = True
