"""The site in English, Spanish and Portuguese: URLs, lists, linked translations, cache."""

import json
import re
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from django.core import mail

from articles.models import Article
from newsletter.models import Subscriber
from tests.factories import make_article, make_author, make_category

pytestmark = pytest.mark.django_db


def html_lang(response) -> str:
    return BeautifulSoup(response.content, "html.parser").html["lang"]


def translated(original, language: str, **overrides) -> Article:
    """A published translation of `original` in `language`."""
    translation = original.translate(language)
    fields = {
        "slug": f"{original.slug}-{language}-version",
        "title": f"{language}: {original.title}",
        "status": Article.Status.PUBLISHED,
        "published_at": original.published_at,
    }
    fields.update(overrides)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save()
    return translation


@pytest.mark.parametrize(
    ("prefix", "language"), [("", "en"), ("/es", "es"), ("/pt", "pt")], ids=["en", "es", "pt"]
)
@pytest.mark.parametrize(
    "path", ["/", "/articles/", "/search/", "/newsletter/signup/", "/contact/", "/feed/"]
)
def test_every_public_page_exists_in_each_language_with_its_html_lang(
    client, prefix, language, path
):
    make_article(slug="a-brief")
    response = client.get(prefix + path)
    assert response.status_code == 200
    assert response["Content-Language"] == language
    if path != "/feed/":
        assert html_lang(response) == language


def test_spanish_pages_are_in_spanish_and_portuguese_in_brazilian_portuguese(client):
    make_article()
    assert "Todos los informes" in client.get("/es/articles/").content.decode()
    assert "Todas as notas" in client.get("/pt/articles/").content.decode()
    assert "Página no encontrada" in client.get("/es/no-such-page/").content.decode()


@pytest.mark.parametrize("path", ["/xx/", "/xx/articles/", "/en/articles/", "/zz-top/feed/"])
def test_an_unknown_language_prefix_is_a_normal_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert html_lang(response) == "en"


@pytest.mark.parametrize("path", ["/es-ar/", "/pt-br/articles/", "/pt_BR/", "/ES/"])
def test_a_regional_or_odd_prefix_is_a_404_too(client, path):
    # Django reads /es-ar/ as Spanish for the error page itself; no page lives there.
    assert client.get(path).status_code == 404


def test_a_brief_lives_under_its_own_language_only(client):
    original = make_article(slug="grids")
    spanish = translated(original, "es", slug="redes")
    assert client.get("/es/articles/redes/").status_code == 200
    for wrong in ("/articles/redes/", "/pt/articles/redes/"):
        response = client.get(wrong)
        assert (response.status_code, response["Location"]) == (301, "/es/articles/redes/")
    assert client.get("/es/articles/grids/")["Location"] == "/articles/grids/"
    assert spanish.get_absolute_url() == "/es/articles/redes/"


@pytest.mark.parametrize(
    "path", ["/{p}articles/", "/{p}", "/{p}topics/energy/", "/{p}tags/grids/", "/{p}authors/ana/"]
)
def test_lists_show_the_briefs_of_their_language(client, path):
    topic, author = make_category(slug="energy"), make_author(slug="ana")
    english = make_article(title="English brief", category=topic, authors=[author], tags=["grids"])
    translated(english, "es", title="Informe en español")
    for prefix, shown, hidden in [
        ("", "English brief", "Informe en"),
        ("es/", "Informe en", "English brief"),
    ]:
        page = client.get(path.format(p=prefix)).content.decode()
        assert shown in page
        assert hidden not in page


def test_a_brief_links_its_public_translations_with_hreflang_and_also_in(client):
    original = make_article(slug="grids")
    translated(original, "es", slug="redes")
    translated(original, "pt", slug="redes-pt", status=Article.Status.DRAFT)
    page = BeautifulSoup(client.get("/es/articles/redes/").content, "html.parser")
    links = {
        link["hreflang"]: link["href"]
        for link in page.find_all("link", rel="alternate", hreflang=True)
    }
    assert links == {
        "en": "http://testserver/articles/grids/",
        "es": "http://testserver/es/articles/redes/",
        "x-default": "http://testserver/articles/grids/",
    }
    also = page.find(class_="translations")
    assert also.get_text(" ", strip=True) == "También en: English"
    switcher = {a["lang"]: a["href"] for a in page.select(".language-switcher a")}
    # The Portuguese version is a draft: the switcher offers the Portuguese list instead.
    assert switcher == {"en": "/articles/grids/", "pt": "/pt/articles/?untranslated=1"}
    graph = json.loads(page.find("script", type="application/ld+json").string)["@graph"][0]
    assert graph["inLanguage"] == "es"
    assert graph["translationOfWork"]["@id"] == "http://testserver/articles/grids/#brief"
    assert "Traducido del inglés" in page.find(class_="cite-box").get_text()


def test_an_untranslated_brief_switches_to_the_list_which_says_so(client):
    make_article(slug="only-english")
    page = BeautifulSoup(client.get("/articles/only-english/").content, "html.parser")
    switcher = {a["lang"]: a["href"] for a in page.select(".language-switcher a")}
    assert switcher == {"es": "/es/articles/?untranslated=1", "pt": "/pt/articles/?untranslated=1"}
    note = BeautifulSoup(client.get(switcher["es"]).content, "html.parser").find(role="note")
    assert "aún no está traducido" in note.get_text()
    assert client.get("/es/articles/").content.decode().count('class="list-note"') == 0


def test_other_pages_switch_to_the_same_page_in_the_other_language(client):
    make_category(slug="energy")
    page = BeautifulSoup(client.get("/es/topics/energy/").content, "html.parser")
    switcher = {a["lang"]: a["href"] for a in page.select(".language-switcher a")}
    assert switcher == {"en": "/topics/energy/", "pt": "/pt/topics/energy/"}


def test_topic_names_and_descriptions_are_shown_in_the_page_language(client):
    make_category(
        slug="energy",
        name="Energy",
        name_es="Energía",
        name_pt="Energia",
        description="Power.",
        description_pt="Eletricidade.",
    )
    assert (
        '<h1 class="list-header__title">Energía</h1>'
        in client.get("/es/topics/energy/").content.decode()
    )
    portuguese = client.get("/pt/topics/energy/").content.decode()
    assert "Energia" in portuguese
    assert "Eletricidade." in portuguese
    # Not translated: the English text.
    assert "Power." in client.get("/es/topics/energy/").content.decode()


def test_the_same_path_in_three_languages_is_never_served_from_another_cache(client, settings):
    settings.STATEUP_PAGE_CACHE = True
    make_article(title="English brief")
    expected = {"/articles/": "en", "/es/articles/": "es", "/pt/articles/": "pt"}
    for _round in range(2):
        for path, language in expected.items():
            response = client.get(path)
            assert html_lang(response) == language
            assert response["Content-Language"] == language
    assert client.get("/es/articles/")["X-Page-Cache"] == "hit"


def test_each_language_has_its_feed(client):
    original = make_article(title="English brief")
    translated(original, "es", title="Informe en español")
    spanish = ElementTree.fromstring(client.get("/es/feed/").content)  # noqa: S314
    assert [item.findtext("title") for item in spanish.iter("item")] == ["Informe en español"]
    assert spanish.find("channel").findtext("language") == "es"
    assert spanish.find("channel").findtext("link").endswith("/es/articles/")
    english = ElementTree.fromstring(client.get("/feed/").content)  # noqa: S314
    assert [item.findtext("title") for item in english.iter("item")] == ["English brief"]


def test_the_sitemap_gives_each_brief_its_translations_as_alternates(client):
    original = make_article(slug="grids")
    translated(original, "es", slug="redes")
    root = ElementTree.fromstring(client.get("/sitemap.xml").content)  # noqa: S314
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    for url in root.findall("s:url", ns):
        if url.findtext("s:loc", namespaces=ns) == "http://testserver/es/articles/redes/":
            alternates = {
                link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)
            }
            break
    else:
        pytest.fail("the Spanish brief is not in the sitemap")
    assert alternates == {
        "en": "http://testserver/articles/grids/",
        "es": "http://testserver/es/articles/redes/",
        "x-default": "http://testserver/articles/grids/",
    }


def test_search_looks_in_the_page_language_unless_asked_for_all(client):
    original = make_article(title="Hydrogen corridors", summary="Hydrogen.")
    translated(original, "es", title="Corredores de hidrógeno", summary="Hidrógeno hydrogen.")

    def titles(url):
        page = BeautifulSoup(client.get(url).content, "html.parser")
        return [" ".join(h.get_text().split()) for h in page.select(".search-result__title")]

    assert titles("/es/search/?q=hydrogen") == ["Corredores de hidrógeno"]
    assert sorted(titles("/es/search/?q=hydrogen&languages=all")) == [
        "Corredores de hidrógeno",
        "Hydrogen corridors",
    ]
    # Accents do not matter, in Spanish as in English.
    assert titles("/es/search/?q=hidrogeno") == ["Corredores de hidrógeno"]
    assert client.get("/es/search/?q=hydrogen&languages=klingon").status_code == 400


def test_a_spanish_signup_is_recorded_and_answered_in_spanish(client, settings):
    settings.STATEUP_FORM_MIN_SECONDS = 0
    response = client.post(
        "/es/newsletter/signup/",
        {"email": "lucia@example.org", "consent": "on"},
        HTTP_ACCEPT="application/json",
    )
    assert response.json()["message"].startswith("¡Gracias!")
    assert Subscriber.objects.get().language == "es"
    (message,) = mail.outbox
    assert message.subject == "Confirme su suscripción a StateUp"
    assert "Confirmar mi suscripción" in message.alternatives[0][0]
    assert re.search(r"/es/newsletter/confirm/[^/\s]+/", message.body)


def test_the_welcome_email_goes_out_in_the_subscriber_language(client, settings):
    settings.STATEUP_FORM_MIN_SECONDS = 0
    client.post("/pt/newsletter/signup/", {"email": "joao@example.org", "consent": "on"})
    link = re.search(r"https?://[^/]+(/pt/newsletter/confirm/[^/\s]+/)", mail.outbox[0].body)
    # Confirmed from an English page: the welcome is still in Portuguese.
    client.post(link.group(1).removeprefix("/pt"))
    assert mail.outbox[-1].subject == "Boas-vindas ao StateUp"


def test_language_budgets_do_not_grow_with_translations(client, django_assert_max_num_queries):
    original = make_article(slug="grids", authors=[make_author()], tags=["a", "b"])
    translated(original, "es", slug="redes")
    translated(original, "pt", slug="redes-pt")
    client.get("/es/")  # the header's topics, kept per content version
    with django_assert_max_num_queries(8):
        assert client.get("/es/articles/redes/").status_code == 200


def test_dates_are_written_as_each_language_writes_them(client):
    import time_machine

    with time_machine.travel("2026-03-05 12:00 +0000"):
        original = make_article(slug="grids")
        translated(original, "es", slug="redes")
        translated(original, "pt", slug="redes-pt")
    for path, date in [
        ("/articles/grids/", "5 March 2026"),
        ("/es/articles/redes/", "5 de marzo de 2026"),
        ("/pt/articles/redes-pt/", "5 de março de 2026"),
    ]:
        time = BeautifulSoup(client.get(path).content, "html.parser").select_one(
            ".brief-header time"
        )
        # Django's own Portuguese month names are capitalised ("Março"): its choice.
        assert time.get_text().casefold() == date.casefold()
