"""Site-wide pages: health check, robots, errors, uploads."""

from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DatabaseError
from django.test import Client

pytestmark = pytest.mark.django_db


def test_healthz_answers_200_with_json_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_does_not(client):
    with mock.patch("stateup.views.connection.cursor", side_effect=DatabaseError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_home_page_renders_with_the_site_chrome(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="skip-link" href="#main"' in html
    assert '<main id="main"' in html
    assert "Sign up for our updates, newsletter, and events" in html


def test_unknown_page_is_a_styled_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "We can’t find that page" in html
    assert "/static/css/site.css" in html
    assert '<main id="main"' in html


def test_server_error_page_is_styled_and_standalone():
    client = Client(raise_request_exception=False)
    with mock.patch("articles.views.render", side_effect=RuntimeError("boom")):
        response = client.get("/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong on our side" in html
    assert "/static/css/site.css" in html


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    body = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Disallow: /admin/" in body


def test_pages_send_a_strict_content_security_policy(client):
    policy = client.get("/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_uploaded_images_are_served_through_the_storage_api(client):
    name = default_storage.save("articles/pic.png", ContentFile(b"\x89PNG fake"))
    response = client.get(f"/media/{name}")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "max-age=" in response["Cache-Control"]


def test_non_image_uploads_are_never_rendered_inline(client):
    name = default_storage.save("articles/page.html", ContentFile(b"<script>alert(1)</script>"))
    response = client.get(f"/media/{name}")
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")


@pytest.mark.parametrize(
    "path", ["/media/../settings.py", "/media/missing.png", "/media/a/../../x"]
)
def test_media_outside_the_upload_folder_or_missing_is_404(client, path):
    assert client.get(path).status_code == 404


def test_every_public_page_answers_a_head_request_like_a_get(settings):
    from tests.factories import make_article, make_author, make_category

    settings.STATEUP_PAGE_CACHE = False
    category = make_category()
    author = make_author()
    article = make_article(category=category, authors=[author], tags=["grid"])
    urls = [
        "/",
        "/articles/",
        article.get_absolute_url(),
        category.get_absolute_url(),
        author.get_absolute_url(),
        "/tags/grid/",
        "/search/?q=grid",
        "/feed/",
        "/sitemap.xml",
        "/robots.txt",
        "/healthz",
        "/newsletter/signup/",
        "/contact/",
    ]
    client = Client()
    for url in urls:
        head = client.head(url)
        assert head.status_code == 200, url
        assert head["Content-Type"] == client.get(url)["Content-Type"], url
        assert head.content == b"", url
