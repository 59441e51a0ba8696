"""
What a reader typed, read here and never handed to either engine's query syntax:
words and "quoted phrases" must all match, `or` between two terms accepts either,
and a leading `-` excludes a term.
"""

import re
import unicodedata
from dataclasses import dataclass

MAX_QUERY_LENGTH = 200
MAX_TERMS = 16


# Highlight markers: control characters that never survive into a cleaned query
# or a rendered page; turned into <mark> only after everything else is escaped.
START, STOP = "\x02", "\x03"
_MARKERS = re.compile(f"([{START}{STOP}])")
_WORD = re.compile(r"[^\W_]+")
_SPACE = re.compile(r"\s+")
_CHUNK = re.compile(r'(-?)"([^"]*)"?|(\S+)')


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
        expression = " AND ".join(
            "(" + " OR ".join(_fts5_string(term) for term in group) + ")" for group in self.groups
        )
        if self.excluded:
            excluded = " OR ".join(_fts5_string(term) for term in self.excluded)
            expression = f"({expression}) NOT ({excluded})"
        return expression

    def to_fts5_any_in(self, column: str) -> str:
        """FTS5 syntax for "any of the query's words or phrases in `column`"."""
        terms = " OR ".join(_fts5_string(term) for group in self.groups for term in group)
        return f"{{{column}}} : ({terms})"


def _fts5_string(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


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
