"""Cards, related briefs and counts kept per content version are never stale, cache on or off."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article, make_author, make_category

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True, params=[False, True], ids=["page cache off", "page cache on"])
def page_cache(request, settings):
    settings.STATEUP_PAGE_CACHE = request.param


def html(url: str) -> str:
    response = Client().get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_renaming_an_author_shows_on_every_card_at_once():
    topic = make_category()
    author = make_author(name="Ana Lima", slug="ana")
    article = make_article(category=topic, authors=[author], tags=["grid"])
    other = make_article(category=topic, tags=["grid"])
    pages = ["/", "/articles/", topic.get_absolute_url(), "/tags/grid/", "/authors/ana/"]
    pages.append(other.get_absolute_url())  # `article` is among its related briefs
    for url in pages:
        assert "Ana Lima" in html(url), url
    author.name = "Ana Lima Souza"
    author.save()
    for url in pages:
        assert "Ana Lima Souza" in html(url), url
    assert article.title in html("/articles/")


def test_editing_a_title_changes_its_card_everywhere():
    topic = make_category()
    article = make_article(category=topic, tags=["grid"], title="Old title")
    other = make_article(category=topic, tags=["grid"])
    pages = ["/", "/articles/", topic.get_absolute_url(), "/tags/grid/", other.get_absolute_url()]
    for url in pages:
        assert "Old title" in html(url), url
    article.title = "New title"
    article.save()
    for url in pages:
        page = html(url)
        assert "New title" in page, url
        assert "Old title" not in page, url


def test_publishing_and_unpublishing_change_lists_counts_and_related_briefs():
    topic = make_category()
    shown = make_article(category=topic, tags=["grid"])
    draft = make_article(
        category=topic, tags=["grid"], status=Article.Status.DRAFT, published_at=None
    )
    assert "1 brief" in html("/articles/")
    assert draft.title not in html(shown.get_absolute_url())
    draft.status, draft.published_at = (
        Article.Status.PUBLISHED,
        timezone.now() - timedelta(minutes=1),
    )
    draft.save()
    assert "2 briefs" in html("/articles/")
    assert "2 briefs" in html(topic.get_absolute_url())
    assert "2 briefs" in html("/tags/grid/")
    assert draft.title in html(shown.get_absolute_url())
    draft.status = Article.Status.DRAFT
    draft.save()
    assert "1 brief" in html("/articles/")
    assert draft.title not in html(shown.get_absolute_url())
    assert draft.title not in html("/")


def test_a_card_is_rendered_once_for_every_page_that_shows_it(django_assert_num_queries):
    topic = make_category()
    for _ in range(3):
        make_article(category=topic, tags=["grid"])
    html("/articles/")
    # The topic page shows the same cards: it reads the topic, its count and its ids,
    # and no brief, topic or author behind a card.
    with django_assert_num_queries(3):
        assert Client().get(topic.get_absolute_url()).status_code == 200


def test_a_shared_preview_never_lends_its_address_to_the_public_page(staff_user):
    from articles.editorial.previews import create_preview_link

    article = make_article(authors=[make_author()])
    link = create_preview_link(article, by=staff_user)
    preview = html(link.get_absolute_url())
    token = link.get_absolute_url().rstrip("/").rsplit("/", 1)[1]
    assert token in preview
    public = html(article.get_absolute_url())
    assert token not in public
    assert f'<link rel="canonical" href="http://testserver{article.get_absolute_url()}">' in public


def test_the_head_of_a_brief_page_follows_its_address_and_origin():
    article = make_article(authors=[make_author()])
    plain = Client().get(article.get_absolute_url()).content.decode()
    secure = Client().get(article.get_absolute_url(), secure=True).content.decode()
    assert f'href="http://testserver{article.get_absolute_url()}"' in plain
    assert f'href="https://testserver{article.get_absolute_url()}"' in secure


def test_renaming_a_topic_shows_in_the_navigation_and_on_the_home_page():
    topic = make_category(name="Trade")
    make_article(category=topic)
    assert html("/").count(">Trade<") >= 2  # the header's navigation and "Our topics"
    topic.name = "Trade and Investment"
    topic.save()
    page = html("/")
    assert ">Trade<" not in page
    assert page.count(">Trade and Investment<") >= 2


def test_tagging_a_brief_or_adding_an_author_shows_on_their_pages_at_once():
    author = make_author(slug="ana")
    first = make_article(tags=["grid"], authors=[author])
    second = make_article()
    assert second.title not in html("/tags/grid/")
    assert second.title not in html("/authors/ana/")
    second.tags.add("grid")
    from articles.models import Authorship

    Authorship.objects.create(article=second, author=author)
    for url in ("/tags/grid/", "/authors/ana/"):
        page = html(url)
        assert first.title in page, url
        assert second.title in page, url
    assert "2 briefs" in html("/tags/grid/")


def test_kept_page_heads_and_pagination_belong_to_their_own_page():
    for _ in range(13):
        make_article()
    canonical = '<link rel="canonical" href="http://testserver{}">'
    assert canonical.format("/?page=3") in html("/?page=3")
    assert canonical.format("/") in html("/")
    second = html("/articles/?page=2")
    first = html("/articles/")
    assert canonical.format("/articles/?page=2") in second
    assert canonical.format("/articles/") in first
    assert 'rel="prev"' in second
    assert 'rel="prev"' not in first
    assert canonical.format("/articles/?page=2") in html("/articles/?page=2&utm_source=x")


def test_the_featured_brief_follows_every_change():
    older = make_article(title="Older brief", is_featured=True)
    make_article(title="Newest brief")
    assert "Older brief" in html("/").split('id="featured-title"')[1].split("</section>")[0]
    older.is_featured = False
    older.save()
    assert "Newest brief" in html("/").split('id="featured-title"')[1].split("</section>")[0]


def test_a_brief_page_follows_edits_to_its_authors_tags_and_links():
    from articles.models import RelatedLink

    author = make_author(name="Ana Lima")
    article = make_article(authors=[author], tags=["grid"])
    page = html(article.get_absolute_url())
    assert "Ana Lima" in page
    assert ">grid<" in page
    author.name = "Ana Lima Souza"
    author.save()
    article.tags.add("hydrogen")
    RelatedLink.objects.create(article=article, title="IEA outlook", url="https://iea.org/x")
    page = html(article.get_absolute_url())
    assert "Ana Lima Souza" in page
    assert ">hydrogen<" in page
    assert "IEA outlook" in page
    assert "Ana Lima Souza" in page.split("</head>")[0]  # citation_author, JSON-LD


def test_a_brief_seen_before_in_this_content_version_reads_nothing_from_the_database(
    settings, django_assert_num_queries
):
    settings.STATEUP_PAGE_CACHE = False
    article = make_article(authors=[make_author()], tags=["grid"])
    first = html(article.get_absolute_url())
    with django_assert_num_queries(0):
        second = html(article.get_absolute_url())
    token = re.compile(r'name="(?:csrfmiddlewaretoken|started)" value="[^"]+"')
    assert token.sub("", first) == token.sub("", second)


def _forms(page: str) -> list[tuple[str, str]]:
    return re.findall(r'name="(csrfmiddlewaretoken|started)" value="([^"]*)"', page)


def test_a_kept_footer_still_gets_each_reader_a_token_of_their_own():
    article = make_article()
    first, second = (html(article.get_absolute_url()) for _ in range(2))
    assert "__hole_" not in first + second
    tokens = []
    for page in (first, second):
        found = {value for name, value in _forms(page) if name == "csrfmiddlewaretoken"}
        assert len(found) == 1  # the brief's signup panel and the footer's share it
        tokens += found
    assert all(re.fullmatch(r"[A-Za-z0-9]{64}", token) for token in tokens)
    assert tokens[0] != tokens[1]  # each request masks its own


def test_the_kept_header_marks_the_page_it_is_on():
    first, second = make_category(name="Grids"), make_category(name="Minerals")
    make_article(category=first)
    make_article(category=second)
    for topic in (first, second, first):
        page = html(topic.get_absolute_url())
        current = re.findall(r'<a href="([^"]+)" aria-current="page">', page)
        assert current == [topic.get_absolute_url()]


def test_the_header_of_a_search_is_not_kept_for_its_address():
    from pagecache import fragments

    make_article()
    for query in ("grid", "lithium", "zzz"):
        Client().get("/search/", {"q": query})
    kept_addresses = [key for key in fragments._kept[1] if "header" in key or "footer" in key]
    assert not any("/search/" in str(key) for key in kept_addresses)
