"""What every page tells search engines and social sites: titles, canonical, cards, feeds."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from tests.factories import image_upload, make_article, make_author, make_category

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    topic = make_category(name="Energy", slug="energy")
    author = make_author(name="Ana Lima", slug="ana-lima", bio="Works on grids.")
    now = timezone.now()
    for n in range(13):
        make_article(
            slug=f"brief-{n}",
            title=f"Brief {n}",
            category=topic,
            authors=[author],
            tags=["Grids"],
            published_at=now - timedelta(hours=n + 1),
        )
    return topic


PAGES = [
    "/",
    "/articles/",
    "/articles/?page=2",
    "/articles/brief-0/",
    "/articles/brief-1/",
    "/topics/energy/",
    "/topics/energy/?page=2",
    "/tags/grids/",
    "/tags/grids/?page=2",
    "/authors/ana-lima/",
    "/authors/ana-lima/?page=2",
    "/search/",
    "/search/?q=brief",
    "/search/?q=brief&page=2",
]


def head(client, url) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser").head


def test_every_page_has_a_unique_title(client, site):
    titles = [head(client, url).title.get_text() for url in PAGES]
    assert len(set(titles)) == len(titles), titles


@pytest.mark.parametrize("url", PAGES)
def test_every_page_has_canonical_social_and_feed_tags(client, site, url):
    soup = head(client, url)

    def content(selector):
        tags = soup.select(selector)
        assert len(tags) == 1, selector
        return tags[0].get("content") or tags[0].get("href")

    assert content('meta[name="description"]')
    canonical = content('link[rel="canonical"]')
    assert canonical.startswith("http://testserver/")
    assert content('meta[property="og:url"]') == canonical
    assert content('link[rel="alternate"][hreflang="x-default"]') == canonical
    assert content('link[rel="alternate"][hreflang="en"]') == canonical
    assert content('meta[property="og:title"]')
    assert content('meta[property="og:description"]')
    assert content('meta[property="og:image"]').startswith("http://testserver/")
    assert content('meta[name="twitter:card"]') == "summary_large_image"
    assert content('meta[name="twitter:image"]') == content('meta[property="og:image"]')
    feeds = [
        link["href"] for link in soup.select('link[rel="alternate"][type="application/rss+xml"]')
    ]
    assert "/feed/" in feeds


def test_the_canonical_address_keeps_only_a_page_number_past_the_first(client, site):
    def canonical(url):
        return head(client, url).select_one('link[rel="canonical"]')["href"]

    assert canonical("/articles/?page=2") == "http://testserver/articles/?page=2"
    assert canonical("/articles/?page=1") == "http://testserver/articles/"
    assert canonical("/articles/?utm_source=x") == "http://testserver/articles/"
    assert canonical("/search/?q=brief&page=2") == "http://testserver/search/?page=2"


def test_a_brief_shares_its_own_title_summary_and_social_image(client):
    article = make_article(
        slug="alliance",
        title="A digital alliance",
        seo_description="Short and sharp.",
        hero_image=image_upload(size=(1600, 900)),
        hero_alt="Fibre cables",
    )
    soup = head(client, "/articles/alliance/")

    def prop(name):
        return soup.select_one(f'meta[property="{name}"]')["content"]

    assert prop("og:type") == "article"
    assert prop("og:title") == "A digital alliance"
    assert prop("og:description") == "Short and sharp."
    assert prop("og:image") == f"http://testserver{article.hero['social']}"
    assert article.hero["social"].endswith("-social.jpg")
    assert (prop("og:image:width"), prop("og:image:height")) == ("1200", "630")
    assert prop("og:image:alt") == "Fibre cables"
    assert (
        prop("article:published_time")
        == article.published_at.astimezone(timezone.get_current_timezone()).isoformat()
    )


def test_a_brief_without_a_picture_shares_the_site_card(client):
    make_article(slug="plain")
    image = head(client, "/articles/plain/").select_one('meta[property="og:image"]')["content"]
    assert image == "http://testserver/static/img/social-default.png"
    assert client.get("/static/img/social-default.png").status_code in {200, 404}


def test_the_not_found_page_is_not_indexed(client):
    soup = BeautifulSoup(client.get("/nope/").content, "html.parser")
    assert soup.select_one('meta[name="robots"]')["content"] == "noindex"


def test_the_brief_metadata_adds_no_queries(client, django_assert_num_queries, settings):
    settings.STATEUP_PAGE_CACHE = False  # count the queries of rendering the page
    one = make_article(slug="one", authors=[make_author()], tags=["a"])
    many = make_article(slug="many", authors=[make_author() for _ in range(4)], tags=list("bcde"))
    client.get("/")  # fill the cached navigation
    # A brief's first visit in a content version fetches what it shows; later ones
    # reuse it (pagecache/fragments.py). Either way, authors and tags cost no query each.
    with django_assert_num_queries(6):
        client.get(one.get_absolute_url())
    with django_assert_num_queries(6):
        response = client.get(many.get_absolute_url())
    assert response.content.decode().count('name="citation_author"') == 4
