"""Anonymous readers get cached pages that are never stale, staff never do."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.middleware.csrf import _check_token_format, _unmask_cipher_token
from django.test import Client
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article
from tests.factories import make_article, make_author, make_category

pytestmark = pytest.mark.django_db(transaction=True)

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"')


def fetch(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200, url
    return response


def test_a_second_anonymous_visit_is_served_from_the_cache(client):
    article = make_article()
    assert fetch(client, article.get_absolute_url())["X-Page-Cache"] == "miss"
    assert fetch(Client(), article.get_absolute_url())["X-Page-Cache"] == "hit"


def test_each_reader_gets_a_csrf_token_of_their_own_from_a_cached_page():
    make_article()
    first, second = Client(), Client()
    fetch(first, "/")
    response = fetch(second, "/")
    assert response["X-Page-Cache"] == "hit"
    token = TOKEN.search(response.content.decode()).group(1)
    _check_token_format(token)
    cookie_secret = response.cookies["csrftoken"].value
    assert _unmask_cipher_token(token) == cookie_secret
    assert "__stateup_csrf_token__" not in response.content.decode()


def test_publishing_shows_at_once_on_every_list(client):
    topic = make_category()
    author = make_author()
    draft = make_article(
        category=topic,
        authors=[author],
        tags=["grid"],
        status=Article.Status.DRAFT,
        published_at=None,
    )
    pages = ["/", "/articles/", topic.get_absolute_url(), "/tags/grid/", author.get_absolute_url()]
    for url in pages:
        client.get(url)  # the tag page is a 404 while only a draft carries the tag
    draft.publish()
    for url in pages:
        assert draft.title in fetch(Client(), url).content.decode(), url


def test_unpublishing_removes_the_brief_at_once(client):
    article = make_article()
    fetch(client, "/articles/")
    fetch(client, article.get_absolute_url())
    article.status = Article.Status.DRAFT
    article.save()
    assert article.title not in fetch(Client(), "/articles/").content.decode()
    assert Client().get(article.get_absolute_url()).status_code == 404


def test_renaming_a_topic_shows_on_the_brief_page(client):
    topic = make_category(name="Trade")
    article = make_article(category=topic)
    fetch(client, article.get_absolute_url())
    topic.name = "Trade and Investment"
    topic.save()
    assert "Trade and Investment" in fetch(Client(), article.get_absolute_url()).content.decode()


def test_renaming_a_tag_or_an_author_shows_on_the_brief_page(client):
    author = make_author(name="Ana Lima")
    article = make_article(authors=[author], tags=["hydrogen"])
    fetch(client, article.get_absolute_url())
    tag = Tag.objects.get(slug="hydrogen")
    tag.name = "Green hydrogen"
    tag.save()
    author.name = "Ana Lima Souza"
    author.save()
    html = fetch(Client(), article.get_absolute_url()).content.decode()
    assert "Green hydrogen" in html
    assert "Ana Lima Souza" in html


def test_adding_a_tag_shows_on_the_brief_page(client):
    article = make_article()
    fetch(client, article.get_absolute_url())
    article.tags.add("critical minerals")
    assert "critical minerals" in fetch(Client(), article.get_absolute_url()).content.decode()


def test_a_scheduled_brief_appears_on_cached_lists_when_its_time_comes(client):
    make_article(title="Already out")
    soon = timezone.now() + timedelta(minutes=5)
    make_article(title="Coming soon", published_at=soon)
    assert "Coming soon" not in fetch(client, "/articles/").content.decode()
    with time_machine.travel(soon + timedelta(seconds=1)):
        assert "Coming soon" in fetch(Client(), "/articles/").content.decode()


def test_staff_are_never_served_from_the_cache(client, staff_client):
    article = make_article()
    fetch(client, article.get_absolute_url())
    response = fetch(staff_client, article.get_absolute_url())
    assert "X-Page-Cache" not in response


def test_a_reader_with_a_flash_message_is_not_served_from_the_cache(client):
    article = make_article()
    fetch(client, article.get_absolute_url())
    other = Client()
    other.cookies["messages"] = "anything"
    assert "X-Page-Cache" not in fetch(other, article.get_absolute_url())


def test_unknown_query_parameters_bypass_the_cache(client):
    make_article()
    fetch(client, "/articles/?utm_source=x")
    assert "X-Page-Cache" not in fetch(Client(), "/articles/?utm_source=x")


def test_pages_are_private_to_the_browser_and_revalidated():
    response = fetch(Client(), "/")
    assert "private" in response["Cache-Control"]
    assert "no-cache" in response["Cache-Control"]
    assert response["ETag"]
    assert response["Last-Modified"]


def test_a_revalidation_answers_304_until_the_content_changes():
    article = make_article()
    client = Client()
    etag = fetch(client, article.get_absolute_url())["ETag"]
    response = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    article.title = "A new title"
    article.save()
    response = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert "A new title" in response.content.decode()


def test_the_page_cache_can_be_turned_off(client, settings):
    settings.STATEUP_PAGE_CACHE = False
    make_article()
    fetch(client, "/articles/")
    assert "X-Page-Cache" not in fetch(Client(), "/articles/")
