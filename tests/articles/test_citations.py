"""Citations: APA, Chicago, BibTeX, RIS and Google Scholar tags from the same data."""

import re
from datetime import UTC, date, datetime

import pytest
from bs4 import BeautifulSoup

from articles.citations import Citation, Person
from articles.models import Article, Author
from tests.factories import UNPUBLISHED, make_article, make_author

pytestmark = pytest.mark.django_db
URL = "https://stateup.org/articles/digital-alliance/"


def person(name="", citation_name="") -> Person:
    return Person.from_author(Author(name=name, citation_name=citation_name))


def citation(*people: Person, title="A digital alliance", **fields) -> Citation:
    return Citation(
        title=title,
        authors=people,
        published=date(2026, 3, 5),
        url=URL,
        slug="digital-alliance",
        **fields,
    )


@pytest.mark.parametrize(
    ("name", "citation_name", "inverted", "apa"),
    [
        ("Ana Lima", "", "Lima, Ana", "Lima, A."),
        ("Luiz Inácio da Silva", "", "da Silva, Luiz Inácio", "da Silva, L. I."),
        ("Pieter van der Berg", "", "van der Berg, Pieter", "van der Berg, P."),
        ("Jean-Paul Dubois", "", "Dubois, Jean-Paul", "Dubois, J.-P."),
        (
            "María José García Pérez",
            "García Pérez, María José",
            "García Pérez, María José",
            "García Pérez, M. J.",
        ),
        ("Climate Lab", "StateUp Climate Lab", "StateUp Climate Lab", "StateUp Climate Lab"),
        ("Madonna", "", "Madonna", "Madonna"),
    ],
)
def test_author_names_are_cited_family_name_first(name, citation_name, inverted, apa):
    cited = person(name, citation_name)
    assert cited.inverted == inverted
    assert cited.apa == apa


def test_apa_lists_authors_with_an_ampersand_and_the_year():
    lima, souza, dias = person("Ana Lima"), person("Bruno Souza"), person("Carla Dias")
    assert citation(lima).apa == (
        f"Lima, A. (2026). <i>A digital alliance</i> [Policy brief]. StateUp. {URL}"
    )
    assert citation(lima, souza).apa.startswith("Lima, A., &amp; Souza, B. (2026).")
    assert citation(lima, souza, dias).apa.startswith("Lima, A., Souza, B., &amp; Dias, C. (2026).")
    assert citation().apa == f"StateUp. (2026). <i>A digital alliance</i> [Policy brief]. {URL}"


def test_chicago_inverts_only_the_first_author_and_gives_the_date():
    lima, souza, dias = person("Ana Lima"), person("Bruno Souza"), person("Carla Dias")
    assert citation(lima, souza).chicago == (
        "Lima, Ana, and Bruno Souza. <i>A digital alliance</i>. Policy brief. "
        f"StateUp, March 5, 2026. {URL}."
    )
    assert citation(lima, souza, dias).chicago.startswith("Lima, Ana, Bruno Souza, and Carla Dias.")
    many = [person(f"Author Number{n}") for n in range(11)]
    assert citation(*many).chicago.startswith(
        "Number0, Author, " + ", ".join(f"Author Number{n}" for n in range(1, 7)) + ", et al. <i>"
    )
    assert citation(title="Why now?").chicago.startswith("StateUp. <i>Why now?</i> Policy brief.")


def test_text_citations_escape_the_title():
    text = citation(person("Ana Lima"), title="<script>alert(1)</script> & more").apa
    assert "<script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in text


def test_bibtex_escapes_special_characters_and_keeps_every_field():
    entry = citation(
        person("María José García Pérez", "García Pérez, María José"),
        person("Ana Lima"),
        title="R&D: 50% more {data} for $5_000 #now ~ok^ \\o/",
        summary="A summary\nover two lines.",
        keywords=("Data flows", "AI"),
    ).bibtex
    assert entry.startswith("@techreport{garciaperez2026more,\n")
    assert entry.endswith("}\n")
    fields = dict(re.findall(r"^  (\w+)\s+= (.*?),?$", entry, flags=re.MULTILINE))
    assert fields["author"] == "{{García Pérez}, María José and {Lima}, Ana}"
    assert fields["title"] == (
        r"{{R\&D: 50\% more \{data\} for \$5\_000 \#now \textasciitilde{}ok\textasciicircum{} "
        r"\textbackslash{}o/}}"
    )
    assert fields["institution"] == "{StateUp}"
    assert fields["year"] == "{2026}"
    assert fields["month"] == "mar"
    assert fields["date"] == "{2026-03-05}"
    assert fields["url"] == "{" + URL + "}"
    assert fields["abstract"] == "{A summary over two lines.}"
    assert fields["keywords"] == "{Data flows, AI}"
    assert entry.count("{") == entry.count("}") + entry.count("\\{") - entry.count("\\}")


def test_ris_has_one_line_per_field_and_ends_the_record():
    record = citation(
        person("Ana Lima"),
        person("Bruno Souza"),
        summary="Line one\r\nER  - injected",
        keywords=("Grids",),
    ).ris
    lines = record.split("\r\n")
    assert lines[0] == "TY  - RPRT"
    assert lines[1:3] == ["AU  - Lima, Ana", "AU  - Souza, Bruno"]
    assert "TI  - A digital alliance" in lines
    assert "PY  - 2026" in lines
    assert "DA  - 2026/03/05/" in lines
    assert "PB  - StateUp" in lines
    assert f"UR  - {URL}" in lines
    assert "AB  - Line one ER - injected" in lines
    assert "KW  - Grids" in lines
    assert lines[-2:] == ["ER  - ", ""]
    assert all(re.fullmatch(r"[A-Z][A-Z0-9]  - .*", line) for line in lines[:-1])


def brief(**overrides) -> Article:
    fields = {
        "slug": "digital-alliance",
        "title": "An EU–Latin America digital alliance",
        "summary": "What Europe and Latin America gain from a digital alliance.",
        "published_at": datetime(2026, 3, 5, 10, 0, tzinfo=UTC),
        "tags": ["Digital alliance"],
        "authors": [
            make_author(name="Ana Lima", slug="ana-lima"),
            make_author(
                name="María José García Pérez", slug="mj", citation_name="García Pérez, María José"
            ),
        ],
    }
    fields.update(overrides)
    return make_article(**fields)


def test_bibtex_and_ris_downloads_match_the_brief(client):
    article = brief()
    bib = client.get("/articles/digital-alliance/cite.bib")
    assert bib.status_code == 200
    assert bib["Content-Type"] == "application/x-bibtex; charset=utf-8"
    assert bib["Content-Disposition"] == 'attachment; filename="digital-alliance.bib"'
    text = bib.content.decode()
    assert "{{Lima}, Ana and {García Pérez}, María José}" in text
    assert "title       = {{An EU–Latin America digital alliance}}" in text
    assert "url         = {http://testserver/articles/digital-alliance/}" in text
    assert "year        = {2026}" in text
    ris = client.get("/articles/digital-alliance/cite.ris")
    assert ris["Content-Type"] == "application/x-research-info-systems; charset=utf-8"
    assert ris["Content-Disposition"] == 'attachment; filename="digital-alliance.ris"'
    lines = ris.content.decode().split("\r\n")
    assert lines[1:3] == ["AU  - Lima, Ana", "AU  - García Pérez, María José"]
    assert f"TI  - {article.title}" in lines
    assert "KW  - Digital alliance" in lines


@pytest.mark.parametrize("overrides", UNPUBLISHED.values(), ids=UNPUBLISHED.keys())
@pytest.mark.parametrize("extension", ["bib", "ris"])
def test_an_unpublished_brief_cannot_be_cited(client, overrides, extension):
    brief(**overrides)
    assert client.get(f"/articles/digital-alliance/cite.{extension}").status_code == 404


def test_the_brief_page_has_a_cite_box_and_scholar_tags(client):
    brief()
    soup = BeautifulSoup(client.get("/articles/digital-alliance/").content, "html.parser")
    box = soup.select_one(".cite-box")
    assert box.select_one("h2").get_text() == "Cite this brief"
    texts = [p.get_text() for p in box.select(".cite-box__text")]
    assert texts[0] == (
        "Lima, A., & García Pérez, M. J. (2026). An EU–Latin America digital alliance "
        "[Policy brief]. StateUp. http://testserver/articles/digital-alliance/"
    )
    assert texts[1].startswith("Lima, Ana, and María José García Pérez. An EU–Latin America")
    assert "StateUp, March 5, 2026." in texts[1]
    links = {a["href"] for a in box.select("a[download]")}
    assert links == {"/articles/digital-alliance/cite.bib", "/articles/digital-alliance/cite.ris"}

    def meta(name):
        return [tag["content"] for tag in soup.select(f'meta[name="{name}"]')]

    assert meta("citation_title") == ["An EU–Latin America digital alliance"]
    assert meta("citation_author") == ["Lima, Ana", "García Pérez, María José"]
    assert meta("citation_publication_date") == ["2026/03/05"]
    assert meta("citation_publisher") == ["StateUp"]
    assert meta("citation_abstract_html_url") == ["http://testserver/articles/digital-alliance/"]
