"""
Whole-page cache for anonymous readers, with conditional GET.

The pages of the views apps name with `cache_views()` (home, the list of briefs,
briefs, topics, tags, authors) are kept per URL and language for readers without a
session, in each process's memory, under the content version (pagecache/version.py):
when the version changes, in this process or any other, no page made before is
served again. Pages carry an ETag built from the version, so a revalidating browser
gets a 304 without the page being rendered.

Pages are kept with their holes (pagecache/holes.py) unfilled: each reader gets a CSRF
token of their own and a fresh "shown at" time for the signup form.

One middleware, placed after those that add headers and cookies (CSRF, CSP, framing),
so a cache hit goes back through exactly the same stack as a fresh page. It answers
hits before URL resolution and the view; after the view, it keeps what may be kept.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from contextlib import suppress
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import get_language

from pagecache import holes, version

# Query parameters that change a cacheable page; any other makes the request uncached.
PAGE_PARAMETERS = frozenset({"page"})
_cacheable_views: set[str] = set()


def cache_views(*view_names: str) -> None:
    """Pages of these views depend only on their URL, language and the published content."""
    _cacheable_views.update(view_names)


def cacheable_views() -> frozenset[str]:
    return frozenset(_cacheable_views)


class _Pages:
    """Pages kept in this process, least recently served first out, within a size."""

    def __init__(self):
        self._pages: OrderedDict[str, dict] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> dict | None:
        page = self._pages.get(key)
        if page is not None:
            with suppress(KeyError):  # dropped by another thread meanwhile
                self._pages.move_to_end(key)
        return page

    def put(self, key: str, page: dict) -> None:
        limit = settings.STATEUP_PAGE_CACHE_MEMORY_MB * 1024 * 1024
        with self._lock:
            old = self._pages.pop(key, None)
            if old is not None:
                self._size -= old["size"]
            self._pages[key] = page
            self._size += page["size"]
            while self._size > limit and self._pages:
                _, dropped = self._pages.popitem(last=False)
                self._size -= dropped["size"]

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()
            self._size = 0


pages = _Pages()


def content_version(request=None) -> str:
    """
    The current content version's name in this process: it changes with every committed
    change to what public pages show, and when a scheduled brief goes live. Anything
    derived from published content may be kept under it and stays exact.
    """
    lookup = getattr(request, "_page_cache_lookup", None)
    if lookup is not None:
        return lookup.state.key
    return version.current().key


def _is_personal(request) -> bool:
    """A request that may see something of its own: staff, a session, a flash message."""
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies


def _cache_path(request) -> str | None:
    if request.GET:
        if set(request.GET) - PAGE_PARAMETERS or len(request.GET.getlist("page")) > 1:
            return None
        page = request.GET.get("page")
    else:
        page = None
    language = get_language() or settings.LANGUAGE_CODE
    # Pages hold absolute URLs (canonical, feeds), so the origin is part of the key.
    origin = f"{request.scheme}://{request.get_host()}"
    return f"{language}|{origin}{request.path}" + (f"?page={page}" if page is not None else "")


_ETAG_KEY = None


def _etag(state: version.State, path: str, csrf_secret: str) -> str:
    # Keyed: an ETag cannot be made up for a page the site never sent. Built from the
    # version every process shares, so any worker can answer a revalidation.
    global _ETAG_KEY
    if _ETAG_KEY is None:
        _ETAG_KEY = hashlib.blake2b(settings.SECRET_KEY.encode(), digest_size=32).digest()
    digest = hashlib.blake2b(
        f"{state.shared}|{path}|{csrf_secret}".encode(), digest_size=12, key=_ETAG_KEY
    ).hexdigest()
    return f'W/"{digest}"'


def _finish(response, lookup: Lookup, request):
    response["ETag"] = _etag(lookup.state, lookup.path, request.META.get("CSRF_COOKIE") or "")
    response["Last-Modified"] = http_date(lookup.state.since)
    # The page holds a CSRF token tied to this reader's cookie: browsers may keep
    # it and revalidate, shared caches may not.
    patch_cache_control(response, private=True, no_cache=True)
    patch_vary_headers(response, ["Cookie"])
    return response


@dataclass
class Lookup:
    """What the cache knows for one request: the content state and the kept page, if current."""

    state: version.State
    path: str
    stored: dict | None
    not_modified: bool


def _cache_path_for(request) -> str | None:
    if request.method not in {"GET", "HEAD"} or _is_personal(request):
        return None
    return _cache_path(request)


def _look_up(request, path: str, stored: dict | None) -> Lookup:
    """Compare what is kept for `path` (if anything) and the reader's ETag with the version."""
    state = version.current()
    if stored is not None and stored["version"] != state.key:
        stored = None
    # A revalidation is answered only for the reader the page was made for: the
    # ETag covers their CSRF cookie, which the page's token belongs to.
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
    not_modified = False
    if if_none_match:
        secret = request.COOKIES.get(settings.CSRF_COOKIE_NAME, "")
        not_modified = (
            len(secret) == 32
            and secret.isascii()
            and secret.isalnum()
            and _etag(state, path, secret) in {tag.strip() for tag in if_none_match.split(",")}
        )
    return Lookup(state=state, path=path, stored=stored, not_modified=not_modified)


def _serve(request, lookup: Lookup):
    """The answer to a lookup that found something: 304, or the kept page for this reader."""
    if lookup.not_modified:
        return _finish(HttpResponseNotModified(), lookup, request)
    stored = lookup.stored
    response = HttpResponse(
        holes.fill_parts(stored["parts"], request), content_type=stored["content_type"]
    )
    if stored["language"]:
        response["Content-Language"] = stored["language"]
    response["X-Page-Cache"] = "hit"
    return _finish(response, lookup, request)


class PageCacheMiddleware:
    """Serves, revalidates and keeps anonymous readers' pages; see the module's docstring."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = _cache_path_for(request)
        # Only a path that was kept before is a cacheable page: others never spend
        # a thought on versions before URL resolution (see process_view).
        stored = pages.get(path) if path is not None else None
        if stored is not None:
            lookup = request._page_cache_lookup = _look_up(request, path, stored)
            if lookup.not_modified or lookup.stored is not None:
                return _serve(request, lookup)
        response = self.get_response(request)
        if response.streaming:
            return response
        # Kept cut at its holes, so that each reader's copy is one join.
        parts = holes.split(response.content) if holes.has_holes(request) else [response.content]
        if len(parts) > 1:
            response.content = holes.fill_parts(parts, request)
        if (
            getattr(request, "_page_cache_keep", False)
            and response.status_code == 200
            and not set(response.cookies) - {settings.CSRF_COOKIE_NAME}
        ):
            self._keep(request, request._page_cache_lookup, response, parts)
        return response

    @staticmethod
    def _keep(request, lookup: Lookup, response, parts: list) -> None:
        # After the holes are filled: the ETag covers the CSRF cookie the token is for.
        _finish(response, lookup, request)
        if settings.STATEUP_PAGE_CACHE:
            page = {
                "version": lookup.state.key,
                "parts": parts,
                "size": sum(len(part) for part in parts),
                "content_type": response["Content-Type"],
                "language": response.get("Content-Language"),
            }
            pages.put(lookup.path, page)
            response["X-Page-Cache"] = "miss"

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or match.view_name not in _cacheable_views:
            return None
        lookup = getattr(request, "_page_cache_lookup", None)
        if lookup is None:
            path = _cache_path_for(request)
            if path is None:
                return None
            lookup = request._page_cache_lookup = _look_up(request, path, None)
            if lookup.not_modified:
                return _serve(request, lookup)
        request._page_cache_keep = True
        return None
