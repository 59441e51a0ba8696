"""
Previews: a brief in any state, rendered exactly as the public page would show
it (same context, same template), for staff and for holders of a share link.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from articles.models import Article, PreviewLink
from articles.views import brief_context, brief_queryset


def unsign_preview_token(token: str) -> str | None:
    try:
        return signing.Signer(salt=PreviewLink.SIGNING_SALT).unsign(token)
    except signing.BadSignature:
        return None


def create_preview_link(article: Article, *, by, note: str = "") -> PreviewLink:
    return PreviewLink.objects.create(
        article=article,
        key=secrets.token_urlsafe(24),
        note=note.strip()[:120],
        created_by=by,
        expires_at=timezone.now() + timedelta(days=settings.STATEUP_PREVIEW_LINK_DAYS),
    )


def _render_preview(request, article: Article, banner: dict):
    context = brief_context(article, request)
    context["preview"] = banner
    response = render(request, "articles/brief_detail.html", context)
    response["X-Robots-Tag"] = "noindex, nofollow"
    # The share link's secret must not leak to sites the brief links to.
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_safe
@never_cache
@staff_member_required
def staff_preview(request, pk: int):
    if not request.user.has_perm("articles.view_article"):
        raise PermissionDenied
    article = get_object_or_404(brief_queryset(), pk=pk)
    return _render_preview(request, article, {"article": article, "is_shared": False})


@require_safe
@never_cache
def shared_preview(request, token: str):
    key = unsign_preview_token(token)
    link = PreviewLink.objects.filter(key=key).select_related("article").first() if key else None
    if link is None:
        return _unavailable(request, reason="unknown", status=404)
    if link.is_revoked:
        return _unavailable(request, reason="revoked", status=410, link=link)
    if link.is_expired:
        return _unavailable(request, reason="expired", status=410, link=link)
    article = get_object_or_404(brief_queryset(), pk=link.article_id)
    return _render_preview(
        request, article, {"article": article, "is_shared": True, "expires_at": link.expires_at}
    )


def _unavailable(request, *, reason: str, status: int, link=None):
    response = render(
        request,
        "articles/preview_unavailable.html",
        {"reason": reason, "link": link},
        status=status,
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response
