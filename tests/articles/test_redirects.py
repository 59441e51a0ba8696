import pytest

from articles.models import Article, SlugRedirect
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def rename(article: Article, slug: str) -> Article:
    article.slug = slug
    article.save()
    return article


def test_renaming_a_published_brief_redirects_the_old_address_permanently(client):
    rename(make_article(slug="old-name"), "new-name")
    response = client.get("/articles/old-name/")
    assert response.status_code == 301
    assert response["Location"] == "/articles/new-name/"
    assert client.get("/articles/new-name/").status_code == 200


def test_chains_collapse_to_the_current_address(client):
    article = make_article(slug="first")
    rename(article, "second")
    rename(article, "third")
    for old in ("first", "second"):
        response = client.get(f"/articles/{old}/")
        assert (response.status_code, response["Location"]) == (301, "/articles/third/")


def test_renaming_back_leaves_no_redirect_loop(client):
    article = make_article(slug="alpha")
    rename(article, "beta")
    rename(article, "alpha")
    assert client.get("/articles/alpha/").status_code == 200
    response = client.get("/articles/beta/")
    assert (response.status_code, response["Location"]) == (301, "/articles/alpha/")
    assert not SlugRedirect.objects.filter(old_slug="alpha").exists()


def test_a_new_brief_taking_an_old_slug_wins(client):
    rename(make_article(slug="taken", title="The original"), "moved")
    newcomer = make_article(slug="taken", title="The newcomer")
    response = client.get("/articles/taken/")
    assert response.status_code == 200
    assert newcomer.title in response.content.decode()
    assert not SlugRedirect.objects.filter(old_slug="taken").exists()


def test_old_address_of_a_brief_no_longer_public_is_404(client):
    article = rename(make_article(slug="was-here"), "now-here")
    article.status = Article.Status.DRAFT
    article.save()
    assert client.get("/articles/was-here/").status_code == 404


def test_renaming_a_never_published_draft_keeps_no_redirect():
    article = make_article(slug="draft-a", status=Article.Status.DRAFT, published_at=None)
    rename(article, "draft-b")
    assert not SlugRedirect.objects.exists()


def test_an_unknown_slug_is_still_404(client):
    assert client.get("/articles/never-existed/").status_code == 404


@pytest.mark.parametrize("suffix", ["cite.bib", "cite.ris"])
def test_the_citation_files_follow_an_old_address_too(client, suffix):
    rename(make_article(slug="old-name"), "new-name")
    response = client.get(f"/articles/old-name/{suffix}")
    assert response.status_code == 301
    assert response["Location"] == f"/articles/new-name/{suffix}"
    assert client.get(response["Location"]).status_code == 200
