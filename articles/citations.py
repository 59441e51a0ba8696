"""
How to cite a brief: APA and Chicago text, BibTeX and RIS files and the Google
Scholar (Highwire) `citation_*` tags, all made from one `Citation`.

Authors are cited by `Author.citation_name` ("García Pérez, María José") when it is
set; otherwise the last word of the name, with any particle before it ("da Silva",
"van der Berg"), is taken as the family name.
"""

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import quote

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import dateformat, timezone
from django.utils.html import format_html
from django.utils.http import content_disposition_header
from django.utils.safestring import SafeString
from django.utils.text import slugify
from django.utils.translation import gettext, pgettext
from django.views.decorators.http import require_safe

from articles.models import Article, Author
from articles.redirects import follows_old_slugs

PUBLISHER = "StateUp"
PARTICLES = {
    "da", "das", "de", "del", "della", "der", "des", "di", "do", "dos", "du",
    "la", "le", "ten", "ter", "van", "von", "y",
}  # fmt: skip
APA_MAX_AUTHORS = 20
CHICAGO_MAX_AUTHORS = 10
CHICAGO_LISTED_WHEN_TRUNCATED = 7
_SPACE = re.compile(r"\s+")


def _one_line(text: str) -> str:
    return _SPACE.sub(" ", text or "").strip()


@dataclass(frozen=True)
class Person:
    """An author as citations need them: family and given names, or one literal name."""

    family: str = ""
    given: str = ""
    literal: str = ""

    @classmethod
    def from_author(cls, author: Author) -> "Person":
        cited = _one_line(author.citation_name)
        if cited:
            if "," not in cited:
                return cls(literal=cited)
            family, given = (part.strip() for part in cited.split(",", 1))
            return cls(family=family, given=given) if family else cls(literal=given)
        words = _one_line(author.name).split(" ")
        if len(words) < 2:
            return cls(literal=" ".join(words))
        start = len(words) - 1
        while start > 1 and words[start - 1].lower() in PARTICLES:
            start -= 1
        return cls(family=" ".join(words[start:]), given=" ".join(words[:start]))

    @property
    def inverted(self) -> str:
        """ "García Pérez, María José"."""
        if self.literal:
            return self.literal
        return f"{self.family}, {self.given}" if self.given else self.family

    @property
    def natural(self) -> str:
        """ "María José García Pérez"."""
        if self.literal:
            return self.literal
        return f"{self.given} {self.family}".strip()

    @property
    def initials(self) -> str:
        """ "M. J." for María José, "J.-P." for Jean-Paul."""
        return " ".join(
            "-".join(f"{part[0]}." for part in name.split("-") if part)
            for name in self.given.split()
        )

    @property
    def apa(self) -> str:
        if self.literal:
            return self.literal
        return f"{self.family}, {self.initials}" if self.initials else self.family


@dataclass(frozen=True)
class Citation:
    """Everything a citation of one brief says."""

    title: str
    authors: tuple[Person, ...]
    published: date
    url: str
    slug: str
    summary: str = ""
    keywords: tuple[str, ...] = ()
    language: str = "en"
    publisher: str = PUBLISHER
    series: str = ""
    number: str = ""
    doi: str = ""
    pdf_url: str = ""
    # The language of the brief this one translates, if it is a translation.
    source_language: str = ""

    @property
    def translation_note(self) -> str:
        """ "Translated from English" (or Spanish, Portuguese), or "" for an original."""
        notes = {
            "en": gettext("Translated from English"),
            "es": gettext("Translated from Spanish"),
            "pt": gettext("Translated from Portuguese"),
        }
        return notes.get(self.source_language, "")

    @property
    def kind(self) -> str:
        return self.series or pgettext("type of publication", "Policy brief")

    @property
    def link(self) -> str:
        """Where the brief is found: its DOI when it has one, else its page."""
        return f"https://doi.org/{quote(self.doi, safe='/:;()')}" if self.doi else self.url

    @property
    def report_number(self) -> str:
        """ "Policy Brief 12/2026", or empty for a brief without a number."""
        return f"{self.kind} {self.number}" if self.number else ""

    @property
    def creators(self) -> tuple[Person, ...]:
        """The authors, or the publisher when a brief has none."""
        return self.authors or (Person(literal=self.publisher),)

    # -- Text styles (HTML, escaped) ----------------------------------------------

    @property
    def apa(self) -> SafeString:
        """APA 7: Lima, A., & Souza, B. (2026). *Title* [Policy brief]. StateUp. URL"""
        names = [person.apa for person in self.creators]
        if len(names) > APA_MAX_AUTHORS:
            names = [*names[: APA_MAX_AUTHORS - 1], "…", names[-1]]
            authors = ", ".join(names)
        elif len(names) == 1:
            authors = names[0]
        elif len(names) == 2:
            authors = f"{names[0]}, & {names[1]}"
        else:
            authors = ", ".join(names[:-1]) + f", & {names[-1]}"
        publisher = "" if not self.authors else f" {self.publisher}."
        # APA 7 reports: a numbered report gives "(Series No. N)" after the title.
        kind = (
            format_html("({} {} {})", self.kind, pgettext("report number", "No."), self.number)
            if self.number
            else format_html("[{}]", self.kind)
        )
        if self.translation_note:
            kind = format_html("{}; {}", kind, self.translation_note)
        return format_html(
            "{} ({}). <i>{}</i> {}.{} {}",
            _closed(authors),
            self.published.year,
            self.title,
            kind,
            publisher,
            _link(self.link),
        )

    @property
    def chicago(self) -> SafeString:
        """Chicago 17 bibliography: Lima, Ana, and Bruno Souza. *Title*. Policy brief. StateUp, November 29, 2026. URL."""
        people = list(self.creators)
        and_ = pgettext("between the last two authors of a citation", "and")
        if len(people) > CHICAGO_MAX_AUTHORS:
            listed = [people[0].inverted] + [
                p.natural for p in people[1:CHICAGO_LISTED_WHEN_TRUNCATED]
            ]
            authors = ", ".join(listed) + ", et al."
        elif len(people) == 1:
            authors = people[0].inverted
        elif len(people) == 2:
            authors = f"{people[0].inverted}, {and_} {people[1].natural}"
        else:
            authors = (
                ", ".join([people[0].inverted] + [p.natural for p in people[1:-1]])
                + f", {and_} {people[-1].natural}"
            )
        day = dateformat.format(self.published, "F j, Y")
        publisher = f"{self.publisher}, {day}" if self.authors else day
        note = f" {self.translation_note}." if self.translation_note else ""
        return format_html(
            "{} <i>{}</i>{}{} {}. {}. {}.",
            _closed(authors),
            self.title,
            "" if self.title[-1:] in ".?!" else ".",
            note,
            self.report_number or self.kind,
            publisher,
            _link(self.link),
        )

    # -- Files ------------------------------------------------------------------------

    @property
    def key(self) -> str:
        """A BibTeX key such as `lima2026digital`."""
        first = self.creators[0]
        name = slugify(first.family or first.literal).replace("-", "")[:20] or "stateup"
        words = [w for w in slugify(self.title).split("-") if len(w) > 3]
        return f"{name}{self.published.year}{words[0] if words else ''}"

    @property
    def bibtex(self) -> str:
        authors = " and ".join(
            f"{{{_bib(p.literal)}}}"
            if p.literal
            else f"{{{_bib(p.family)}}}, {_bib(p.given)}".rstrip(", ")
            for p in self.creators
        )
        fields = [
            ("author", f"{{{authors}}}"),
            ("title", f"{{{{{_bib(self.title)}}}}}"),
            ("institution", f"{{{_bib(self.publisher)}}}"),
            ("type", f"{{{_bib(self.kind)}}}"),
            *([("number", f"{{{_bib(self.number)}}}")] if self.number else []),
            ("year", f"{{{self.published.year}}}"),
            ("month", MONTHS[self.published.month - 1]),
            ("date", f"{{{self.published.isoformat()}}}"),
            ("url", f"{{{_bib_url(self.url)}}}"),
            *([("doi", f"{{{_bib_url(self.doi)}}}")] if self.doi else []),
            ("langid", f"{{{_bib(self.language)}}}"),
        ]
        if self.summary:
            fields.append(("abstract", f"{{{_bib(self.summary)}}}"))
        if self.keywords:
            fields.append(("keywords", f"{{{_bib(', '.join(self.keywords))}}}"))
        body = ",\n".join(f"  {name:<11} = {value}" for name, value in fields)
        return f"@techreport{{{self.key},\n{body}\n}}\n"

    @property
    def ris(self) -> str:
        lines = [("TY", "RPRT")]
        lines += [("AU", person.inverted) for person in self.authors]
        lines += [
            ("TI", self.title),
            ("PY", str(self.published.year)),
            ("DA", self.published.strftime("%Y/%m/%d/")),
            ("PB", self.publisher),
            ("M3", self.kind),
        ]
        if self.number:
            # Zotero and EndNote read a report's number from SN, its series from T2.
            lines += [("SN", self.number), ("T2", self.kind)]
        if self.doi:
            lines.append(("DO", self.doi))
        lines += [
            ("UR", self.url),
            ("LA", self.language),
        ]
        if self.summary:
            lines.append(("AB", self.summary))
        lines += [("KW", keyword) for keyword in self.keywords]
        lines.append(("ER", ""))
        return "".join(f"{tag}  - {_one_line(value)}\r\n" for tag, value in lines)

    # -- Google Scholar -------------------------------------------------------------

    @property
    def highwire(self) -> list[tuple[str, str]]:
        """`citation_*` meta tags, in the order Google Scholar documents them."""
        tags = [("citation_title", self.title)]
        tags += [("citation_author", person.inverted) for person in self.creators]
        tags += [
            ("citation_publication_date", self.published.strftime("%Y/%m/%d")),
            ("citation_publisher", self.publisher),
            ("citation_technical_report_institution", self.publisher),
        ]
        if self.number:
            tags.append(("citation_technical_report_number", self.report_number))
        if self.doi:
            tags.append(("citation_doi", self.doi))
        tags += [
            ("citation_abstract_html_url", self.url),
            ("citation_fulltext_html_url", self.url),
            *([("citation_pdf_url", self.pdf_url)] if self.pdf_url else []),
            ("citation_language", self.language),
        ]
        if self.keywords:
            tags.append(("citation_keywords", "; ".join(self.keywords)))
        return tags


MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_BIBTEX_PATTERN = re.compile("|".join(re.escape(char) for char in _BIBTEX_SPECIAL))


def _bib(text: str) -> str:
    return _BIBTEX_PATTERN.sub(lambda m: _BIBTEX_SPECIAL[m.group(0)], _one_line(text))


def _bib_url(url: str) -> str:
    # URLs are verbatim in BibTeX; only braces could end the field early.
    return url.replace("{", "%7B").replace("}", "%7D").replace("\\", "%5C")


def _link(url: str) -> SafeString:
    """A DOI is a link in the citation; the page's own address is plain text."""
    if url.startswith("https://doi.org/"):
        return format_html('<a href="{}">{}</a>', url, url)
    return format_html("{}", url)


def _closed(text: str) -> str:
    """A list of names ends with exactly one full stop."""
    return text if text.endswith(".") else f"{text}."


def citation_for(article: Article, authors, url: str) -> Citation:
    """The citation of `article` by `authors` (already fetched), found at `url`."""
    published = timezone.localdate(article.published_at) if article.published_at else None
    return Citation(
        title=_one_line(article.title),
        authors=tuple(Person.from_author(author) for author in authors),
        published=published or timezone.localdate(),
        url=url,
        slug=article.slug,
        summary=_one_line(article.summary),
        keywords=tuple(tag.name for tag in article.tags.all()),
        language=article.language,
        source_language=getattr(article, "source_language", None) or "",
        series=article.series.name if article.series_number is not None and article.series else "",
        number=(
            f"{article.series_number}/{article.series_year}"
            if article.series_number is not None and article.series_id
            else ""
        ),
        doi=article.doi,
        pdf_url=_pdf_url(article, url),
    )


def _pdf_url(article: Article, url: str) -> str:
    from articles import pdf

    if not article.is_public or not url.endswith(article.get_absolute_url()):
        return ""
    return url + "pdf/" if pdf.is_available() else ""


def _download(request, slug: str, render, content_type: str, extension: str) -> HttpResponse:
    article = get_object_or_404(
        Article.objects.published()
        .select_related("series")
        .with_translation_slugs()
        .prefetch_related("tags", "authorships__author"),
        slug=slug,
    )
    authors = [authorship.author for authorship in article.authorships.all()]
    citation = citation_for(
        article, authors, request.build_absolute_uri(article.get_absolute_url())
    )
    response = HttpResponse(render(citation), content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{article.slug}.{extension}"
    )
    return response


@require_safe
@follows_old_slugs
def bibtex(request, slug: str):
    return _download(request, slug, lambda c: c.bibtex, "application/x-bibtex", "bib")


@require_safe
@follows_old_slugs
def ris(request, slug: str):
    return _download(request, slug, lambda c: c.ris, "application/x-research-info-systems", "ris")
