"""
Holes: the parts of a cached page that differ for each request (the CSRF token, the
time a form was shown). A page is rendered, and kept, with a placeholder in each hole;
every response, fresh or cached, has its holes filled for the reader it goes to.

Apps register the holes their pages have from `AppConfig.ready()` with `register()`,
and templates leave one with `{% hole "name" %}` (pagecache/templatetags/holes.py) or
with `placeholder(name)` in code that renders markup once for many requests.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable

from django.conf import settings
from django.utils.html import escape

_fills: dict[str, Callable] = {}
_placeholders: dict[str, bytes] = {}
# The pattern that finds every placeholder, and the hole each one stands for.
_finder: tuple[re.Pattern, dict[bytes, str]] | None = None


def register(name: str, fill: Callable) -> None:
    """Pages may have a hole called `name`, which `fill(request)` fills (text, escaped here)."""
    global _finder
    _fills[name] = fill
    _placeholders.pop(name, None)
    _finder = None


def placeholder(name: str, request=None) -> str:
    """The text that stands for hole `name` in rendered markup (and marks `request` as having holes)."""
    if name not in _fills:
        raise KeyError(f"No hole called {name!r} is registered.")
    if request is not None:
        request._page_holes = True
    return _placeholder(name).decode()


def _placeholder(name: str) -> bytes:
    marker = _placeholders.get(name)
    if marker is None:
        # Derived from the secret key: the same in every process, and not something a
        # brief's text could contain by chance or on purpose.
        digest = hashlib.blake2b(
            name.encode(), key=settings.SECRET_KEY.encode()[:64], digest_size=8
        )
        marker = _placeholders[name] = f"__hole_{name}_{digest.hexdigest()}__".encode()
    return marker


def has_holes(request) -> bool:
    return getattr(request, "_page_holes", False)


def split(content: bytes) -> list:
    """
    `content` cut at its holes, read once: text, hole name, text, and so on. A page kept
    this way is filled for each reader by joining its parts (`fill_parts`).
    """
    global _finder
    if not _fills:
        return [content]
    if _finder is None:
        names = {_placeholder(name): name for name in _fills}
        pattern = b"(" + b"|".join(re.escape(marker) for marker in names) + b")"
        _finder = (re.compile(pattern), names)
    pattern, names = _finder
    parts = pattern.split(content)
    for index in range(1, len(parts), 2):
        parts[index] = names[parts[index]]
    return parts


def fill_parts(parts: list, request) -> bytes:
    """The content `split()` cut, with each hole filled for `request`, once per name."""
    if len(parts) == 1:
        return parts[0]
    filled = list(parts)
    values: dict[str, bytes] = {}
    for index in range(1, len(filled), 2):
        name = filled[index]
        value = values.get(name)
        if value is None:
            value = values[name] = escape(_fills[name](request)).encode()
        filled[index] = value
    return b"".join(filled)


def fill(content: bytes, request) -> bytes:
    """`content` with every hole filled for `request` (None: markup rendered outside one)."""
    return fill_parts(split(content), request)
