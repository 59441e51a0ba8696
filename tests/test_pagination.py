"""Lists of briefs: every page, however deep, shows what OFFSET would, and bad pages are 404."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from articles.models import Article
from pagecache import pagination
from tests.factories import make_article, make_category

pytestmark = pytest.mark.django_db(transaction=True)
TITLE = re.compile(r'<h2 class="card__title"><a href="[^"]+">([^<]+)</a>')


@pytest.fixture(autouse=True)
def deep_pages_from_page_2(monkeypatch, settings):
    settings.STATEUP_PAGE_CACHE = False
    monkeypatch.setattr(pagination, "SHALLOW_PAGES", 1)


def titles(url: str) -> list[str]:
    response = Client().get(url)
    assert response.status_code == 200, url
    return TITLE.findall(response.content.decode())


def expected(briefs, page: int) -> list[str]:
    ordered = briefs.order_by("-published_at", "-pk").values_list("title", flat=True)
    return list(ordered[(page - 1) * 12 : page * 12])


def test_deep_pages_show_what_offset_would_even_with_equal_publish_times():
    topic = make_category(slug="grid")
    now = timezone.now()
    for n in range(40):
        # Groups of five briefs published at the same moment: ties are broken by id.
        make_article(category=topic, published_at=now - timedelta(hours=1 + n // 5))
    make_article(status=Article.Status.DRAFT, published_at=None)
    public = Article.objects.published()
    for page in (1, 2, 3, 4):
        assert titles(f"/articles/?page={page}") == expected(public, page)
        assert titles(f"/topics/grid/?page={page}") == expected(public.filter(category=topic), page)


def test_a_page_past_the_last_or_not_a_number_is_404():
    for _ in range(13):
        make_article()
    client = Client()
    assert client.get("/articles/?page=2").status_code == 200
    for page in ("3", "0", "-1", "x", "1.5", "9999999"):
        assert client.get(f"/articles/?page={page}").status_code == 404, page


def test_deep_pages_follow_a_new_brief_at_once():
    for n in range(25):
        make_article(published_at=timezone.now() - timedelta(hours=2 + n))
    before = titles("/articles/?page=2")
    make_article(title="Just out", published_at=timezone.now() - timedelta(minutes=1))
    after = titles("/articles/?page=2")
    assert after != before
    assert after == expected(Article.objects.published(), 2)
    assert titles("/articles/?page=3") == expected(Article.objects.published(), 3)
