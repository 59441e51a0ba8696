from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from articles.models import Article, RelatedLink
from tests.factories import image_upload, make_article, make_author, make_category

pytestmark = pytest.mark.django_db


def test_published_means_published_status_and_a_past_publish_time():
    public = make_article()
    make_article(status=Article.Status.DRAFT, published_at=None)
    make_article(status=Article.Status.REVIEW, published_at=None)
    make_article(status=Article.Status.ARCHIVED)
    make_article(published_at=timezone.now() + timedelta(days=1))
    assert list(Article.objects.published()) == [public]


def test_body_is_sanitised_on_save_whatever_saved_it():
    article = make_article(body='<p onclick="steal()">Hi<script>alert(1)</script></p>')
    article.refresh_from_db()
    assert article.body == "<p>Hi</p>"


def test_external_links_in_the_body_get_rel_noopener_and_internal_ones_do_not():
    article = make_article(
        body='<p><a href="https://europa.eu/">EU</a> and <a href="/articles/x/">ours</a></p>'
    )
    assert '<a rel="noopener noreferrer" href="https://europa.eu/">' in article.body
    assert '<a href="/articles/x/">' in article.body


def test_javascript_links_lose_their_href():
    article = make_article(body='<a href="javascript:alert(1)">x</a>')
    assert "javascript" not in article.body


def test_reading_time_is_derived_from_the_body():
    article = make_article(body="<p>" + "word " * 1000 + "</p>")
    assert article.reading_time == 5


def test_publishing_sets_published_at_once():
    article = make_article(
        status=Article.Status.DRAFT,
        published_at=None,
        category=make_category(),
        authors=[make_author()],
    )
    article.publish()
    first = article.published_at
    assert first is not None
    article.status = Article.Status.DRAFT
    article.save()
    article.publish()
    assert article.published_at == first


def test_a_javascript_related_link_is_refused_on_save():
    article = make_article()
    with pytest.raises(ValidationError):
        RelatedLink.objects.create(article=article, title="x", url="javascript:alert(1)")
    assert not RelatedLink.objects.exists()


def test_hero_image_gets_webp_and_jpeg_renditions_at_several_widths():
    article = make_article(hero_image=image_upload(size=(1700, 900)), hero_alt="A wind farm")
    widths = [source["width"] for source in article.hero_renditions["sources"]]
    assert widths == [480, 800, 1200, 1600]
    assert article.hero["webp_srcset"].count(".webp") == 4
    assert article.hero_renditions["social"]["width"] == 1200


def test_a_file_that_is_not_an_image_is_refused_before_storage(tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("x.jpg", b"not an image", content_type="image/jpeg")
    with pytest.raises(ValidationError):
        make_article(hero_image=fake)
    assert not Article.objects.exists()
