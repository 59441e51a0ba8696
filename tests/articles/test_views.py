import itertools
from datetime import timedelta

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.conf import settings
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, RelatedLink
from tests.factories import UNPUBLISHED, image_upload, make_article, make_author, make_category

pytestmark = pytest.mark.django_db


def _html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def _soup(client, url):
    return BeautifulSoup(_html(client, url), "html.parser")


@pytest.mark.parametrize("overrides", UNPUBLISHED.values(), ids=UNPUBLISHED.keys())
def test_unpublished_briefs_are_404_and_absent_from_every_list(client, overrides):
    topic = make_category()
    author = make_author()
    hidden = make_article(
        title="The hidden brief", category=topic, authors=[author], tags=["energy"], **overrides
    )
    public = make_article(category=topic, authors=[author], tags=["energy"], related=[hidden])
    assert client.get(hidden.get_absolute_url()).status_code == 404
    for url in [
        "/",
        "/articles/",
        topic.get_absolute_url(),
        "/tags/energy/",
        author.get_absolute_url(),
        public.get_absolute_url(),
    ]:
        html = _html(client, url)
        assert "The hidden brief" not in html, url
        assert hidden.get_absolute_url() not in html, url


def test_a_scheduled_brief_appears_everywhere_once_its_time_comes(client):
    topic = make_category()
    author = make_author()
    at = timezone.now() + timedelta(hours=3)
    scheduled = make_article(
        title="Scheduled brief", category=topic, authors=[author], tags=["ai"], published_at=at
    )
    neighbour = make_article(category=topic, tags=["ai"])
    urls = ["/", "/articles/", topic.get_absolute_url(), "/tags/ai/", author.get_absolute_url()]
    assert client.get(scheduled.get_absolute_url()).status_code == 404
    with time_machine.travel(at + timedelta(seconds=1)):
        assert "Scheduled brief" in _html(client, scheduled.get_absolute_url())
        for url in [*urls, neighbour.get_absolute_url()]:
            assert "Scheduled brief" in _html(client, url), url


def test_the_brief_page_shows_everything_a_reader_needs(client):
    topic = make_category(name="Tech Cooperation", slug="tech-cooperation")
    ana = make_author(name="Ana Lima", slug="ana-lima", role="Senior Fellow")
    rafael = make_author(name="Rafael Souza", slug="rafael-souza", role="", affiliation="USP")
    other = make_article(title="A related brief", category=topic)
    article = make_article(
        title="An EU–Latin America digital alliance",
        summary="Cables, satellites and research networks.",
        body="<p>" + "word " * 700 + "</p>",
        category=topic,
        authors=[ana, rafael],
        tags=["Digital alliance", "Research networks"],
        links=[
            {
                "title": "Global Gateway",
                "url": "https://europa.eu/gg",
                "source": "European Commission",
                "note": "The EU's investment strategy.",
            }
        ],
        related=[other],
        hero_image=image_upload(size=(1600, 900)),
        hero_alt="Two clusters of nodes",
        hero_credit="Photo by Ana Lima on Pexels",
        hero_credit_url="https://www.pexels.com/photo/1",
        hero_licence="Pexels License",
    )
    soup = _soup(client, article.get_absolute_url())
    header = soup.select_one(".brief-header")
    assert header.select_one('a[href="/topics/tech-cooperation/"]').text == "Tech Cooperation"
    assert soup.h1.text == "An EU–Latin America digital alliance"
    assert "Cables, satellites" in header.text
    names = [(a["href"], a.text) for a in header.select(".byline__name")]
    assert names == [("/authors/ana-lima/", "Ana Lima"), ("/authors/rafael-souza/", "Rafael Souza")]
    assert "Senior Fellow" in header.text
    assert "USP" in header.text
    assert header.time["datetime"] == timezone.localtime(article.published_at).isoformat()
    assert "4 min read" in header.text

    picture = soup.select_one(".brief-hero picture")
    assert picture.source["type"] == "image/webp"
    assert picture.source["srcset"].count("w,") == 3
    img = picture.img
    assert (img["width"], img["height"], img["alt"]) == ("1600", "900", "Two clusters of nodes")
    caption = soup.select_one(".brief-hero figcaption")
    assert caption.a["href"] == "https://www.pexels.com/photo/1"
    assert caption.a.text == "Photo by Ana Lima on Pexels"
    assert "Pexels License" in caption.text

    tags = {a["href"]: a.text for a in soup.select(".tag-list a")}
    assert tags == {
        "/tags/digital-alliance/": "Digital alliance",
        "/tags/research-networks/": "Research networks",
    }
    reading = soup.select_one(".further-reading")
    assert reading.a["href"] == "https://europa.eu/gg"
    assert "European Commission" in reading.text
    assert "The EU's investment strategy." in reading.text
    related = soup.select_one(".related")
    assert related.select_one(".card__title a")["href"] == other.get_absolute_url()
    assert "Senior Fellow" in soup.select_one(".about-authors").text
    assert soup.select_one("#brief-signup form[action='/newsletter/signup/']")


def test_share_links_need_no_third_party_script(client):
    article = make_article(title="Grids & storage", slug="grids")
    soup = _soup(client, article.get_absolute_url())
    hrefs = [a["href"] for a in soup.select(".share a")]
    url = "http%3A%2F%2Ftestserver%2Farticles%2Fgrids%2F"
    assert hrefs == [
        f"mailto:?subject=Grids%20%26%20storage&body=Grids%20%26%20storage%0A{url}",
        f"https://www.linkedin.com/sharing/share-offsite/?url={url}",
        f"https://x.com/intent/post?text=Grids+%26+storage&url={url}",
        f"https://bsky.app/intent/compose?text=Grids+%26+storage+{url}",
    ]
    button = soup.select_one("button[data-copy-link]")
    assert button["data-copy-link"] == "http://testserver/articles/grids/"
    assert button.has_attr("hidden"), "without JavaScript the copy button stays hidden"
    scripts = [s["src"] for s in soup.select("script[src]")]
    assert all(src.startswith("/static/") for src in scripts)
    assert "/static/js/share.js" in scripts
    assert soup.select_one('script[src="/static/js/share.js"]').has_attr("defer")
    inline = soup.select('script:not([src]):not([type="application/ld+json"])')
    assert not inline, "no inline script (JSON-LD data blocks are not scripts)"


def test_the_share_script_loads_only_on_the_brief_page(client):
    make_article()
    assert "share.js" not in _html(client, "/")
    assert "share.js" not in _html(client, "/articles/")


def test_the_brief_page_leaves_a_hook_after_the_brief():
    from articles.views import brief_context

    article = make_article()
    template = Template(
        '{% extends "articles/brief_detail.html" %}'
        "{% block brief_extras %}<aside id='cite'>Cite this brief</aside>{% endblock %}"
    )
    html = template.render(Context({**brief_context(article), "site_name": "StateUp"}))
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one("article.brief > #cite")
    # Without a request (a preview, a command), shared links use the site's address.
    copy = soup.select_one("[data-copy-link]")["data-copy-link"]
    assert copy == settings.STATEUP_SITE_URL + article.get_absolute_url()


def test_script_in_the_body_never_reaches_the_page(client):
    article = make_article(
        body='<p>Fine</p><script>alert("body")</script><img src="x" onerror="alert(1)">'
        '<a href="javascript:alert(2)">x</a><iframe src="https://evil.example"></iframe>'
    )
    html = _html(client, article.get_absolute_url())
    assert 'alert("body")' not in html
    assert "onerror" not in html
    assert "javascript:" not in html
    assert "evil.example" not in html


def test_a_javascript_url_stored_behind_the_models_back_never_reaches_the_page(client):
    article = make_article(
        links=[{"title": "Sneaky", "url": "https://example.org/"}],
        hero_credit="Photo by someone",
        hero_credit_url="https://example.org/credit",
    )
    RelatedLink.objects.update(url="javascript:alert(1)")
    Article.objects.filter(pk=article.pk).update(hero_credit_url="javascript:alert(2)")
    html = _html(client, article.get_absolute_url())
    assert "javascript:" not in html
    assert "Sneaky" not in html


def test_titles_summaries_and_credits_are_escaped(client):
    article = make_article(
        title="<script>alert(1)</script>",
        summary="<b>bold</b>",
        hero_image=image_upload(),
        hero_alt='"><script>alert(3)</script>',
        hero_credit="<i>credit</i>",
    )
    html = _html(client, article.get_absolute_url())
    assert "<script>alert" not in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
    assert "&lt;i&gt;credit&lt;/i&gt;" in html


def test_home_shows_the_featured_brief_first_then_the_latest(client):
    topic = make_category(description="Grids and green hydrogen.")
    newest = make_article(title="Newest brief", published_at=timezone.now() - timedelta(minutes=5))
    featured = make_article(
        title="Featured brief", is_featured=True, published_at=timezone.now() - timedelta(days=9)
    )
    soup = _soup(client, "/")
    assert soup.select_one(".feature__title a")["href"] == featured.get_absolute_url()
    latest = [a["href"] for a in soup.select(".card-grid .card__title a")]
    assert latest == [newest.get_absolute_url()]
    topics = soup.select_one(".topic-grid")
    assert topic.name in topics.text
    assert "Grids and green hydrogen." in topics.text
    assert soup.select_one("#home-signup form")


def test_home_features_the_newest_brief_when_none_is_chosen(client):
    make_article(title="Older", published_at=timezone.now() - timedelta(days=3))
    newest = make_article(title="Newest", published_at=timezone.now() - timedelta(hours=1))
    soup = _soup(client, "/")
    assert soup.select_one(".feature__title a")["href"] == newest.get_absolute_url()
    assert [a.text for a in soup.select(".card-grid .card__title a")] == ["Older"]


def test_a_featured_brief_that_is_not_public_is_not_featured(client):
    make_article(title="Draft feature", is_featured=True, status=Article.Status.DRAFT)
    public = make_article(title="Public")
    soup = _soup(client, "/")
    assert soup.select_one(".feature__title a")["href"] == public.get_absolute_url()


def test_home_without_briefs_still_renders(client):
    soup = _soup(client, "/")
    assert soup.h1
    assert not soup.select(".feature")


@pytest.mark.parametrize("page", ["0", "-1", "abc", "3", "1.5", "99999999999", "١", ""])
def test_a_bad_page_number_is_404_on_every_list(client, page):
    topic = make_category(slug="energy")
    author = make_author(slug="ana")
    for _ in range(13):
        make_article(category=topic, authors=[author], tags=["grids"])
    for url in ["/articles/", "/topics/energy/", "/tags/grids/", "/authors/ana/"]:
        assert client.get(url, {"page": page}).status_code == 404, url
        assert client.get(url, {"page": "2"}).status_code == 200, url


@pytest.mark.parametrize(
    "url", ["/topics/nope/", "/tags/nope/", "/authors/nope/", "/articles/nope/"]
)
def test_unknown_slugs_are_404(client, url):
    assert client.get(url).status_code == 404


def test_list_is_paginated_12_a_page_newest_first_with_real_links(client):
    now = timezone.now()
    for n in range(13):
        make_article(title=f"Brief {n:02d}", published_at=now - timedelta(hours=n + 1))
    first = _soup(client, "/articles/")
    titles = [a.text for a in first.select(".card__title a")]
    assert titles == [f"Brief {n:02d}" for n in range(12)]
    assert first.select_one('.pagination a[rel="next"]')["href"] == "?page=2"
    assert "13 briefs" in first.select_one(".list-header__count").text
    second = _soup(client, "/articles/?page=2")
    assert [a.text for a in second.select(".card__title a")] == ["Brief 12"]
    assert second.select_one('.pagination a[rel="prev"]')["href"] == "?page=1"


@pytest.mark.parametrize("kind", ["topic", "tag", "author"])
def test_topic_tag_and_author_pages_have_a_heading_a_description_and_their_briefs(client, kind):
    topic = make_category(name="Green Transition", description="Grids and hydrogen.")
    author = make_author(name="Jonas Weber", role="Director", bio="An energy economist.")
    mine = make_article(title="Mine", category=topic, authors=[author], tags=["Grids"])
    make_article(title="Not mine", category=make_category(), authors=[make_author()])
    url, heading, description = {
        "topic": (topic.get_absolute_url(), "Green Transition", "Grids and hydrogen."),
        "tag": ("/tags/grids/", "Grids", "Every StateUp brief about Grids"),
        "author": (author.get_absolute_url(), "Jonas Weber", "An energy economist."),
    }[kind]
    soup = _soup(client, url)
    assert soup.h1.text == heading
    assert description in soup.select_one(".list-header").text
    assert [a["href"] for a in soup.select(".card__title a")] == [mine.get_absolute_url()]


def test_an_authors_external_link_is_shown_only_if_it_is_a_web_address(client):
    good = make_author(url="https://example.org/ana")
    bad = make_author()
    type(bad).objects.filter(pk=bad.pk).update(url="javascript:alert(1)")
    assert 'href="https://example.org/ana"' in _html(client, good.get_absolute_url())
    assert "javascript:" not in _html(client, bad.get_absolute_url())


@pytest.mark.parametrize("url", ["/", "/articles/", "brief", "topic", "tag", "author"])
def test_headings_start_at_h1_and_never_skip_a_level(client, url):
    topic = make_category(slug="t")
    author = make_author(slug="a", bio="Bio.")
    make_article(category=topic, authors=[author], tags=["x"])
    article = make_article(
        category=topic,
        authors=[author],
        tags=["x"],
        body="<h2>One</h2><p>a</p><h3>Two</h3><p>b</p>",
        links=[{"title": "Link", "url": "https://example.org/"}],
    )
    url = {
        "brief": article.get_absolute_url(),
        "topic": "/topics/t/",
        "tag": "/tags/x/",
        "author": "/authors/a/",
    }.get(url, url)
    soup = _soup(client, url)
    levels = [int(h.name[1]) for h in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]
    assert levels[0] == 1, levels
    assert levels.count(1) == 1, levels
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels


# Query budgets: a fixed number whatever the number of things shown.


def _count_queries(client, url):
    client.get(url)  # warm the per-process caches (content types, navigation)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


def _rich_brief(n, topic):
    authors = [make_author() for _ in range(n)]
    others = [make_article(category=topic, tags=["shared"]) for _ in range(n)]
    return make_article(
        category=topic,
        authors=authors,
        tags=[f"tag {i}" for i in range(n)] + ["shared"],
        links=[{"title": f"Link {i}", "url": f"https://example.org/{i}"} for i in range(n)],
        related=others,
        hero_image=image_upload(),
        hero_alt="A picture",
    )


def test_the_brief_page_makes_at_most_8_queries_however_much_it_shows(client):
    topic = make_category()
    small = _count_queries(client, _rich_brief(1, topic).get_absolute_url())
    large = _count_queries(client, _rich_brief(20, topic).get_absolute_url())
    assert small == large
    assert large <= 8


def test_the_brief_page_stays_within_budget_with_a_cold_cache(
    client, django_assert_max_num_queries
):
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import cache

    article = _rich_brief(5, make_category())
    cache.clear()
    ContentType.objects.clear_cache()
    # A new content version costs three: the shared counter, the next scheduled brief
    # and the next event to start or end.
    with django_assert_max_num_queries(10):
        assert client.get(article.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    "url", ["/", "/articles/", "/topics/energy/", "/tags/grids/", "/authors/ana/"]
)
def test_list_pages_make_at_most_6_queries_whatever_the_page_size(client, url):
    topic = make_category(slug="energy")
    author = make_author(slug="ana")

    def add(count, **extra):
        for i in range(count):
            make_article(
                category=topic, authors=[author, make_author()], tags=["grids", f"t{i}"], **extra
            )

    add(1, is_featured=True, hero_image=image_upload(), hero_alt="A picture")
    small = _count_queries(client, url)
    add(13, hero_image=image_upload(size=(500, 300)), hero_alt="A picture")
    large = _count_queries(client, url)
    assert small == large
    assert large <= 6


def test_a_tag_only_drafts_carry_is_404_with_its_feed(client):
    make_article(tags=["merger-talks"], status=Article.Status.DRAFT, published_at=None)
    assert client.get("/tags/merger-talks/").status_code == 404
    assert client.get("/tags/merger-talks/feed/").status_code == 404
    make_article(tags=["merger-talks"])
    assert client.get("/tags/merger-talks/").status_code == 200
    assert client.get("/tags/merger-talks/feed/").status_code == 200
