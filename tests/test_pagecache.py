"""Anonymous readers get cached pages that are never stale, staff never do."""

import re
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.middleware.csrf import _check_token_format, _unmask_cipher_token
from django.test import Client
from django.utils import timezone
from taggit.models import Tag

from articles.editorial import workflow
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
    workflow.publish(draft)
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


# The cache-hit path (CachedPageMiddleware)

SAME_ON_HIT_AND_MISS_EXCEPT = {"ETag", "X-Page-Cache", "Content-Length"}


def test_a_cached_page_has_exactly_the_headers_and_cookie_of_a_fresh_one(settings):
    settings.SECURE_HSTS_SECONDS = 3600
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    settings.CSRF_COOKIE_SECURE = True
    article = make_article()
    miss = Client().get(article.get_absolute_url(), secure=True)
    hit = Client().get(article.get_absolute_url(), secure=True)
    assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
    assert set(miss.headers) == set(hit.headers)
    for name in set(miss.headers) - SAME_ON_HIT_AND_MISS_EXCEPT:
        assert hit[name] == miss[name], name
    for name in (
        "Strict-Transport-Security",
        "Content-Security-Policy",
        "X-Frame-Options",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Cross-Origin-Opener-Policy",
    ):
        assert hit[name], name
    miss_cookie, hit_cookie = miss.cookies["csrftoken"], hit.cookies["csrftoken"]
    assert miss_cookie.value != hit_cookie.value
    assert dict(miss_cookie.items()) == dict(hit_cookie.items())


def test_a_cache_hit_makes_no_query(client, django_assert_num_queries):
    article = make_article()
    fetch(client, article.get_absolute_url())
    with django_assert_num_queries(0):
        assert fetch(Client(), article.get_absolute_url())["X-Page-Cache"] == "hit"


def test_the_signup_form_on_a_cached_page_shows_when_it_was_served(client):
    from django.core import signing

    from publicforms.forms import STARTED_SALT

    article = make_article()
    served_at = timezone.now()
    with time_machine.travel(served_at, tick=False):
        fetch(client, article.get_absolute_url())
    with time_machine.travel(served_at + timedelta(seconds=90), tick=False):
        response = fetch(Client(), article.get_absolute_url())
    assert response["X-Page-Cache"] == "hit"
    stamps = re.findall(r'name="started" value="([^"]+)"', response.content.decode())
    assert stamps
    for stamp in stamps:
        shown_at = signing.loads(stamp, salt=STARTED_SALT)
        assert shown_at == pytest.approx((served_at + timedelta(seconds=90)).timestamp(), abs=1)


def test_a_revalidation_from_another_reader_gets_the_whole_page():
    article = make_article()
    first = Client()
    etag = fetch(first, article.get_absolute_url())["ETag"]
    assert first.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=etag).status_code == 304
    other = Client()
    fetch(other, "/")  # a CSRF cookie of its own
    assert other.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_a_made_up_etag_is_never_answered_with_304():
    article = make_article()
    client = Client()
    fetch(client, article.get_absolute_url())
    response = client.get(
        article.get_absolute_url(), HTTP_IF_NONE_MATCH='W/"0123456789abcdef01234567"'
    )
    assert response.status_code == 200


def test_a_304_carries_the_security_headers_of_the_page(settings):
    settings.SECURE_HSTS_SECONDS = 3600
    article = make_article()
    client = Client()
    page = client.get(article.get_absolute_url(), secure=True)
    response = client.get(article.get_absolute_url(), secure=True, HTTP_IF_NONE_MATCH=page["ETag"])
    assert response.status_code == 304
    for name in ("Strict-Transport-Security", "Content-Security-Policy", "X-Frame-Options", "ETag"):
        assert response[name] == page[name], name


def test_other_methods_and_other_pages_never_come_from_the_cache(client):
    article = make_article()
    fetch(client, article.get_absolute_url())
    assert Client().post(article.get_absolute_url()).status_code == 405
    assert "X-Page-Cache" not in Client().get("/feed/")
    assert "X-Page-Cache" not in Client().get("/search/?q=brief")


def test_a_head_request_is_served_from_the_cache(client):
    article = make_article()
    fetch(client, article.get_absolute_url())
    response = Client().head(article.get_absolute_url())
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "hit"


def test_clearpagecache_makes_every_page_again(client):
    from django.core.management import call_command

    article = make_article()
    fetch(client, article.get_absolute_url())
    call_command("clearpagecache", stdout=StringIO())
    assert fetch(Client(), article.get_absolute_url())["X-Page-Cache"] == "miss"


def _counter() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT counter FROM pagecache_contentversion WHERE id = 1")
        return cursor.fetchone()[0]


def test_clearpagecache_tells_every_process_through_the_database():
    from django.core.management import call_command

    before = _counter()
    call_command("clearpagecache", stdout=StringIO())
    assert _counter() == before + 1


def test_the_database_raises_the_counter_on_writes_no_signal_sees():
    from django.db import connection

    article = make_article()
    before = _counter()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE articles_article SET title = 'Raw' WHERE id = %s", [article.pk])
    assert _counter() > before
    Article.objects.filter(pk=article.pk).update(is_featured=True)
    Tag.objects.filter(name="nothing").update(name="still nothing")  # no row: no change
    after_bulk = _counter()
    assert after_bulk > before


def test_a_write_this_process_did_not_make_shows_after_the_poll(client, settings):
    from django.db import connection

    settings.STATEUP_CONTENT_POLL_SECONDS = 0
    article = make_article(title="Before")
    assert "Before" in fetch(client, article.get_absolute_url()).content.decode()
    assert fetch(Client(), article.get_absolute_url())["X-Page-Cache"] == "hit"
    # As another process would: straight to the database, no signal in this one.
    with connection.cursor() as cursor:
        cursor.execute("UPDATE articles_article SET title = 'After' WHERE id = %s", [article.pk])
    response = fetch(Client(), article.get_absolute_url())
    assert response["X-Page-Cache"] == "miss"
    assert "After" in response.content.decode()


def test_a_new_release_retires_every_page_the_old_code_made(client, settings, monkeypatch):
    from pagecache import version

    article = make_article()
    fetch(client, article.get_absolute_url())
    assert fetch(Client(), article.get_absolute_url())["X-Page-Cache"] == "hit"
    monkeypatch.setattr(version, "_release", None)
    settings.STATEUP_RELEASE = "2026-12-07.2"
    version.forget()
    assert version.release() == "2026-12-07.2"
    assert fetch(Client(), article.get_absolute_url())["X-Page-Cache"] == "miss"


def test_without_a_release_name_the_code_itself_names_the_release(settings, monkeypatch, tmp_path):
    from pagecache import version

    settings.STATEUP_RELEASE = ""
    (tmp_path / "app.py").write_text("A = 1\n")
    (tmp_path / "page.html").write_text("<p>one</p>")
    first = version._digest_of(tmp_path)
    (tmp_path / "page.html").write_text("<p>two</p>")
    assert version._digest_of(tmp_path) != first


def test_the_fast_csrf_token_is_one_django_accepts_and_each_is_different():
    from django.middleware.csrf import CSRF_ALLOWED_CHARS, _check_token_format
    from django.test import RequestFactory

    from pagecache import csrf

    request = RequestFactory().get("/")
    first, second = csrf.get_token(request), csrf.get_token(request)
    for token in (first, second):
        _check_token_format(token)
        assert _unmask_cipher_token(token) == request.META["CSRF_COOKIE"]
    assert first != second
    assert request.META["CSRF_COOKIE_NEEDS_UPDATE"] is True
    # Every character is drawn from the whole alphabet, none favoured.
    drawn = csrf.random_string(62 * 400)
    counts = [drawn.count(char) for char in CSRF_ALLOWED_CHARS]
    assert min(counts) > 250
    assert max(counts) < 550


def test_a_form_posted_from_a_cached_page_passes_the_csrf_check():
    make_article()
    Client().get("/")
    client = Client(enforce_csrf_checks=True)
    page = fetch(client, "/")
    assert page["X-Page-Cache"] == "hit"
    token = TOKEN.search(page.content.decode()).group(1)
    response = client.post(
        "/newsletter/signup/",
        {"csrfmiddlewaretoken": token, "email": "reader@example.org", "consent": "on"},
    )
    assert response.status_code != 403
