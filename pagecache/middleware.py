"""
Whole-page cache for anonymous readers, with conditional GET.

Public pages (home, the list of briefs, briefs, topics, tags, authors) are cached
per URL for readers without a session. A single content version, bumped after every
committed change to briefs, topics, tags or authors, invalidates every cached page at
once; the version also ends by itself when the next scheduled brief goes live, so
scheduling needs no cron job. Pages carry an ETag built from the version, so a
revalidating browser gets a 304 without the page being rendered.

The cached HTML holds placeholders where the CSRF token and the signup form's signed
"shown at" time were: each reader gets a token of their own and a fresh time, so forms
on cached pages (the signup block) keep working and its minimum fill time still means
something.

Two middleware share the work. `CachedPageMiddleware` sits near the top of the stack
and answers cache hits and revalidations (304) before sessions, authentication and
URL resolution run; the middleware between it and `PageCacheMiddleware` still finish
those responses, so a hit carries exactly the headers and cookies of a fresh page
(CSRF cookie, CSP, X-Frame-Options, and the security headers of the middleware above
it). `PageCacheMiddleware`, after the view, decides what may be stored and stores it.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Min
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse, HttpResponseNotModified
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from django.utils.module_loading import import_string
from django.utils.translation import get_language

from publicforms.forms import make_started_stamp

STATE_KEY = "pagecache:state"
PAGE_KEY = "pagecache:page:{path}"
CSRF_PLACEHOLDER = b"__stateup_csrf_token__"
STARTED_PLACEHOLDER = b"__stateup_form_started__"
_CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]{64}(")')
_STARTED_INPUT = re.compile(rb'(name="started" value=")[^"]*(")')
_CSRF_SECRET = re.compile(r"[A-Za-z0-9]{32}")

# The views whose output depends only on the URL and the published content.
CACHEABLE_VIEWS = frozenset(
    {
        "home",
        "articles:list",
        "articles:detail",
        "articles:topic",
        "articles:tag",
        "articles:author",
    }
)
# Their paths, so that other requests never spend a cache lookup. Only what the
# views above stored is ever served: this pattern just narrows where to look.
_CACHEABLE_PATH = re.compile(r"/(?:articles/(?:[-\w]+/)?|(?:topics|tags|authors)/[-\w]+/)?")
# Query parameters that change a cacheable page; any other makes the request uncached.
PAGE_PARAMETERS = frozenset({"page"})


def invalidate() -> None:
    """Forget every cached page now, and again once the current transaction commits."""
    # The second time matters: a reader may render the old data between this call
    # and the commit, and cache it under a fresh version.
    cache.delete(STATE_KEY)
    transaction.on_commit(lambda: cache.delete(STATE_KEY))


def _content_changed(sender, **kwargs) -> None:
    invalidate()


def connect_invalidation() -> None:
    """
    Invalidate on every write to what public pages show, whatever path made it.

    Signals rather than calls from save(): tags are a third-party model, and admin
    inlines and many-to-many fields are saved after the brief itself.
    """
    from taggit.models import Tag, TaggedItem

    from articles.models import Article, Author, Authorship, Category, RelatedLink

    for model in (Article, Author, Authorship, Category, RelatedLink, Tag, TaggedItem):
        uid = f"pagecache-{model._meta.label_lower}"
        post_save.connect(_content_changed, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(_content_changed, sender=model, dispatch_uid=uid + "-delete")
    m2m_changed.connect(
        _content_changed,
        sender=Article.related_articles.through,
        dispatch_uid="pagecache-related-articles",
    )


def _new_state() -> dict:
    from articles.models import Article

    now = timezone.now()
    next_publish = Article.objects.filter(
        status=Article.Status.PUBLISHED, published_at__gt=now
    ).aggregate(at=Min("published_at"))["at"]
    return {
        "version": secrets.token_hex(8),
        "since": now.timestamp(),
        "until": next_publish.timestamp() if next_publish else None,
    }


def _current_state(state: dict | None) -> dict:
    now = timezone.now().timestamp()
    if state is None or (state["until"] is not None and state["until"] <= now):
        state = _new_state()
        timeout = settings.STATEUP_PAGE_CACHE_SECONDS
        if state["until"] is not None:
            timeout = max(1, min(timeout, int(state["until"] - now) + 1))
        cache.set(STATE_KEY, state, timeout)
    return state


def content_version(request=None) -> str:
    """
    The current content version: it changes with every committed change to what public
    pages show, and when a scheduled brief goes live. Anything derived from published
    content may be kept under it (counts, rendered fragments) and stays exact.
    """
    lookup = getattr(request, "_page_cache_lookup", None)
    if lookup is not None:
        return lookup.state["version"]
    return _current_state(cache.get(STATE_KEY))["version"]


def _is_personal(request) -> bool:
    """A request that may see something of its own: staff, a session, a flash message."""
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies


def _cache_path(request) -> str | None:
    extra = set(request.GET) - PAGE_PARAMETERS
    if extra or any(len(values) > 1 for values in request.GET.lists()):
        return None
    page = request.GET.get("page")
    language = get_language() or settings.LANGUAGE_CODE
    # Pages hold absolute URLs (canonical, feeds), so the origin is part of the key.
    origin = f"{request.scheme}://{request.get_host()}"
    return f"{language}|{origin}{request.path}" + (f"?page={page}" if page is not None else "")


def _hashed(path: str) -> str:
    return hashlib.blake2b(path.encode(), digest_size=16).hexdigest()


def _etag(state: dict, path: str, csrf_secret: str) -> str:
    # Keyed: an ETag cannot be made up for a page the site never sent.
    digest = hashlib.blake2b(
        f"{state['version']}|{path}|{csrf_secret}".encode(),
        digest_size=12,
        key=settings.SECRET_KEY.encode()[:64],
    ).hexdigest()
    return f'W/"{digest}"'


def _finish(response, state: dict, path: str, request):
    response["ETag"] = _etag(state, path, request.META.get("CSRF_COOKIE") or "")
    response["Last-Modified"] = http_date(state["since"])
    # The page holds a CSRF token tied to this reader's cookie: browsers may keep
    # it and revalidate, shared caches may not.
    patch_cache_control(response, private=True, no_cache=True)
    patch_vary_headers(response, ["Cookie"])
    return response


@dataclass
class Lookup:
    """What the cache holds for one request: the content state and the stored page, if any."""

    state: dict
    path: str
    stored: dict | None
    not_modified: bool


def _look_up(request) -> Lookup | None:
    """The cache's answer for a request a cached page may serve, else None (one round trip)."""
    if request.method not in {"GET", "HEAD"} or _is_personal(request):
        return None
    path = _cache_path(request)
    if path is None:
        return None
    page_key = PAGE_KEY.format(path=_hashed(path))
    found = cache.get_many([STATE_KEY, page_key] if settings.STATEUP_PAGE_CACHE else [STATE_KEY])
    state = _current_state(found.get(STATE_KEY))
    stored = found.get(page_key)
    if not stored or stored["version"] != state["version"]:
        stored = None
    # A revalidation is answered only for the reader the page was made for: the
    # ETag covers their CSRF cookie, which the page's token belongs to.
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
    secret = request.COOKIES.get(settings.CSRF_COOKIE_NAME, "")
    not_modified = bool(
        if_none_match
        and _CSRF_SECRET.fullmatch(secret)
        and _etag(state, path, secret) in {tag.strip() for tag in if_none_match.split(",")}
    )
    return Lookup(state=state, path=path, stored=stored, not_modified=not_modified)


def _serve(request):
    """The answer to a lookup that found something: 304, or the stored page for this reader."""
    lookup = request._page_cache_lookup
    if lookup.not_modified:
        return _finish(HttpResponseNotModified(), lookup.state, lookup.path, request)
    stored = lookup.stored
    content = stored["content"].replace(CSRF_PLACEHOLDER, get_token(request).encode())
    if STARTED_PLACEHOLDER in content:
        content = content.replace(STARTED_PLACEHOLDER, make_started_stamp().encode())
    response = HttpResponse(content, content_type=stored["content_type"])
    if stored["language"]:
        response["Content-Language"] = stored["language"]
    response["X-Page-Cache"] = "hit"
    return _finish(response, lookup.state, lookup.path, request)


class CachedPageMiddleware:
    """Answers cache hits and revalidations early; see the module's docstring."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.respond = self._finishing_chain()

    @staticmethod
    def _finishing_chain():
        """_serve() wrapped in the middleware that come between this one and PageCacheMiddleware."""
        names = list(settings.MIDDLEWARE)
        start = names.index(f"{__name__}.CachedPageMiddleware") + 1
        end = names.index(f"{__name__}.PageCacheMiddleware")
        handler = _serve
        for name in reversed(names[start:end]):
            handler = import_string(name)(handler)
        return handler

    def __call__(self, request):
        if _CACHEABLE_PATH.fullmatch(request.path_info):
            lookup = _look_up(request)
            if lookup is not None:
                request._page_cache_lookup = lookup
                if lookup.not_modified or lookup.stored is not None:
                    return self.respond(request)
        return self.get_response(request)


class PageCacheMiddleware:
    """After the view: stores what an anonymous reader got, with its ETag."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        lookup = getattr(request, "_page_cache", None)
        if lookup is None:
            return response
        if response.status_code != 200 or response.streaming:
            return response
        if set(response.cookies) - {settings.CSRF_COOKIE_NAME}:
            return response
        state, path = lookup.state, lookup.path
        _finish(response, state, path, request)
        if settings.STATEUP_PAGE_CACHE:
            content = _CSRF_INPUT.sub(rb"\1" + CSRF_PLACEHOLDER + rb"\2", response.content)
            content = _STARTED_INPUT.sub(rb"\1" + STARTED_PLACEHOLDER + rb"\2", content)
            stored = {
                "version": state["version"],
                "content": content,
                "content_type": response["Content-Type"],
                "language": response.get("Content-Language"),
            }
            timeout = settings.STATEUP_PAGE_CACHE_SECONDS
            if state["until"] is not None:
                timeout = max(1, min(timeout, int(state["until"] - timezone.now().timestamp())))
            cache.set(PAGE_KEY.format(path=_hashed(path)), stored, timeout)
            response["X-Page-Cache"] = "miss"
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or match.view_name not in CACHEABLE_VIEWS:
            return None
        # Normally looked up already by CachedPageMiddleware, which found nothing to serve.
        lookup = getattr(request, "_page_cache_lookup", None) or _look_up(request)
        if lookup is None:
            return None
        request._page_cache_lookup = lookup
        if lookup.not_modified or lookup.stored is not None:
            return _serve(request)
        request._page_cache = lookup
        return None
