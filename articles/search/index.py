"""
The search index: one document per brief, the same on both databases, written by
the backend of the database in use (articles/search/postgres.py, sqlite.py).
"""

from dataclasses import dataclass

from django.db import connections
from django.db.models import Prefetch, QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save
from taggit.models import Tag, TaggedItem

from articles.models import TEXT_FIELDS, Article, Author, Authorship, briefs_written
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


# --- Keeping the index current, whatever path writes (connected by ArticlesConfig.ready) ---


def _index_pks(pks, using: str = "default") -> None:
    pks = list(pks)
    if pks:
        index_briefs(Article.objects.using(using).filter(pk__in=pks))


def _brief_saved(sender, instance, update_fields=None, using="default", **kwargs) -> None:
    if update_fields is not None and TEXT_FIELDS.isdisjoint(update_fields):
        return
    _index_pks([instance.pk], using)


def _author_saved(sender, instance, using="default", **kwargs) -> None:
    _index_pks(
        Article.objects.using(using).filter(authors=instance).values_list("pk", flat=True), using
    )


def _authorship_changed(sender, instance, using="default", **kwargs) -> None:
    _index_pks([instance.article_id], using)


def _tag_saved(sender, instance, using="default", **kwargs) -> None:
    _index_pks(Article.objects.using(using).tagged(instance).values_list("pk", flat=True), using)


def _tagging_changed(sender, instance, using="default", **kwargs) -> None:
    if instance.content_type.model_class() is Article:
        _index_pks([instance.object_id], using)


def _tags_changed(sender, instance, action, reverse, pk_set, using="default", **kwargs) -> None:
    if not action.startswith("post_"):
        return
    if isinstance(instance, Article):
        _index_pks([instance.pk], using)
    elif isinstance(instance, Tag) or reverse:
        _index_pks(pk_set or (), using)


def _bulk_written(sender, pks, using="default", **kwargs) -> None:
    _index_pks(pks, using)


def connect_indexing() -> None:
    """Index briefs when their text, tags or authors change, in the writing transaction."""
    receivers = [
        (post_save, Article, _brief_saved),
        (post_save, Author, _author_saved),
        (post_save, Authorship, _authorship_changed),
        (post_delete, Authorship, _authorship_changed),
        (post_save, Tag, _tag_saved),
        (post_delete, TaggedItem, _tagging_changed),
        (m2m_changed, TaggedItem, _tags_changed),
        (briefs_written, Article, _bulk_written),
    ]
    for signal, sender, receiver in receivers:
        signal.connect(receiver, sender=sender, dispatch_uid=f"search-{receiver.__name__}-{signal}")
