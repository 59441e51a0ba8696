"""Translations of briefs: the model, the admin's Translate button, the outdated flag."""

import threading

import pytest
from django.db import IntegrityError, close_old_connections, connection
from django.urls import reverse

from articles.models import Article
from tests.factories import make_article, make_author, make_category, make_user

pytestmark = pytest.mark.django_db


def test_translate_makes_a_linked_draft_with_topic_authors_tags_and_links():
    topic, ana, bruno = make_category(), make_author(), make_author()
    original = make_article(
        category=topic,
        authors=[ana, bruno],
        tags=["grids", "storage"],
        links=[{"title": "A source", "url": "https://example.org/"}],
    )
    spanish = original.translate("es")
    assert (spanish.language, spanish.status) == ("es", Article.Status.DRAFT)
    assert spanish.translation_key == original.translation_key
    assert spanish.translated_from == original
    assert spanish.slug != original.slug
    assert spanish.category == topic
    assert [a.author for a in spanish.authorships.all()] == [ana, bruno]
    assert sorted(tag.name for tag in spanish.tags.all()) == ["grids", "storage"]
    assert [link.url for link in spanish.related_links.all()] == ["https://example.org/"]
    assert (spanish.title, spanish.body) == (original.title, original.body)
    assert not spanish.is_outdated


def test_one_version_per_language_however_it_is_saved():
    original = make_article()
    original.translate("pt")
    with pytest.raises(IntegrityError):
        original.translate("pt")
    with pytest.raises(ValueError, match="Cannot translate"):
        original.translate(original.language)
    with pytest.raises(ValueError, match="Cannot translate"):
        original.translate("xx")


def test_the_original_changing_its_text_outdates_the_translation_until_marked():
    original = make_article(body="<p>First.</p>")
    spanish = original.translate("es")
    original.is_featured = True
    original.save()  # not its text: still up to date
    spanish.refresh_from_db()
    assert not spanish.is_outdated
    assert not Article.objects.outdated().exists()
    original.body = "<p>First. And a second sentence.</p>"
    original.save()
    spanish.refresh_from_db()
    assert spanish.is_outdated
    assert list(Article.objects.outdated()) == [spanish]
    spanish.mark_up_to_date()
    spanish.refresh_from_db()
    assert not spanish.is_outdated


def test_missing_translation_finds_briefs_without_a_version_in_a_language():
    both = make_article()
    both.translate("es")
    alone = make_article()
    assert set(Article.objects.missing_translation("es")) == {alone}
    # The Spanish version has no Portuguese one either.
    spanish = Article.objects.get(language="es")
    assert set(Article.objects.missing_translation("pt")) == {both, alone, spanish}


def test_the_admin_translate_button_creates_the_draft_and_opens_it(client):
    editor = make_user("Editors")
    client.force_login(editor)
    original = make_article(authors=[make_author()], category=make_category())
    page = client.get(reverse("admin:articles_article_change", args=[original.pk]))
    assert "Translate into Spanish" in page.content.decode()
    url = reverse("admin:articles_article_translate", args=[original.pk, "es"])
    assert client.get(url).status_code == 405
    response = client.post(url)
    spanish = Article.objects.get(language="es")
    assert response["Location"] == reverse("admin:articles_article_change", args=[spanish.pk])
    # Again: the same draft, not a second one.
    assert client.post(url)["Location"] == response["Location"]
    assert Article.objects.filter(language="es").count() == 1
    assert (
        client.post(
            reverse("admin:articles_article_translate", args=[original.pk, "xx"])
        ).status_code
        == 404
    )
    assert (
        client.post(
            reverse("admin:articles_article_translate", args=[original.pk, "en"])
        ).status_code
        == 404
    )


def test_the_change_page_flags_an_outdated_translation_with_the_diff(client):
    editor = make_user("Editors")
    client.force_login(editor)
    original = make_article(body="<p>The first version.</p>")
    spanish = original.translate("es")
    original.body = "<p>The first version.</p><p>A new closing paragraph.</p>"
    original.save()
    html = client.get(reverse("admin:articles_article_change", args=[spanish.pk])).content.decode()
    assert "Original updated since" in html
    assert "closing" in html  # in the diff (HtmlDiff puts &nbsp; between words)
    listing = client.get(reverse("admin:articles_article_changelist"), {"translation": "outdated"})
    assert spanish.title in listing.content.decode()
    assert "Original updated since" in listing.content.decode()
    client.post(reverse("admin:articles_article_up_to_date", args=[spanish.pk]))
    spanish.refresh_from_db()
    assert not spanish.is_outdated


def test_only_editors_mark_a_translation_up_to_date(client):
    original = make_article()
    spanish = original.translate("es")
    original.body = "<p>Changed.</p>"
    original.save()
    client.force_login(make_user("Writers"))
    response = client.post(reverse("admin:articles_article_up_to_date", args=[spanish.pk]))
    assert response.status_code in {403, 302}
    spanish.refresh_from_db()
    assert spanish.is_outdated


def test_the_list_filters_by_language_and_missing_translation(client):
    client.force_login(make_user("Editors"))
    english = make_article(title="English only")
    translated = make_article(title="Has Spanish")
    translated.translate("es")
    url = reverse("admin:articles_article_changelist")
    missing = client.get(url, {"translation": "missing-es"}).content.decode()
    assert "English only" in missing
    assert ">Has Spanish<" not in missing
    spanish = client.get(url, {"language__exact": "es"}).content.decode()
    assert "English only" not in spanish
    assert english.pk


def test_changing_a_brief_to_a_language_it_already_has_is_a_form_error(client):
    client.force_login(make_user("Editors"))
    original = make_article()
    spanish = original.translate("es")
    from articles.admin.forms import ArticleAdminForm

    form = ArticleAdminForm(instance=spanish)
    form.cleaned_data = {"language": "en"}
    form._check_language(form.cleaned_data)
    assert "language" in form.errors


@pytest.mark.django_db(transaction=True)
def test_two_translators_at_once_get_one_draft():
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers: the race needs a server database")
    original = make_article()
    results = []

    def translate():
        try:
            results.append(Article.objects.get(pk=original.pk).translate("pt").pk)
        except IntegrityError:
            results.append("refused")
        finally:
            close_old_connections()

    threads = [threading.Thread(target=translate) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Article.objects.filter(language="pt").count() == 1
    assert results.count("refused") == 3
