"""/sitemap.xml: valid XML, every public page with lastmod, nothing else."""

from xml.etree import ElementTree

import pytest
from django.utils import timezone

from tests.factories import UNPUBLISHED, make_article, make_author, make_category

pytestmark = pytest.mark.django_db
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap(client) -> dict[str, str | None]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ElementTree.fromstring(response.content)  # noqa: S314 (our own response)
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    return {
        url.findtext("s:loc", namespaces=NS): url.findtext("s:lastmod", namespaces=NS)
        for url in root.findall("s:url", NS)
    }


def test_the_sitemap_lists_every_public_page_with_its_last_change(client):
    topic = make_category(slug="energy")
    author = make_author(slug="ana-lima")
    article = make_article(category=topic, authors=[author], tags=["Grids"])
    urls = sitemap(client)
    day = timezone.localdate(article.updated_at).isoformat()
    pages = {
        "": day,
        "articles/": day,
        "topics/energy/": day,
        "tags/grids/": day,
        "authors/ana-lima/": day,
        "contact/": None,
    }
    # Pages that are not briefs exist in every language; a brief in its own.
    assert urls == {
        f"http://testserver{article.get_absolute_url()}": day,
        f"http://testserver{article.get_absolute_url()}pdf/": day,
        "http://testserver/events/": None,
        "http://testserver/events/past/": None,
        **{
            f"http://testserver/{prefix}{page}": lastmod
            for prefix in ("", "es/", "pt/")
            for page, lastmod in pages.items()
        },
    }
    for url in urls:
        assert client.get(url.removeprefix("http://testserver")).status_code == 200, url


@pytest.mark.parametrize("overrides", UNPUBLISHED.values(), ids=UNPUBLISHED.keys())
def test_unpublished_briefs_and_what_only_they_use_are_not_listed(client, overrides):
    hidden = make_article(
        slug="hidden",
        authors=[make_author(slug="hidden-author")],
        tags=["secret-tag"],
        **overrides,
    )
    make_article(slug="public")
    urls = " ".join(sitemap(client))
    assert hidden.get_absolute_url() not in urls
    assert "/authors/hidden-author/" not in urls
    assert "/tags/secret-tag/" not in urls
    assert "/articles/public/" in urls


def test_a_topic_without_public_briefs_is_listed_without_a_date(client):
    make_category(slug="empty")
    assert sitemap(client)["http://testserver/topics/empty/"] is None


def test_the_sitemap_answers_in_a_fixed_number_of_queries(client, django_assert_num_queries):
    for n in range(10):
        make_article(category=make_category(), authors=[make_author()], tags=[f"t{n}"])
    # One query per section of briefs' pages (listed in every language from one list);
    # PDF editions and the (empty) events sections are sections of their own.
    with django_assert_num_queries(8):
        client.get("/sitemap.xml")


def test_robots_txt_points_to_the_sitemap_that_exists(client):
    assert "Sitemap: http://testserver/sitemap.xml" in client.get("/robots.txt").content.decode()
    assert client.get("/sitemap.xml").status_code == 200
