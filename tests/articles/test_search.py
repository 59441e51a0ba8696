"""Search: ranking, accents, filters, what is public, hostile input, query budget."""

from datetime import timedelta

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, Authorship
from articles.search.forms import SearchForm
from articles.search.query import MAX_QUERY_LENGTH, START, STOP, clean_query_text, parse_query
from articles.search.results import excerpt_window, marked, matching, planned_for_search
from tests.factories import UNPUBLISHED, make_article, make_author, make_category

pytestmark = pytest.mark.django_db

only_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the stored tsvector, its GIN index and the unaccent configuration exist only on PostgreSQL",
)
only_sqlite = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the FTS5 table exists only on SQLite"
)


def found(query: str, **filters) -> list[str]:
    """Slugs of the published briefs matching `query`, best first."""
    briefs = Article.objects.published().filter(**filters)
    with planned_for_search():
        return list(matching(briefs, parse_query(query)).values_list("slug", flat=True))


def result_titles(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [h.get_text() for h in soup.select(".search-result__title")]


# -- Ranking ---------------------------------------------------------------------------


def test_a_title_match_ranks_above_a_body_only_match():
    now = timezone.now()
    make_article(
        slug="body-only",
        title="Notes on grids",
        body="<p>Why hydrogen needs ports. Hydrogen, hydrogen, hydrogen.</p>",
        published_at=now - timedelta(hours=1),
    )
    make_article(
        slug="in-title",
        title="Green hydrogen for Europe",
        body="<p>Something else entirely.</p>",
        published_at=now - timedelta(days=30),
    )
    assert found("hydrogen") == ["in-title", "body-only"]


def test_a_summary_match_ranks_above_a_body_only_match():
    now = timezone.now()
    make_article(slug="body", body="<p>About lithium.</p>", published_at=now - timedelta(hours=1))
    make_article(
        slug="summary", summary="Lithium supply chains.", published_at=now - timedelta(days=9)
    )
    assert found("lithium") == ["summary", "body"]


def test_tags_and_author_names_are_searchable():
    make_article(slug="tagged", tags=["Critical minerals"])
    make_article(slug="by-ana", authors=[make_author(name="Ana Gonçalves")])
    make_article(slug="other")
    assert found("minerals") == ["tagged"]
    assert found("goncalves") == ["by-ana"]


def test_every_word_must_match_and_or_accepts_either():
    make_article(slug="solar", title="Solar auctions")
    make_article(slug="wind", title="Wind auctions")
    assert found("solar auctions") == ["solar"]
    assert sorted(found("solar or wind")) == ["solar", "wind"]
    assert found("auctions -wind") == ["solar"]


def test_a_quoted_phrase_must_appear_as_written():
    make_article(slug="phrase", body="<p>The digital alliance between regions.</p>")
    make_article(slug="apart", body="<p>A digital plan and an alliance of cities.</p>")
    assert found('"digital alliance"') == ["phrase"]
    assert sorted(found("digital alliance")) == ["apart", "phrase"]


# -- Accents, Spanish and Portuguese ------------------------------------------------------


@pytest.mark.parametrize("query", ["São Paulo", "Sao Paulo", "SAO PAULO", "são paulo", "sao"])
def test_accents_and_case_do_not_matter(query):
    make_article(slug="sp", title="Energy storage in São Paulo")
    make_article(slug="other", title="Energy storage in Lisbon")
    assert found(query) == ["sp"]


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("Transição energética no Brasil", "transicao energetica"),
        ("Ação climática já", "acao"),
        ("Inversión en energía limpia", "inversion energia"),
        ("Cooperación con Bogotá", "cooperacion bogota"),
        ("Sao Paulo without accents", "São Paulo"),
        ("Müller über Straßenbahnen", "muller"),
    ],
)
def test_spanish_and_portuguese_words_are_found_with_or_without_accents(text, query):
    make_article(slug="match", title=text)
    make_article(slug="other", title="Something unrelated")
    assert found(query) == ["match"]


@only_postgres
def test_postgres_stores_unaccented_vectors_and_searches_through_the_gin_index():
    article = make_article(title="Ação climática em São Paulo", body="<p>Energia limpa.</p>")
    vector, rank_vector = Article.objects.filter(pk=article.pk).values_list(
        "search_vector", "search_rank_vector"
    )[0]
    assert "'sao':" in vector
    assert "'acao':" in vector
    assert "'energia':" in vector
    assert "'energia':" not in rank_vector  # the body only decides what matches
    with planned_for_search():
        plan = matching(Article.objects.all(), parse_query("energia")).explain()
    assert "article_search_idx" in plan


@only_sqlite
@pytest.mark.parametrize(
    "query", ["lithium or cobalt", '"cobalt supply"', "cobalt -nickel", "supply cobalt"]
)
def test_on_sqlite_any_word_or_phrase_of_the_query_in_the_title_puts_a_brief_first(query):
    now = timezone.now()
    make_article(
        slug="body-heavy",
        title="Notes on the grid",
        summary="Lithium and cobalt supply. " * 8,
        body="<p>" + "Lithium and cobalt supply. " * 20 + "</p>",
        published_at=now - timedelta(hours=1),
    )
    make_article(
        slug="in-title",
        title="Cobalt supply in the Andes",
        summary="A note.",
        body="<p>Something else entirely about lithium.</p>",
        published_at=now - timedelta(days=30),
    )
    assert found(query)[0] == "in-title"


@only_sqlite
def test_sqlite_keeps_one_full_text_row_per_brief():
    article = make_article(title="First title", tags=["grids"])
    article.title = "Second title"
    article.save()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT title, extra FROM articles_search_fts WHERE rowid = %s", [article.pk]
        )
        assert cursor.fetchall() == [("Second title", "grids")]


# -- Keeping the index current ----------------------------------------------------------


def test_saving_a_brief_updates_the_index():
    article = make_article(title="Offshore wind")
    article.title = "Geothermal heat"
    article.save()
    assert found("geothermal") == [article.slug]
    assert found("offshore") == []


def test_changing_tags_updates_the_index():
    article = make_article()
    article.tags.add("Heat pumps")
    assert found("pumps") == [article.slug]
    article.tags.set(["Battery storage"])
    assert found("pumps") == []
    assert found("battery") == [article.slug]
    article.tags.clear()
    assert found("battery") == []


def test_changing_authors_updates_the_index():
    author = make_author(name="Ingrid Nielsen")
    article = make_article(authors=[author])
    assert found("nielsen") == [article.slug]
    author.name = "Ingrid Sánchez"
    author.save()
    assert found("nielsen") == []
    assert found("sanchez") == [article.slug]
    Authorship.objects.get(article=article).delete()
    assert found("sanchez") == []


def test_briefs_written_in_bulk_are_indexed_and_the_rebuild_command_redoes_it(capsys):
    Article.objects.bulk_create(
        [
            Article(
                title="Bulk imported hydrogen brief",
                slug="bulk",
                status=Article.Status.PUBLISHED,
                published_at=timezone.now() - timedelta(hours=1),
            )
        ]
    )
    assert found("hydrogen") == ["bulk"]
    call_command("rebuild_search_index")
    assert "Indexed 1 briefs." in capsys.readouterr().out
    assert found("hydrogen") == ["bulk"]


# -- Only published briefs ----------------------------------------------------------------


@pytest.mark.parametrize("overrides", UNPUBLISHED.values(), ids=UNPUBLISHED.keys())
def test_unpublished_briefs_are_never_found(client, overrides):
    topic = make_category(slug="energy")
    make_article(
        title="Confidential zeppelin plan", category=topic, tags=["zeppelins"], **overrides
    )
    make_article(title="Public zeppelin plan", category=topic, tags=["zeppelins"])
    for params in [{"q": "zeppelin"}, {"q": "zeppelin", "topic": "energy", "tag": "zeppelins"}]:
        response = client.get("/search/", params)
        assert response.status_code == 200
        assert result_titles(response) == ["Public zeppelin plan"]
        assert "Confidential" not in response.content.decode()


def test_a_scheduled_brief_is_found_once_its_time_has_come():
    article = make_article(title="Tidal energy", published_at=timezone.now() + timedelta(hours=2))
    assert found("tidal") == []
    with time_machine.travel(timezone.now() + timedelta(hours=3)):
        assert found("tidal") == [article.slug]


# -- The page ------------------------------------------------------------------------------


def test_results_are_highlighted_and_everything_else_is_escaped(client):
    make_article(
        title="<b>Hydrogen</b> & <script>alert(1)</script>",
        summary="Hydrogen <i>valleys</i>",
        body="<p>Ports matter. Green hydrogen &amp; ammonia &lt;script&gt;.</p>",
    )
    response = client.get("/search/", {"q": "hydrogen"})
    html = response.content.decode()
    soup = BeautifulSoup(html, "html.parser")
    result = soup.select_one(".search-result")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;b&gt;<mark>Hydrogen</mark>&lt;/b&gt;" in html
    assert [m.get_text() for m in result.select(".search-result__title mark")] == ["Hydrogen"]
    assert result.select_one(".search-result__summary mark").get_text() == "Hydrogen"
    excerpt = result.select_one(".search-result__excerpt")
    assert excerpt.select_one("mark").get_text().lower() == "hydrogen"
    assert "&amp; ammonia" in str(excerpt)
    assert not excerpt.select("script")
    assert {tag.name for tag in result.select(".search-result__title *")} <= {"a", "mark"}


def test_filters_by_topic_and_tag(client):
    energy = make_category(name="Energy", slug="energy")
    digital = make_category(name="Digital", slug="digital")
    make_article(title="Grid plan A", category=energy, tags=["grids"])
    make_article(title="Grid plan B", category=digital, tags=["grids"])
    make_article(title="Grid plan C", category=energy, tags=["storage"])
    assert sorted(result_titles(client.get("/search/", {"q": "grid"}))) == [
        "Grid plan A",
        "Grid plan B",
        "Grid plan C",
    ]
    topic = client.get("/search/", {"q": "grid", "topic": "energy"})
    assert sorted(result_titles(topic)) == ["Grid plan A", "Grid plan C"]
    assert 'value="energy" selected' in topic.content.decode()
    tag = client.get("/search/", {"q": "grid", "tag": "grids"})
    assert sorted(result_titles(tag)) == ["Grid plan A", "Grid plan B"]
    both = client.get("/search/", {"q": "grid", "topic": "energy", "tag": "grids"})
    assert result_titles(both) == ["Grid plan A"]
    assert f'value="{digital.slug}"' in both.content.decode()  # every topic is offered


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "grid", "topic": "no-such-topic"}, "There is no topic"),
        ({"q": "grid", "tag": "no-such-tag"}, "There is no tag"),
        ({"q": "x" * (MAX_QUERY_LENGTH + 1)}, "characters or fewer"),
    ],
)
def test_bad_filters_or_a_long_query_answer_400_with_a_reason(client, params, message):
    make_category(slug="energy")
    response = client.get("/search/", params)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert 'role="alert"' in response.content.decode()


def test_pagination_keeps_the_query_and_filters_and_a_bad_page_is_404(client):
    topic = make_category(slug="energy")
    for n in range(14):
        make_article(title=f"Battery brief {n}", category=topic)
    first = client.get("/search/", {"q": "battery", "topic": "energy"})
    html = first.content.decode()
    assert len(result_titles(first)) == 12
    assert 'href="?q=battery&amp;topic=energy&amp;page=2"' in html
    second = client.get("/search/", {"q": "battery", "topic": "energy", "page": "2"})
    assert len(result_titles(second)) == 2
    assert "page 2" in BeautifulSoup(second.content, "html.parser").title.get_text()
    for page in ["3", "0", "abc", "-1", "99999999"]:
        assert client.get("/search/", {"q": "battery", "page": page}).status_code == 404


def test_no_results_page_offers_suggestions_and_keeps_the_query(client):
    make_category(name="Climate Finance", slug="climate-finance")
    make_article(tags=["Green bonds"])
    response = client.get("/search/", {"q": 'zzyzx "quoted"'})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert "No briefs match" in soup.select_one(".search-empty h2").get_text()
    assert soup.select_one("#search-q")["value"] == 'zzyzx "quoted"'
    links = {a["href"] for a in soup.select(".search-suggestions a")}
    assert "/topics/climate-finance/" in links
    assert "/tags/green-bonds/" in links
    assert "Check the spelling" in response.content.decode()


def test_an_empty_search_shows_the_form_and_topics(client):
    make_category(name="Urban Mobility", slug="urban-mobility")
    response = client.get("/search/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("form[role=search] input[name=q]")
    assert soup.select_one("label[for=search-q]")
    assert not soup.select(".search-result")
    assert "/topics/urban-mobility/" in {a["href"] for a in soup.select(".search-suggestions a")}


def test_the_search_page_is_not_indexed_by_search_engines(client):
    html = client.get("/search/", {"q": "grid"}).content.decode()
    assert '<meta name="robots" content="noindex, follow">' in html


HOSTILE_QUERIES = [
    "",
    "   ",
    "a" * 10_240,
    "energy\x00",
    "\x00",
    "\ud800energy",
    "\udfff",
    "'; DROP TABLE articles_article; --",
    "1' OR '1'='1",
    "&|!():*",
    "energy:*",
    "energy & !grid | (a <-> b)",
    "!!! ??? ...",
    "\\",
    "'",
    '"',
    '"unclosed phrase',
    '""',
    "-",
    "-energy",
    "or",
    "or or energy or",
    "NEAR(energy grid)",
    "energy AND grid NOT x",
    "{title}: energy",
    "title:energy",
    "*",
    "energy*",
    "^energy",
    "ｅｎｅｒｇｙ",
    "e\u0301nergy",
    "\u200b\u200d\ufeff",
    "энергия",
    "طاقة",
    "能源 エネルギー",
    "🔋⚡",
    "\U0010ffff",
    "\u202eygrene",
    "word " * 40,
    "%00",
    "%s %d {} {0}",
    "<script>alert(1)</script>",
]


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_any_query_answers_200_or_400_never_500(client, query):
    make_article(title="Energy grid", tags=["energy"])
    if any("\ud800" <= char <= "\udfff" for char in query):
        # A lone surrogate cannot travel in a URL; the form must still cope with one.
        form = SearchForm({"q": query})
        assert form.is_valid()
        assert form.cleaned_data["q"] in {"", "energy"}
        return
    response = client.get("/search/", {"q": query})
    assert response.status_code in {200, 400}
    assert "<script>alert(1)</script>" not in response.content.decode()


@pytest.mark.parametrize(
    "raw", ["q=%ED%A0%80", "q=%FF%FE", "q=%00", "q=%C0%AF", "q=a&q=b", "q[]=x", "topic=%00"]
)
def test_undecodable_query_strings_answer_200_or_400(client, raw):
    response = client.get(f"/search/?{raw}")
    assert response.status_code in {200, 400}


def test_full_width_letters_find_the_plain_word():
    make_article(slug="energy", title="Energy")
    assert found("ｅｎｅｒｇｙ") == ["energy"]


def test_search_answers_in_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    topic = make_category(slug="energy")
    author = make_author()
    make_article(title="Solar one", category=topic, authors=[author], tags=["solar"])
    client.get("/search/", {"q": "solar"})  # fill the cached navigation and tag lists
    with CaptureQueriesContext(connection) as one:
        client.get("/search/", {"q": "solar", "topic": "energy", "tag": "solar"})
    for n in range(20):
        make_article(
            title=f"Solar {n}", category=topic, authors=[author, make_author()], tags=["solar"]
        )
    client.get("/search/", {"q": "solar"})
    with CaptureQueriesContext(connection) as many:
        response = client.get("/search/", {"q": "solar", "topic": "energy", "tag": "solar"})
    assert len(result_titles(response)) == 12
    assert len(many) == len(one)
    # Topics, the tag, count, page, authors, highlights; on PostgreSQL also the
    # savepoint, planner setting and release around the search.
    with django_assert_max_num_queries(9):
        client.get("/search/", {"q": "solar", "topic": "energy", "tag": "solar"})


# -- Reading the query -------------------------------------------------------------------------


def test_queries_are_parsed_into_words_phrases_alternatives_and_exclusions():
    query = parse_query('green "hydrogen valley" or ports -nuclear & !!')
    assert query.groups == (("green",), ("hydrogen valley", "ports"))
    assert query.excluded == ("nuclear",)
    assert not parse_query("&|!():* -- or")
    assert not parse_query("-only -excluded")
    assert len(parse_query("word " * 100).groups) == 16


def test_query_terms_are_always_quoted_for_the_database():
    query = parse_query("it's a\\b \"x'y\" O'Brien:* -c")
    assert query.to_tsquery() == ("('it''s') & ('a\\\\b') & ('x''y') & ('O''Brien:*') & !'c'")
    assert (
        parse_query('say "a ""b"" c" end').to_fts5()
        == '("say") AND ("a") AND ("b") AND ("c") AND ("end")'
    )
    assert parse_query('ab"cd -"e f"').to_fts5() == '(("ab""cd")) NOT ("e f")'


def test_the_search_box_is_cleaned_before_its_length_is_checked():
    assert clean_query_text("  a\x00b\tc\u200b\n  ｄ ") == "ab c d"
    form = SearchForm({"q": " " * 500 + "energy" + "\x00" * 500})
    assert form.is_valid()
    assert form.cleaned_data["q"] == "energy"


def test_marks_are_balanced_and_text_is_escaped():
    assert marked(f"a {START}<b>{STOP} c") == "a <mark>&lt;b&gt;</mark> c"
    assert marked(f"{STOP}x{START}{START}y") == "x<mark>y</mark>"
    assert marked(None) == ""


def test_the_excerpt_is_cut_around_the_first_matching_word():
    text = "Lorem ipsum " * 30 + "the port of São Paulo is busy. " + "dolor sit " * 40
    window = excerpt_window(text, parse_query("sao"))
    assert "São Paulo" in window
    assert len(window) < 300
    assert excerpt_window(text, parse_query("zzz")) == ""


def test_a_title_changed_by_a_bulk_update_is_found_at_once():
    make_article(title="Grid brief", slug="grid")
    Article.objects.filter(slug="grid").update(title="Interconnector brief")
    assert found("interconnector") == ["grid"]
    assert found("grid") == []


def test_renaming_a_tag_or_an_author_is_found_at_once():
    author = make_author(name="Ana Lima")
    make_article(slug="tagged", tags=["grids"], authors=[author])
    tag = Tag.objects.get(name="grids")
    tag.name = "interconnectors"
    tag.save()
    author.name = "Beatriz Souza"
    author.save()
    assert found("interconnectors") == ["tagged"]
    assert found("beatriz") == ["tagged"]
