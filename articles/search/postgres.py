"""
PostgreSQL: two weighted `tsvector`s on the brief, in the `stateup_search` text search
configuration (`simple` with `unaccent` in front). `search_vector` holds the whole
brief and is GIN-indexed: it decides what matches. `search_rank_vector` holds only
the title, summary, tags and authors, and orders the matches with `ts_rank`.
"""

from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import F, QuerySet

from articles.models import Article
from articles.sanitize import plain_text
from articles.search.query import START, STOP, Query

SEARCH_CONFIG = "stateup_search"


def write(using: str, documents) -> None:
    table = Article._meta.db_table
    with connections[using].cursor() as cursor:
        cursor.execute(
            f"""
            UPDATE {table} AS article
            SET search_vector = doc.head || setweight(to_tsvector(doc.config, doc.body), 'C'),
                search_rank_vector = doc.head
            FROM (
                SELECT pk, body, config,
                       setweight(to_tsvector(config, title), 'A')
                       || setweight(to_tsvector(config, summary || ' ' || extra), 'B') AS head
                FROM unnest(%(pks)s::bigint[], %(titles)s::text[], %(summaries)s::text[],
                            %(bodies)s::text[], %(extras)s::text[])
                     AS input(pk, title, summary, body, extra),
                     CAST(%(config)s AS regconfig) AS config
            ) AS doc
            WHERE article.id = doc.pk
            """,  # noqa: S608 (the table name is our own model's)
            {
                "config": SEARCH_CONFIG,
                "pks": [d.pk for d in documents],
                "titles": [d.title for d in documents],
                "summaries": [d.summary for d in documents],
                "bodies": [d.body for d in documents],
                "extras": [d.extra for d in documents],
            },
        )


def _tsquery(query: Query):
    from django.contrib.postgres.search import SearchQuery

    return SearchQuery(query.to_tsquery(), search_type="raw", config=SEARCH_CONFIG)


def matching(queryset: QuerySet, query: Query) -> QuerySet:
    from django.contrib.postgres.search import SearchRank

    tsquery = _tsquery(query)
    return (
        queryset.filter(search_vector=tsquery)
        .annotate(rank=SearchRank(F("search_rank_vector"), tsquery))
        .order_by("-rank", "-published_at", "-pk")
    )


@contextmanager
def planned(using: str = DEFAULT_DB_ALIAS):
    """
    Run the search queries inside it with PostgreSQL steered to the GIN index.

    The planner counts a match against a stored vector as cheap, so for a common
    word it scans the whole table, reading every brief's large vector (ten times
    slower at 10,000 briefs). The index answers without reading them.
    """
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        yield


def highlights(articles: list[Article], query: Query, excerpt_window) -> dict:
    # The texts are sent rather than read from the table: the body's excerpt is
    # cut here, and ts_headline then reads a few lines instead of whole briefs.
    texts = []
    for article in articles:
        texts += [article.title, article.summary, excerpt_window(plain_text(article.body), query)]
    with connections[Article.objects.db].cursor() as cursor:
        cursor.execute(
            "SELECT ts_headline(config, text, to_tsquery(config, %s), %s) "
            "FROM unnest(%s::text[]) WITH ORDINALITY AS texts(text, position), "
            "CAST(%s AS regconfig) AS config ORDER BY position",
            [
                query.to_tsquery(),
                f'StartSel="{START}", StopSel="{STOP}", HighlightAll=true',
                texts,
                SEARCH_CONFIG,
            ],
        )
        headlines = [row[0] for row in cursor.fetchall()]
    return {article.pk: tuple(headlines[3 * n : 3 * n + 3]) for n, article in enumerate(articles)}
