"""
The search index: one document per brief, the same on both databases, written by
the backend of the database in use (articles/search/postgres.py, sqlite.py).
"""

from dataclasses import dataclass

from django.db import connections
from django.db.models import Prefetch, QuerySet

from articles.models import Article, Authorship
from articles.sanitize import plain_text
from articles.search import postgres, sqlite
from articles.search.query import _SPACE, START, STOP

BACKENDS = {"postgresql": postgres, "sqlite": sqlite}


@dataclass(frozen=True)
class SearchDocument:
    """What search reads of one brief."""

    pk: int
    title: str
    summary: str
    body: str
    extra: str


def search_document(article: Article) -> SearchDocument:
    """The brief's searchable text; expects its tags and authorships prefetched."""
    names = [tag.name for tag in article.tags.all()]
    names += [authorship.author.name for authorship in article.authorships.all()]
    return SearchDocument(
        pk=article.pk,
        title=_without_markers(article.title),
        summary=_without_markers(article.summary),
        body=_without_markers(_SPACE.sub(" ", plain_text(article.body))),
        extra=_without_markers(" ".join(names)),
    )


def _without_markers(text: str) -> str:
    return text.replace(START, " ").replace(STOP, " ")


def index_briefs(queryset: QuerySet, batch_size: int = 500) -> int:
    """Write the search entries of the briefs in `queryset`; returns how many."""
    backend = BACKENDS.get(connections[queryset.db].vendor)
    if backend is None:
        return 0
    write = backend.write
    rows = (
        queryset.order_by()
        .only("pk", "title", "summary", "body")
        .prefetch_related(
            "tags", Prefetch("authorships", queryset=Authorship.objects.select_related("author"))
        )
    )
    count = 0
    batch: list[SearchDocument] = []
    for article in rows.iterator(chunk_size=batch_size):
        batch.append(search_document(article))
        if len(batch) == batch_size:
            write(queryset.db, batch)
            count += len(batch)
            batch = []
    if batch:
        write(queryset.db, batch)
        count += len(batch)
    return count


def rebuild_index(using: str = "default") -> int:
    """Re-index every brief, whatever its status, and forget entries of deleted briefs."""
    if connections[using].vendor == "sqlite":
        sqlite.forget_deleted(using)
    return index_briefs(Article.objects.using(using).all())
