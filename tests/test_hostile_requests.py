"""
Any request gets a clear 4xx, never a 500: POST bodies whose Content-Type or charset is
missing, malformed, unknown or not what the body is in, on every endpoint that takes a POST.
"""

import pytest
from django.test import Client

from tests.factories import make_user

pytestmark = pytest.mark.django_db

FORM = b"email=reader%40example.org&consent=on&name=Ana&message=Hello+there&website="

CONTENT_TYPES = [
    "application/x-www-form-urlencoded; charset=utf-16",
    "application/x-www-form-urlencoded; charset=utf-16le",
    "application/x-www-form-urlencoded; charset=utf-32",
    "application/x-www-form-urlencoded; charset=UTF-7",
    "application/x-www-form-urlencoded; charset=cp037",
    "application/x-www-form-urlencoded; charset=idna",
    "application/x-www-form-urlencoded; charset=rot13",
    "application/x-www-form-urlencoded; charset=base64",
    "application/x-www-form-urlencoded; charset=hex",
    "application/x-www-form-urlencoded; charset=zlib",
    "application/x-www-form-urlencoded; charset=bogus",
    "application/x-www-form-urlencoded; charset=",
    'application/x-www-form-urlencoded; charset="utf-8',
    "application/x-www-form-urlencoded; charset=utf-8; charset=utf-16",
    "application/x-www-form-urlencoded;;;charset=utf-16",
    "multipart/form-data",
    "multipart/form-data; boundary=",
    "multipart/form-data; boundary=x; charset=utf-16",
    "multipart/form-data; boundary=----x",
    "application/json",
    "application/json; charset=utf-16",
    "text/plain; charset=utf-16",
    "application/xml",
    "",
    "\x00",
    "application/x-www-form-urlencoded; charset=\u00e9",
]

ENDPOINTS = [
    "/newsletter/signup/",
    "/contact/",
    "/newsletter/unsubscribe/not-a-token/",
    "/newsletter/confirm/not-a-token/",
    "/admin/login/",
]


@pytest.mark.parametrize("content_type", CONTENT_TYPES)
@pytest.mark.parametrize("path", ENDPOINTS)
def test_a_body_not_in_its_declared_type_or_charset_is_a_4xx(path, content_type):
    client = Client(raise_request_exception=False)
    response = client.generic("POST", path, FORM, content_type=content_type)
    assert 400 <= response.status_code < 500, (path, content_type, response.status_code)


@pytest.mark.parametrize("content_type", CONTENT_TYPES)
def test_a_staff_form_with_a_bad_charset_is_a_4xx(content_type):
    client = Client(raise_request_exception=False)
    client.force_login(make_user("Editors"))
    response = client.generic(
        "POST", "/admin/articles/article/add/", FORM, content_type=content_type
    )
    assert 400 <= response.status_code < 500, (content_type, response.status_code)


def test_the_refusal_says_what_is_wrong_in_the_readers_terms():
    client = Client()
    response = client.generic(
        "POST",
        "/newsletter/signup/",
        FORM,
        content_type="text/plain",
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 415
    assert response.json()["message"] == "This address takes form data, not “text/plain”."
    response = client.generic(
        "POST", "/contact/", FORM, content_type="application/x-www-form-urlencoded; charset=latin-1"
    )
    assert response.status_code == 400
    assert "Form data must be sent in UTF-8." in response.content.decode()


@pytest.mark.parametrize("body", [b"{", b"[1, 2]", b'"email"', b"\xff\xfe{}", b"[" * 100_000])
def test_a_public_form_refuses_a_body_that_is_not_a_json_object(body):
    response = Client().generic(
        "POST", "/newsletter/signup/", body, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["ok"] is False


def test_a_json_object_is_still_a_way_to_sign_up():
    response = Client().generic(
        "POST",
        "/newsletter/signup/",
        b'{"email": "reader@example.org", "consent": true}',
        content_type="application/json",
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code in {200, 400}  # the form's own verdict (e.g. too fast)
    assert "ok" in response.json()


def test_only_public_forms_take_json():
    response = Client().generic("POST", "/admin/login/", b"{}", content_type="application/json")
    assert response.status_code == 415
