"""
SQLite: an FTS5 table beside the briefs (`articles_search_fts`, made by the migration)
with the Unicode tokenizer, which also folds case and accents. Results are ranked by
title matches first, then `bm25` with the same weights as PostgreSQL's.
"""

from django.db import connections
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from articles.models import Article
from articles.search.query import START, STOP, Query

FTS_TABLE = "articles_search_fts"
# Weights: title, then summary and "extra" (tags and author names), then body.
FTS_WEIGHTS = {"title": 10.0, "summary": 4.0, "body": 1.0, "extra": 4.0}


def write(using: str, documents) -> None:
    with connections[using].cursor() as cursor:
        cursor.executemany(
            f"INSERT OR REPLACE INTO {FTS_TABLE} (rowid, title, summary, body, extra) "  # noqa: S608
            "VALUES (%s, %s, %s, %s, %s)",
            [(d.pk, d.title, d.summary, d.body, d.extra) for d in documents],
        )


def matching(queryset: QuerySet, query: Query) -> QuerySet:
    # One full-text query joined to the briefs by rowid: the ORM has no join to a
    # virtual table, hence extra(). Only our own table names and numbers are in
    # this SQL; what the reader typed is always a parameter.
    fts, table = FTS_TABLE, Article._meta.db_table
    weights = ", ".join(str(weight) for weight in FTS_WEIGHTS.values())
    return (
        queryset.extra(  # noqa: S610
            tables=[fts],
            where=[f"{fts} MATCH %s", f"{fts}.rowid = {table}.id"],
            params=[query.to_fts5()],
        )
        .annotate(
            # A query word in the title puts a brief first: a second match, on the
            # title alone, which costs a fifth of marking every title with highlight().
            title_match=RawSQL(  # noqa: S611
                f"{fts}.rowid IN (SELECT rowid FROM {fts} WHERE {fts} MATCH %s)",  # noqa: S608
                [query.to_fts5_any_in("title")],
            ),
            # bm25() is lower for better matches.
            rank=RawSQL(f"-bm25({fts}, {weights})", []),  # noqa: S611
        )
        .order_by("-title_match", "-rank", "-published_at", "-pk")
    )


def highlights(articles: list[Article], query: Query, excerpt_window=None) -> dict:
    ids = [article.pk for article in articles]
    placeholders = ", ".join(["%s"] * len(ids))
    with connections[Article.objects.db].cursor() as cursor:
        cursor.execute(
            f"SELECT rowid, highlight({FTS_TABLE}, 0, %s, %s), highlight({FTS_TABLE}, 1, %s, %s), "  # noqa: S608
            f"snippet({FTS_TABLE}, 2, %s, %s, '…', 24) FROM {FTS_TABLE} "
            f"WHERE {FTS_TABLE} MATCH %s AND rowid IN ({placeholders})",
            [START, STOP, START, STOP, START, STOP, query.to_fts5(), *ids],
        )
        return {row[0]: row[1:] for row in cursor.fetchall()}


def forget_deleted(using: str) -> None:
    """Drop the entries of briefs that no longer exist."""
    with connections[using].cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {FTS_TABLE} WHERE rowid NOT IN "  # noqa: S608
            f"(SELECT id FROM {Article._meta.db_table})"
        )
