"""
The PDF edition of a brief, made with WeasyPrint from the same templates as its page
(`articles/brief_pdf.html` includes the page's own parts), stored through Django's
storage API and kept in step with the brief by a background task (articles/tasks.py).

Rendering never reaches outside the site: `SiteFilesFetcher` serves only the site's
own static files (through the staticfiles storage or finders) and media files
(through the default storage); anything else, the network or `file://` included, is
refused and logged.

WeasyPrint needs Pango from the system. Without it `unavailable_reason()` says why,
the site runs as before, briefs show no PDF link and the admin explains.
"""

import functools
import io
import logging
import mimetypes
import posixpath
import time
from datetime import timedelta
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from PIL import ImageFile

from articles.models import Article, PdfEdition, bylines
from pagecache import version

logger = logging.getLogger("stateup.pdf")

# A render that started longer ago than this has died (killed worker): another may start.
RENDER_STALE_AFTER = timedelta(minutes=2)
# How long a request waits for a render another request or worker started.
WAIT_SECONDS = 30
POLL_SECONDS = 0.2


@functools.cache
def unavailable_reason() -> str:
    """Why PDFs cannot be made on this server, or "" when they can."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as error:
        # WeasyPrint raises OSError when the Pango libraries cannot be loaded.
        return f"WeasyPrint cannot load ({error}). Install Pango: see the README."
    finally:
        # Importing WeasyPrint makes Pillow accept truncated images everywhere in the
        # process; uploads must still be refused unless they decode whole.
        ImageFile.LOAD_TRUNCATED_IMAGES = False
    return ""


def is_available() -> bool:
    return not unavailable_reason()


def _fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class SiteFilesFetcher(URLFetcher):
        """Serves the site's own static and media files; refuses and logs anything else."""

        def __init__(self, **kwargs):
            super().__init__(allowed_protocols=set(), allow_redirects=False, **kwargs)
            site = urlsplit(settings.STATEUP_SITE_URL)
            self._origin = (site.scheme, site.netloc)

        def fetch(self, url, headers=None):
            found = self._site_file(url)
            if found is None:
                logger.warning("PDF rendering refused to fetch %s", url[:300])
                raise ValueError("only the site's own static and media files are fetched")
            opened, name = found
            content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, opened, {"Content-Type": content_type})

        def _site_file(self, url: str):
            parts = urlsplit(url)
            if (parts.scheme, parts.netloc) != self._origin:
                return None
            path = unquote(parts.path)
            for prefix, opener in (
                (settings.STATIC_URL, _open_static),
                (settings.MEDIA_URL, _open_media),
            ):
                if not prefix.startswith("/") or not path.startswith(prefix):
                    continue
                name = path[len(prefix) :]
                normal = posixpath.normpath(name)
                if not name or normal != name or normal.startswith(("/", "..")) or "\\" in name:
                    return None
                try:
                    opened = opener(name)
                except (SuspiciousFileOperation, OSError, ValueError):
                    return None
                return (opened, name) if opened is not None else None
            return None

    return SiteFilesFetcher


def _open_static(name: str):
    if staticfiles_storage.exists(name):
        return staticfiles_storage.open(name)
    path = finders.find(name)
    return open(path, "rb") if path else None


def _open_media(name: str):
    return default_storage.open(name) if default_storage.exists(name) else None


def pdf_context(article: Article) -> dict:
    """What the PDF shows: the brief page's parts, from data fetched here."""
    authors = [authorship.author for authorship in article.authorships.all()]
    return {
        "article": article,
        "authors": authors,
        "tags": list(article.tags.all()),
        "related_links": [link for link in article.related_links.all() if link.href],
        "licence_name": settings.STATEUP_LICENCE_NAME,
        "licence_url": settings.STATEUP_LICENCE_URL,
        "site_url": settings.STATEUP_SITE_URL,
        "site_name": "StateUp",
    }


def render(article: Article) -> tuple[bytes, int]:
    """The brief as PDF bytes, and its number of pages."""
    if reason := unavailable_reason():
        raise RuntimeError(reason)
    import weasyprint

    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string("articles/brief_pdf.html", pdf_context(article))
    document = weasyprint.HTML(
        string=html,
        base_url=settings.STATEUP_SITE_URL + "/",
        url_fetcher=_fetcher_class()(timeout=5),
    ).render(pdf_tags=True)
    target = io.BytesIO()
    document.write_pdf(target, pdf_variant="pdf/ua-1", pdf_tags=True)
    return target.getvalue(), len(document.pages)


def _fresh(article_id: int) -> Article | None:
    return (
        Article.objects.select_related("category", "series")
        .prefetch_related(bylines(), "tags", "related_links")
        .filter(pk=article_id, status=Article.Status.PUBLISHED)
        .first()
    )


def edition_for(article: Article) -> PdfEdition:
    try:
        edition, _created = PdfEdition.objects.get_or_create(article=article)
    except IntegrityError:  # made at the same moment elsewhere
        edition = PdfEdition.objects.get(article=article)
    return edition


def ensure(article_id: int, *, wait: bool = True) -> PdfEdition | None:
    """
    The brief's PDF edition, made now if it is missing or older than the brief.

    Exactly one caller makes it: a render is claimed with one conditional UPDATE, so
    many requests (on many servers) arriving for a missing PDF start one render and
    the others wait for it (`wait`), or go on without it. Safe to retry: a render
    killed halfway leaves the previous file in place and its claim expires.
    """
    article = _fresh(article_id)
    if article is None or not is_available():
        return None
    edition = edition_for(article)
    if edition.is_current(article):
        return edition
    now = timezone.now()
    claimed = (
        PdfEdition.objects.filter(pk=edition.pk)
        .filter(Q(generated_version__isnull=True) | Q(generated_version__lt=article.version))
        .filter(
            Q(render_started_at__isnull=True) | Q(render_started_at__lt=now - RENDER_STALE_AFTER)
        )
        .update(render_started_at=now)
    )
    if claimed:
        return _make(article, edition)
    if not wait:
        return edition
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(POLL_SECONDS)
        edition.refresh_from_db()
        if edition.is_current(article) or edition.render_started_at is None:
            return edition
    return edition


def _make(article: Article, edition: PdfEdition) -> PdfEdition:
    try:
        data, pages = render(article)
        name = default_storage.save(
            f"pdf/{article.pk}/{article.slug}-v{article.version}.pdf", ContentFile(data)
        )
    except BaseException:
        PdfEdition.objects.filter(pk=edition.pk).update(render_started_at=None)
        raise
    previous = edition.generated.name
    PdfEdition.objects.filter(pk=edition.pk).update(
        generated=name,
        generated_version=article.version,
        generated_pages=pages,
        generated_size=len(data),
        generated_at=timezone.now(),
        render_started_at=None,
    )
    if previous and previous != name:
        default_storage.delete(previous)
    # The brief page shows the PDF's pages and size: pages cached without them go
    # (the edition's table is watched: other processes learn it from the database).
    version.invalidate()
    edition.refresh_from_db()
    logger.info("PDF of brief %s made: %s pages, %s bytes", article.pk, pages, len(data))
    return edition
