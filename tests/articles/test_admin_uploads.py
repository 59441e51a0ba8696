"""Uploads through the admin's brief form: refused with a form error, never stored."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from articles.models import Article
from tests.factories import image_upload, make_category

pytestmark = pytest.mark.django_db


def _form_data(**overrides):
    data = {
        "title": "Grids and storage",
        "slug": "grids-and-storage",
        "category": make_category().pk,
        "summary": "A summary.",
        "body": "<p>Body</p>",
        "tags": "energy, grids",
        "hero_alt": "Wind turbines",
        "hero_credit": "Photo by Ana Lima on Pexels",
        "hero_credit_url": "https://www.pexels.com/",
        "hero_licence": "Pexels License",
        "status": "draft",
        "published_at_0": "",
        "published_at_1": "",
        "seo_title": "",
        "seo_description": "",
        "authorships-TOTAL_FORMS": "0",
        "authorships-INITIAL_FORMS": "0",
        "related_links-TOTAL_FORMS": "0",
        "related_links-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def _stored_files(settings):
    root = settings.MEDIA_ROOT
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_a_file_that_is_not_an_image_gets_a_form_error_and_nothing_is_stored(
    staff_client, settings
):
    fake = SimpleUploadedFile("photo.jpg", b"%PDF-1.4 not an image", content_type="image/jpeg")
    response = staff_client.post("/admin/articles/article/add/", _form_data(hero_image=fake))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "hero_image" in errors
    assert not Article.objects.exists()
    assert _stored_files(settings) == []


def test_a_truncated_image_gets_a_form_error(staff_client, settings):
    whole = image_upload(size=(800, 600)).read()
    broken = SimpleUploadedFile("photo.jpg", whole[: len(whole) // 2], content_type="image/jpeg")
    response = staff_client.post("/admin/articles/article/add/", _form_data(hero_image=broken))
    assert response.status_code == 200
    assert "hero_image" in response.context["adminform"].form.errors
    assert not Article.objects.exists()


def test_an_image_without_alt_text_gets_a_form_error(staff_client):
    data = _form_data(hero_image=image_upload(), hero_alt="")
    response = staff_client.post("/admin/articles/article/add/", data)
    assert response.status_code == 200
    assert "hero_alt" in response.context["adminform"].form.errors
    assert not Article.objects.exists()


def test_a_javascript_credit_link_gets_a_form_error(staff_client):
    data = _form_data(hero_credit_url="javascript:alert(1)")
    response = staff_client.post("/admin/articles/article/add/", data)
    assert response.status_code == 200
    assert "hero_credit_url" in response.context["adminform"].form.errors


def test_a_real_image_is_stored_with_its_renditions(
    staff_client, django_capture_on_commit_callbacks
):
    data = _form_data(hero_image=image_upload(size=(1300, 700)))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = staff_client.post("/admin/articles/article/add/", data)
    assert response.status_code == 302
    article = Article.objects.get()
    assert len(callbacks) >= 1
    assert [s["width"] for s in article.hero_renditions["sources"]] == [480, 800, 1200, 1300]
    assert article.hero_width == 1300


def test_replacing_an_image_with_a_non_image_on_the_change_form_keeps_the_old_one(staff_client):
    staff_client.post("/admin/articles/article/add/", _form_data(hero_image=image_upload()))
    article = Article.objects.get()
    old_name = article.hero_image.name
    fake = SimpleUploadedFile("x.png", b"GIF89a broken", content_type="image/png")
    data = _form_data(hero_image=fake, category=article.category_id, slug=article.slug)
    response = staff_client.post(f"/admin/articles/article/{article.pk}/change/", data)
    assert response.status_code == 200
    assert "hero_image" in response.context["adminform"].form.errors
    article.refresh_from_db()
    assert article.hero_image.name == old_name
