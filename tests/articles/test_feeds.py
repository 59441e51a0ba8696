"""RSS feeds: parsed with a real feed parser, public briefs only, fixed query count."""

from datetime import timedelta

import feedparser
import pytest
from django.utils import timezone

from tests.factories import UNPUBLISHED, image_upload, make_article, make_author, make_category

pytestmark = pytest.mark.django_db


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "rss20"
    return feed


def test_the_site_feed_has_every_field_a_reader_needs(client):
    topic = make_category(name="Tech Cooperation", slug="tech-cooperation")
    article = make_article(
        title="An EU–Latin America digital alliance",
        summary="Why a digital alliance <matters> & how.",
        category=topic,
        tags=["Digital alliance", "Data flows"],
        authors=[make_author(name="Ana Lima"), make_author(name="Bruno Souza")],
        hero_image=image_upload(size=(1600, 900)),
        hero_alt="Fibre cables in a data centre",
        hero_credit="Photo by Ana Lima on Pexels",
    )
    feed = parse(client, "/feed/")
    assert feed.feed.title == "StateUp: latest briefs"
    assert feed.feed.link == "http://testserver/articles/"
    (entry,) = feed.entries
    assert entry.title == article.title
    assert entry.link == f"http://testserver{article.get_absolute_url()}"
    assert entry.id == entry.link
    # RSS descriptions are HTML to readers: the text arrives escaped, shown as typed.
    assert entry.summary == "Why a digital alliance &lt;matters&gt; &amp; how."
    assert [author.name for author in entry.authors] == ["Ana Lima", "Bruno Souza"]
    assert [tag.term for tag in entry.tags] == [
        "Tech Cooperation",
        "Digital alliance",
        "Data flows",
    ]
    assert entry.published_parsed[:6] == article.published_at.utctimetuple()[:6]
    (image,) = entry.media_content
    assert image["url"] == f"http://testserver{article.hero['social']}"
    assert (image["width"], image["height"], image["medium"]) == ("1200", "630", "image")
    assert entry.media_credit[0]["content"] == "Photo by Ana Lima on Pexels"
    assert client.get(image["url"].removeprefix("http://testserver")).status_code == 200


def test_feeds_list_the_twenty_newest_briefs_first(client):
    now = timezone.now()
    for n in range(22):
        make_article(title=f"Brief {n:02d}", published_at=now - timedelta(hours=n + 1))
    titles = [entry.title for entry in parse(client, "/feed/").entries]
    assert titles == [f"Brief {n:02d}" for n in range(20)]


def test_topic_and_tag_feeds_hold_only_their_briefs(client):
    energy = make_category(name="Energy", slug="energy")
    make_article(title="Energy brief", category=energy, tags=["grids"])
    make_article(title="Other brief", tags=["ports"])
    topic = parse(client, "/topics/energy/feed/")
    assert topic.feed.title == "StateUp: Energy"
    assert topic.feed.link == "http://testserver/topics/energy/"
    assert [e.title for e in topic.entries] == ["Energy brief"]
    tag = parse(client, "/tags/ports/feed/")
    assert tag.feed.link == "http://testserver/tags/ports/"
    assert [e.title for e in tag.entries] == ["Other brief"]


@pytest.mark.parametrize("url", ["/topics/nope/feed/", "/tags/nope/feed/"])
def test_a_feed_for_an_unknown_topic_or_tag_is_404(client, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("overrides", UNPUBLISHED.values(), ids=UNPUBLISHED.keys())
def test_unpublished_briefs_are_in_no_feed(client, overrides):
    topic = make_category(slug="energy")
    make_article(title="Hidden brief", category=topic, tags=["grids"], **overrides)
    make_article(title="Public brief", category=topic, tags=["grids"])
    for url in ["/feed/", "/topics/energy/feed/", "/tags/grids/feed/"]:
        assert [e.title for e in parse(client, url).entries] == ["Public brief"], url


def test_titles_in_feeds_are_text_not_markup(client):
    make_article(title="</title><script>alert(1)</script>", summary="<b>bold</b>")
    response = client.get("/feed/")
    assert b"<script>" not in response.content
    entry = feedparser.parse(response.content).entries[0]
    assert entry.title == "</title><script>alert(1)</script>"


def test_a_feed_answers_in_a_fixed_number_of_queries(client, django_assert_num_queries):
    topic = make_category(slug="energy")
    for n in range(15):
        make_article(category=topic, tags=[f"tag {n}", "grids"], authors=[make_author()])
    with django_assert_num_queries(3):
        client.get("/feed/")
    with django_assert_num_queries(4):
        client.get("/topics/energy/feed/")


def test_pages_announce_their_feeds(client):
    make_category(name="Energy", slug="energy")
    make_article(tags=["grids"])
    site_feed = '<link rel="alternate" type="application/rss+xml" title="StateUp: latest briefs" href="/feed/">'
    assert site_feed in client.get("/").content.decode()
    topic = client.get("/topics/energy/").content.decode()
    assert site_feed in topic
    assert 'type="application/rss+xml" title="StateUp: Energy" href="/topics/energy/feed/"' in topic
    tag = client.get("/tags/grids/").content.decode()
    assert 'href="/tags/grids/feed/"' in tag
