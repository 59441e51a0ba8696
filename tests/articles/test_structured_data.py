"""The brief page's JSON-LD: parses, has every field, cannot be broken out of."""

import json
from datetime import UTC, datetime

import pytest
from bs4 import BeautifulSoup

from tests.factories import image_upload, make_article, make_author, make_category

pytestmark = pytest.mark.django_db


def json_ld(html: str) -> dict:
    blocks = BeautifulSoup(html, "html.parser").select('script[type="application/ld+json"]')
    assert len(blocks) == 1
    return json.loads(blocks[0].string)


def test_the_brief_page_describes_the_report_with_every_author_and_its_image(client):
    topic = make_category(name="Tech Cooperation", slug="tech-cooperation")
    article = make_article(
        slug="alliance",
        title="An EU–Latin America digital alliance",
        summary="Why it matters.",
        category=topic,
        published_at=datetime(2026, 3, 5, 10, 0, tzinfo=UTC),
        tags=["Digital alliance", "Data flows"],
        authors=[
            make_author(name="Ana Lima", slug="ana", role="Senior Fellow"),
            make_author(name="Bruno Souza", slug="bruno", affiliation="Universidade de São Paulo"),
        ],
        hero_image=image_upload(size=(1600, 900)),
        hero_alt="Fibre cables",
        hero_credit="Photo by Ana Lima on Pexels",
        hero_licence="CC BY 4.0",
    )
    data = json_ld(client.get("/articles/alliance/").content.decode())
    assert data["@context"] == "https://schema.org"
    report, breadcrumbs = data["@graph"]
    assert report["@type"] == "Report"
    assert report["headline"] == report["name"] == article.title
    assert report["url"] == "http://testserver/articles/alliance/"
    assert report["description"] == "Why it matters."
    assert report["datePublished"] == "2026-03-05T10:00:00Z"
    assert report["dateModified"] >= report["datePublished"]
    assert [(a["@type"], a["name"], a["url"]) for a in report["author"]] == [
        ("Person", "Ana Lima", "http://testserver/authors/ana/"),
        ("Person", "Bruno Souza", "http://testserver/authors/bruno/"),
    ]
    assert report["author"][0]["jobTitle"] == "Senior Fellow"
    assert report["author"][1]["affiliation"]["name"] == "Universidade de São Paulo"
    assert report["publisher"]["name"] == "StateUp"
    assert report["publisher"]["logo"]["url"] == "http://testserver/static/img/logo-512.png"
    assert report["articleSection"] == "Tech Cooperation"
    assert report["keywords"] == ["Digital alliance", "Data flows"]
    image = report["image"]
    assert image["@type"] == "ImageObject"
    assert image["url"] == f"http://testserver{article.hero['social']}"
    assert (image["width"], image["height"]) == (1200, 630)
    assert image["creditText"] == image["copyrightNotice"] == "Photo by Ana Lima on Pexels"
    assert image["license"] == {"@type": "CreativeWork", "name": "CC BY 4.0"}
    assert image["caption"] == "Fibre cables"
    assert breadcrumbs["@type"] == "BreadcrumbList"
    assert [(i["position"], i["name"], i["item"]) for i in breadcrumbs["itemListElement"]] == [
        (1, "Home", "http://testserver/"),
        (2, "Briefs", "http://testserver/articles/"),
        (3, "Tech Cooperation", "http://testserver/topics/tech-cooperation/"),
        (4, article.title, "http://testserver/articles/alliance/"),
    ]


def test_a_licence_given_as_an_address_is_linked():
    from articles.structured_data import _licence

    assert _licence("https://creativecommons.org/licenses/by/4.0/") == (
        "https://creativecommons.org/licenses/by/4.0/"
    )


@pytest.mark.parametrize(
    "title",
    [
        "</script><script>alert(1)</script>",
        "<!-- <script>",
        "a & b < c > d",
        "\u2028line\u2029separators",
    ],
)
def test_no_title_can_break_out_of_the_data_block(client, title):
    make_article(slug="x", title=title, summary=title, authors=[make_author(name=title)])
    html = client.get("/articles/x/").content.decode()
    soup = BeautifulSoup(html, "html.parser")
    scripts = soup.find_all("script")
    assert all(s.get("src") or s.get("type") == "application/ld+json" for s in scripts)
    raw = html[html.index('<script type="application/ld+json">') :]
    raw = raw[: raw.index("</script>")]
    assert "<" not in raw.removeprefix('<script type="application/ld+json">')
    report = json_ld(html)["@graph"][0]
    assert report["headline"] == title[:110]
    assert report["author"][0]["name"] == title
