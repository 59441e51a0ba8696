"""Static files in production: hashed names, cached for a year, Brotli or gzip."""

import io

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.test import Client, override_settings

PRODUCTION_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"


def production_static(root) -> dict:
    return {
        "DEBUG": False,
        "STATIC_ROOT": root,
        "STORAGES": {
            **django_settings.STORAGES,
            "staticfiles": {"BACKEND": PRODUCTION_STORAGE},
        },
    }


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    """collectstatic with the production storage, once, into a folder of its own."""
    root = tmp_path_factory.mktemp("static")
    with override_settings(**production_static(root)):
        call_command("collectstatic", interactive=False, verbosity=0, stdout=io.StringIO())
    return root


@pytest.fixture
def collected(settings, static_root):
    for name, value in production_static(static_root).items():
        setattr(settings, name, value)
    from django.contrib.staticfiles.storage import staticfiles_storage

    return staticfiles_storage


@pytest.mark.slow
@pytest.mark.parametrize("name", ["css/site.css", "js/site.js"])
def test_hashed_files_are_cached_for_a_year_and_sent_compressed(collected, name):
    url = collected.url(name)
    assert url != f"/static/{name}"  # the name carries the content's hash
    client = Client()
    response = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "br"
    assert response["Cache-Control"] == "max-age=315360000, public, immutable"
    assert "Accept-Encoding" in response["Vary"]
    response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    response = client.get(url)
    assert "Content-Encoding" not in response


@pytest.mark.slow
def test_pages_link_the_hashed_names(collected, db):
    html = Client().get("/", secure=True).content.decode()
    assert collected.url("css/site.css") in html
    assert collected.url("js/site.js") in html
