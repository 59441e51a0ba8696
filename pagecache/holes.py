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
from collections.abc import Callable

from django.conf import settings
from django.utils.html import escape

_fills: dict[str, Callable] = {}
_placeholders: dict[str, bytes] = {}


def register(name: str, fill: Callable) -> None:
    """Pages may have a hole called `name`, which `fill(request)` fills (text, escaped here)."""
    _fills[name] = fill
    _placeholders.pop(name, None)


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


def fill(content: bytes, request) -> bytes:
    """`content` with every hole filled for `request` (None: markup rendered outside one)."""
    for name, fill_hole in _fills.items():
        marker = _placeholder(name)
        if marker in content:
            content = content.replace(marker, escape(fill_hole(request)).encode())
    return content
