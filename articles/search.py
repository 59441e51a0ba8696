"""
Full-text search over published briefs, on PostgreSQL and on SQLite.

Both databases index the same document for each brief, built once by
`search_document()`: the title (weighted highest), then the summary, tags and
author names, then the body's text.

* PostgreSQL stores two weighted `tsvector`s on the brief, in the `stateup_search`
  text search configuration: PostgreSQL's `simple` configuration with `unaccent`
  in front. Briefs are written in English, Spanish and Portuguese, and a stemmer
  for one language mangles the words of the others, so words are only lower-cased
  and stripped of accents: "São Paulo", "Sao Paulo" and "SAO PAULO" are the same
  words, and so are "ação" and "acao".
  `search_vector` holds the whole brief and is GIN-indexed: it decides what
  matches. `search_rank_vector` holds only the title, summary, tags and authors,
  and orders the matches with `ts_rank`: ranking thousands of matches by their
  whole text would read every one of those large vectors. Matches only in the
  body come after them, newest first. `ts_headline` marks the words, in the
  title, the summary and a short stretch of the body around the first match.
* SQLite keeps an FTS5 table beside the briefs (`articles_search_fts`, made by the
  migration) with the Unicode tokenizer, which also folds case and accents.
  Results are ranked by title matches first, then `bm25` with the same weights.

A reader's query is parsed here, never handed to either engine's query syntax:
words and "quoted phrases" must all match, `or` between two terms accepts
either, and a leading `-` excludes a term.

The index is kept current by `Article.update_search_index()` (called when a brief
is saved and when its tags or authors change) and rebuilt by
`python manage.py rebuild_search_index`.
"""

import re
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import Count, F, Prefetch, QuerySet
from django.db.models.expressions import RawSQL
from django.shortcuts import render
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe
from taggit.models import Tag

from articles.models import Article, Authorship, Category
from articles.sanitize import plain_text
from stateup import fragments
from stateup.pagination import paginate

SEARCH_CONFIG = "stateup_search"
EXCERPT_CHARS_BEFORE = 90
EXCERPT_CHARS_AFTER = 160
FTS_TABLE = "articles_search_fts"
MAX_QUERY_LENGTH = 200
MAX_TERMS = 16
PAGE_SIZE = 12
POPULAR_TAGS = 30

# Weights: title, then summary and "extra" (tags and author names), then body.
FTS_WEIGHTS = {"title": 10.0, "summary": 4.0, "body": 1.0, "extra": 4.0}

# Highlight markers: control characters that never survive into a cleaned query
# or a rendered page; turned into <mark> only after everything else is escaped.
START, STOP = "\x02", "\x03"
_MARKERS = re.compile(f"([{START}{STOP}])")
_WORD = re.compile(r"[^\W_]+")
_SPACE = re.compile(r"\s+")
_CHUNK = re.compile(r'(-?)"([^"]*)"?|(\S+)')


# -- Reading the query -------------------------------------------------------------


def clean_query_text(value: str) -> str:
    """Normalise what a reader typed: no control or unassigned characters, NFKC, single spaces."""
    if not value:
        return ""
    kept = "".join(
        " " if char.isspace() else char
        for char in value
        if char.isspace() or unicodedata.category(char)[0] != "C"
    )
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", kept)).strip()


@dataclass(frozen=True)
class Query:
    """A parsed query: every group must match (any term of a group will do); no excluded term may."""

    groups: tuple[tuple[str, ...], ...]
    excluded: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.groups)

    def to_tsquery(self) -> str:
        """PostgreSQL `to_tsquery` syntax; each term is quoted, so nothing the reader typed is syntax."""

        def quote(term: str) -> str:
            return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"

        positive = " & ".join(
            "(" + " | ".join(quote(term) for term in group) + ")" for group in self.groups
        )
        return positive + "".join(f" & !{quote(term)}" for term in self.excluded)

    def to_fts5(self) -> str:
        """SQLite FTS5 query syntax; each term is a quoted string, so nothing typed is syntax."""

        def quote(term: str) -> str:
            return '"' + term.replace('"', '""') + '"'

        expression = " AND ".join(
            "(" + " OR ".join(quote(term) for term in group) + ")" for group in self.groups
        )
        if self.excluded:
            expression = f"({expression}) NOT ({' OR '.join(quote(t) for t in self.excluded)})"
        return expression


def parse_query(text: str) -> Query:
    """Read words, "phrases", `or` and `-excluded` terms; anything without a letter or digit is dropped."""
    groups: list[list[str]] = []
    excluded: list[str] = []
    pending_or = False
    terms = 0
    for match in _CHUNK.finditer(clean_query_text(text)):
        negative, phrase, word = match.groups()
        if word is not None and word.lower() == "or":
            pending_or = bool(groups)
            continue
        if word is not None and word.startswith("-") and len(word) > 1:
            negative, word = "-", word[1:]
        term = (phrase if word is None else word).strip()
        if not _WORD.search(term):
            continue
        if negative:
            excluded.append(term)
        elif pending_or:
            groups[-1].append(term)
        else:
            groups.append([term])
        pending_or = False
        terms += 1
        if terms >= MAX_TERMS:
            break
    return Query(tuple(tuple(group) for group in groups), tuple(excluded))


class QueryField(forms.CharField):
    """The search box: cleaned before its length is checked, so spaces and controls never count."""

    def to_python(self, value):
        return clean_query_text(str(value or ""))


class SearchForm(forms.Form):
    q = QueryField(
        label=_("Search briefs"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "max_length": _("Keep your search to %(limit_value)d characters or fewer."),
        },
    )
    topic = forms.ChoiceField(
        label=_("Topic"),
        required=False,
        error_messages={"invalid_choice": _("There is no topic “%(value)s”.")},
    )
    tag = forms.CharField(label=_("Tag"), required=False, max_length=100)

    def __init__(self, *args, topics=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.topics = {topic.slug: topic for topic in topics}
        self.fields["topic"].choices = [("", _("Any topic"))] + [
            (topic.slug, topic.name) for topic in topics
        ]

    def clean_topic(self):
        slug = self.cleaned_data["topic"]
        return self.topics.get(slug)

    def clean_tag(self):
        slug = self.cleaned_data["tag"].strip()
        if not slug:
            return None
        tag = Tag.objects.filter(slug=slug).first()
        if tag is None:
            raise forms.ValidationError(
                _("There is no tag “%(value)s”."), code="invalid_tag", params={"value": slug}
            )
        return tag


# -- The index -----------------------------------------------------------------------


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
    vendor = connections[queryset.db].vendor
    if vendor == "postgresql":
        write = _write_postgres
    elif vendor == "sqlite":
        write = _write_sqlite
    else:
        return 0
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


def _write_postgres(using: str, documents: list[SearchDocument]) -> None:
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


def _write_sqlite(using: str, documents: list[SearchDocument]) -> None:
    with connections[using].cursor() as cursor:
        cursor.executemany(
            f"INSERT OR REPLACE INTO {FTS_TABLE} (rowid, title, summary, body, extra) "  # noqa: S608
            "VALUES (%s, %s, %s, %s, %s)",
            [(d.pk, d.title, d.summary, d.body, d.extra) for d in documents],
        )


def rebuild_index(using: str = "default") -> int:
    """Re-index every brief, whatever its status, and forget entries of deleted briefs."""
    if connections[using].vendor == "sqlite":
        with connections[using].cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {FTS_TABLE} WHERE rowid NOT IN "  # noqa: S608
                f"(SELECT id FROM {Article._meta.db_table})"
            )
    return Article.objects.using(using).all().update_search_index()


# -- Searching -----------------------------------------------------------------------


def matching(queryset: QuerySet, query: Query) -> QuerySet:
    """The briefs of `queryset` that match `query`, best first."""
    vendor = connections[queryset.db].vendor
    if not query or vendor not in {"postgresql", "sqlite"}:
        return queryset.none()
    if vendor == "postgresql":
        return _matching_postgres(queryset, query)
    return _matching_sqlite(queryset, query)


def _tsquery(query: Query):
    from django.contrib.postgres.search import SearchQuery

    return SearchQuery(query.to_tsquery(), search_type="raw", config=SEARCH_CONFIG)


def _matching_postgres(queryset: QuerySet, query: Query) -> QuerySet:
    from django.contrib.postgres.search import SearchRank

    tsquery = _tsquery(query)
    return (
        queryset.filter(search_vector=tsquery)
        .annotate(rank=SearchRank(F("search_rank_vector"), tsquery))
        .order_by("-rank", "-published_at", "-pk")
    )


def _matching_sqlite(queryset: QuerySet, query: Query) -> QuerySet:
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
            # A query word in the title puts a brief first (highlight() marks it).
            title_match=RawSQL(f"instr(highlight({fts}, 0, char(2), char(3)), char(2)) > 0", []),  # noqa: S611
            # bm25() is lower for better matches.
            rank=RawSQL(f"-bm25({fts}, {weights})", []),  # noqa: S611
        )
        .order_by("-title_match", "-rank", "-published_at", "-pk")
    )


@contextmanager
def planned_for_search(using: str = DEFAULT_DB_ALIAS):
    """
    Run the search queries inside it with PostgreSQL steered to the GIN index.

    The planner counts a match against a stored vector as cheap, so for a common
    word it scans the whole table, reading every brief's large vector (ten times
    slower at 10,000 briefs). The index answers without reading them.
    """
    if connections[using].vendor != "postgresql":
        yield
        return
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        yield


def ranked_ids(briefs: QuerySet, query: Query) -> list[int]:
    """
    The ids of the matching briefs, best first: one pass over the matches gives both
    their number and their order, and only a page of them is then fetched whole.
    """
    ids = matching(briefs, query).values_list("pk", flat=True)
    sql, params = ids.query.sql_with_params()
    # Read in one go: the ORM's iteration would build the list a hundred rows at a
    # time, which costs more than the search itself for a common word.
    with planned_for_search(briefs.db), connections[briefs.db].cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def results_for(briefs: QuerySet, ids: list[int], query: Query) -> list["Result"]:
    """The briefs with these ids (a page of `ranked_ids`), in that order, highlighted."""
    cards = {brief.pk: brief for brief in briefs.filter(pk__in=ids).for_cards()}
    return highlighted([cards[pk] for pk in ids if pk in cards], query)


@dataclass(frozen=True)
class Result:
    """One search result: the brief, its authors and its highlighted title, summary and excerpt."""

    article: Article
    authors: list
    title: SafeString
    summary: SafeString
    excerpt: SafeString | None


def highlighted(articles: list[Article], query: Query) -> list[Result]:
    """The articles as results, with the query's words marked (one query for the whole page)."""
    if not articles:
        return []
    vendor = connections[Article.objects.db].vendor
    if vendor == "postgresql":
        marks = _highlights_postgres(articles, query)
    elif vendor == "sqlite":
        marks = _highlights_sqlite([article.pk for article in articles], query)
    else:
        marks = {}
    results = []
    for article in articles:
        title, summary, excerpt = marks.get(article.pk, (article.title, article.summary, ""))
        results.append(
            Result(
                article=article,
                authors=[authorship.author for authorship in article.authorships.all()],
                title=marked(title),
                summary=marked(summary),
                excerpt=marked(excerpt) if START in (excerpt or "") else None,
            )
        )
    return results


def _fold(text: str) -> str:
    """Text without accents (a decomposed letter keeps its base letter)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _letter_classes() -> dict[str, str]:
    """Each base letter as a pattern matching its accented forms too: a -> [aàáâãä…]."""
    accented: dict[str, list[str]] = {}
    for code in range(0xC0, 0x250):
        base = _fold(chr(code)).lower()
        if len(base) == 1 and base != chr(code).lower():
            accented.setdefault(base, []).append(chr(code))
    return {base: f"[{base}{''.join(chars)}]" for base, chars in accented.items()}


_LETTER_CLASSES = _letter_classes()


def _accent_insensitive(word: str) -> str:
    return "".join(_LETTER_CLASSES.get(char) or re.escape(char) for char in _fold(word).lower())


def excerpt_window(text: str, query: Query) -> str:
    """
    The stretch of `text` around the first word of the query, or "". Marking the
    words is left to the database; finding the place here spares it reading the
    whole body of every result.
    """
    words = {word for group in query.groups for term in group for word in _WORD.findall(term)}
    if not words:
        return ""
    alternatives = "|".join(
        _accent_insensitive(word) for word in sorted(words, key=len, reverse=True)
    )
    match = re.search(rf"(?<![^\W_])(?:{alternatives})(?![^\W_])", text, re.IGNORECASE)
    if not match:
        return ""
    left, right = match.start() - EXCERPT_CHARS_BEFORE, match.end() + EXCERPT_CHARS_AFTER
    start = 0 if left <= 0 else text.find(" ", left) + 1
    end = len(text) if right >= len(text) else max(text.rfind(" ", match.end(), right), match.end())
    return ("… " if start else "") + text[start:end] + (" …" if end < len(text) else "")


def _highlights_postgres(articles: list[Article], query: Query) -> dict:
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


def _highlights_sqlite(ids: list[int], query: Query) -> dict:
    placeholders = ", ".join(["%s"] * len(ids))
    with connections[Article.objects.db].cursor() as cursor:
        cursor.execute(
            f"SELECT rowid, highlight({FTS_TABLE}, 0, %s, %s), highlight({FTS_TABLE}, 1, %s, %s), "  # noqa: S608
            f"snippet({FTS_TABLE}, 2, %s, %s, '…', 24) FROM {FTS_TABLE} "
            f"WHERE {FTS_TABLE} MATCH %s AND rowid IN ({placeholders})",
            [START, STOP, START, STOP, START, STOP, query.to_fts5(), *ids],
        )
        return {row[0]: row[1:] for row in cursor.fetchall()}


def marked(text: str | None) -> SafeString:
    """Escape `text` and turn the highlight markers into balanced <mark> elements."""
    parts, is_open = [], False
    for piece in _MARKERS.split(_SPACE.sub(" ", text or "").strip()):
        if piece == START:
            if not is_open:
                parts.append("<mark>")
                is_open = True
        elif piece == STOP:
            if is_open:
                parts.append("</mark>")
                is_open = False
        else:
            parts.append(escape(piece))
    if is_open:
        parts.append("</mark>")
    return mark_safe("".join(parts))  # noqa: S308 (every piece of text was escaped above)


def popular_tags() -> list[dict]:
    """The tags of the most published briefs, for the tag filter and suggestions."""
    return list(
        Tag.objects.filter(article__in=Article.objects.published())
        .annotate(briefs=Count("article"))
        .order_by("-briefs", "name")
        .values("name", "slug", "briefs")[:POPULAR_TAGS]
    )


# -- The page ------------------------------------------------------------------------


@require_safe
def search(request):
    # Both change only with the published content: kept per content version.
    topics = fragments.remember(request, ("topics",), lambda: list(Category.objects.in_order()))
    tags = fragments.remember(request, ("popular-tags",), popular_tags)
    form = SearchForm(request.GET, topics=topics)
    context = {"form": form, "topics": topics, "tags": tags, "query": None}
    if not form.is_valid():
        # Shown again as typed (within limits), with the reason beside the form.
        context["text"] = clean_query_text(request.GET.get("q", ""))[:MAX_QUERY_LENGTH]
        context["topic"] = form.topics.get(request.GET.get("topic", ""))
        return render(request, "articles/search.html", context, status=400)

    text = form.cleaned_data["q"]
    topic = form.cleaned_data["topic"]
    tag = form.cleaned_data["tag"]
    query = parse_query(text)
    if tag and tag.slug not in {t["slug"] for t in context["tags"]}:
        context["tags"] = [*context["tags"], {"name": tag.name, "slug": tag.slug}]
    context.update(text=text, query=query, topic=topic, tag=tag)
    if not query:
        return render(request, "articles/search.html", context)

    briefs = Article.objects.published()
    if topic:
        briefs = briefs.filter(category=topic)
    if tag:
        briefs = briefs.filter(tags=tag)
    page = paginate(request, ranked_ids(briefs, query), PAGE_SIZE)
    results = results_for(briefs, page.object_list, query)
    filters = {"q": text, "topic": topic.slug if topic else "", "tag": tag.slug if tag else ""}
    context.update(
        page=page,
        results=results,
        page_query=urlencode({k: v for k, v in filters.items() if v}) + "&",
        is_filtered=bool(topic or tag),
        unfiltered_query=urlencode({"q": text}),
    )
    return render(request, "articles/search.html", context)
