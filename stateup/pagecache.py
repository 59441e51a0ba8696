"""
Whole-page cache for anonymous readers, with conditional GET.

Public pages (home, lists, briefs, topics, tags, authors, feeds, sitemap) are cached
per URL for readers without a session. A single content version, bumped after every
committed change to briefs, topics, tags or authors, invalidates every cached page at
once; the version also ends by itself when the next scheduled brief goes live, so
scheduling needs no cron job. Pages carry an ETag built from the version, so a
revalidating browser gets a 304 without the page being rendered.

The cached HTML holds a placeholder where the CSRF token was: each reader gets a token
of their own, so forms on cached pages (the signup block) keep working.
"""

from __future__ import annotations

import hashlib
import re
import secrets

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

STATE_KEY = "pagecache:state"
PAGE_KEY = "pagecache:page:{path}"
CSRF_PLACEHOLDER = b"__stateup_csrf_token__"
_CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]{64}(")')

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


def _is_personal(request) -> bool:
    """A request that may see something of its own: staff, a session, a flash message."""
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies


def _cache_path(request) -> str | None:
    extra = set(request.GET) - PAGE_PARAMETERS
    if extra or any(len(values) > 1 for values in request.GET.lists()):
        return None
    page = request.GET.get("page")
    language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    # Pages hold absolute URLs (canonical, feeds), so the origin is part of the key.
    origin = f"{request.scheme}://{request.get_host()}"
    return f"{language}|{origin}{request.path}" + (f"?page={page}" if page is not None else "")


def _etag(state: dict, path: str, request) -> str:
    csrf_secret = request.META.get("CSRF_COOKIE", "")
    digest = hashlib.blake2b(
        f"{state['version']}|{path}|{csrf_secret}".encode(), digest_size=12
    ).hexdigest()
    return f'W/"{digest}"'


def _finish(response, state: dict, path: str, request):
    response["ETag"] = _etag(state, path, request)
    response["Last-Modified"] = http_date(state["since"])
    # The page holds a CSRF token tied to this reader's cookie: browsers may keep
    # it and revalidate, shared caches may not.
    patch_cache_control(response, private=True, no_cache=True)
    patch_vary_headers(response, ["Cookie"])
    return response


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        entry = getattr(request, "_page_cache", None)
        if entry is None:
            return response
        state, path = entry
        if response.status_code != 200 or response.streaming:
            return response
        if set(response.cookies) - {settings.CSRF_COOKIE_NAME}:
            return response
        _finish(response, state, path, request)
        if settings.STATEUP_PAGE_CACHE:
            content = _CSRF_INPUT.sub(rb"\1" + CSRF_PLACEHOLDER + rb"\2", response.content)
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
        if request.method not in {"GET", "HEAD"}:
            return None
        match = request.resolver_match
        if match is None or match.view_name not in CACHEABLE_VIEWS or _is_personal(request):
            return None
        path = _cache_path(request)
        if path is None:
            return None
        page_key = PAGE_KEY.format(path=_hashed(path))
        found = cache.get_many(
            [STATE_KEY, page_key] if settings.STATEUP_PAGE_CACHE else [STATE_KEY]
        )
        state = _current_state(found.get(STATE_KEY))
        request._page_cache = (state, path)

        if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
        if (
            if_none_match
            and "CSRF_COOKIE" in request.META
            and _etag(state, path, request) in {tag.strip() for tag in if_none_match.split(",")}
        ):
            request._page_cache = None
            return _finish(HttpResponseNotModified(), state, path, request)

        stored = found.get(page_key)
        if not stored or stored["version"] != state["version"]:
            return None
        request._page_cache = None
        token = get_token(request).encode()
        response = HttpResponse(
            stored["content"].replace(CSRF_PLACEHOLDER, token),
            content_type=stored["content_type"],
        )
        if stored["language"]:
            response["Content-Language"] = stored["language"]
        response["X-Page-Cache"] = "hit"
        return _finish(response, state, path, request)


def _hashed(path: str) -> str:
    return hashlib.blake2b(path.encode(), digest_size=16).hexdigest()
