from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article, make_author, make_category

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "overrides",
    [
        {"status": Article.Status.DRAFT, "published_at": None},
        {"status": Article.Status.REVIEW, "published_at": None},
        {"status": Article.Status.ARCHIVED},
        {"published_at": timezone.now() + timedelta(days=2)},
    ],
    ids=["draft", "review", "archived", "scheduled"],
)
def test_unpublished_briefs_are_404_and_absent_from_lists(client, overrides):
    topic = make_category()
    author = make_author()
    hidden = make_article(category=topic, authors=[author], tags=["energy"], **overrides)
    assert client.get(hidden.get_absolute_url()).status_code == 404
    for url in [
        "/",
        "/articles/",
        topic.get_absolute_url(),
        "/tags/energy/",
        author.get_absolute_url(),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert hidden.title not in response.content.decode(), url


def test_a_published_brief_shows_its_content(client):
    topic = make_category(name="Tech Cooperation", slug="tech-cooperation")
    author = make_author(name="Ana Lima")
    article = make_article(
        title="An EU–Latin America digital alliance",
        category=topic,
        authors=[author],
        tags=["Digital alliance"],
        links=[{"title": "Global Gateway", "url": "https://europa.eu/gg", "source": "EU"}],
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert "An EU–Latin America digital alliance" in html
    assert 'href="/topics/tech-cooperation/"' in html
    assert 'href="/authors/' in html
    assert "Ana Lima" in html
    assert 'href="/tags/digital-alliance/"' in html
    assert "Global Gateway" in html


@pytest.mark.parametrize("page", ["0", "-1", "abc", "2", "1.5", "99999999999", "١"])
def test_a_bad_page_number_is_404_never_500(client, page):
    make_article()
    assert client.get("/articles/", {"page": page}).status_code == 404


def test_list_is_paginated_12_a_page_newest_first(client):
    now = timezone.now()
    for n in range(13):
        make_article(title=f"Brief {n:02d}", published_at=now - timedelta(hours=n + 1))
    first = client.get("/articles/").content.decode()
    assert "Brief 00" in first
    assert "Brief 11" in first
    assert "Brief 12" not in first
    assert 'href="?page=2"' in first
    assert "Brief 12" in client.get("/articles/?page=2").content.decode()


def test_titles_and_summaries_are_escaped(client):
    article = make_article(title="<script>alert(1)</script>", summary="<b>bold</b>")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
