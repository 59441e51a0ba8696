"""Matching briefs, ranked, then a page of them with the query's words marked."""

import re
import unicodedata
from contextlib import nullcontext
from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles.models import Article
from articles.search import postgres, sqlite
from articles.search.query import _MARKERS, _SPACE, _WORD, START, STOP, Query

EXCERPT_CHARS_BEFORE = 90
EXCERPT_CHARS_AFTER = 160
BACKENDS = {"postgresql": postgres, "sqlite": sqlite}


def matching(queryset: QuerySet, query: Query) -> QuerySet:
    """The briefs of `queryset` that match `query`, best first."""
    backend = BACKENDS.get(connections[queryset.db].vendor)
    if not query or backend is None:
        return queryset.none()
    return backend.matching(queryset, query)


def planned_for_search(using: str = DEFAULT_DB_ALIAS):
    """The search queries' surroundings: on PostgreSQL, steered to the GIN index."""
    if connections[using].vendor == "postgresql":
        return postgres.planned(using)
    return nullcontext()


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
    backend = BACKENDS.get(connections[Article.objects.db].vendor)
    marks = backend.highlights(articles, query, excerpt_window) if backend else {}
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
