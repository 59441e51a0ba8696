"""Old addresses of published briefs: a permanent redirect to the current one."""

from functools import wraps

from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse

from articles.models import Article


def old_slug_target(slug: str) -> Article | None:
    """The public brief that used to live at `slug`, if any."""
    return Article.objects.published().filter(slug_redirects__old_slug=slug).first()


def follows_old_slugs(view):
    """
    When `view` finds no brief at `slug`, redirect (301) from a former slug to the same
    view at the brief's current slug (the page, its citation files, its PDF).
    """

    @wraps(view)
    def wrapper(request, slug, *args, **kwargs):
        try:
            return view(request, slug, *args, **kwargs)
        except Http404:
            target = old_slug_target(slug)
            if target is None:
                raise
            match = request.resolver_match
            url = reverse(match.view_name, args=args, kwargs={**kwargs, "slug": target.slug})
            return HttpResponsePermanentRedirect(url)

    return wrapper
