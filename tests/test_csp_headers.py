"""The CSP middleware sends exactly the headers django-csp would, built once."""

import pytest
from csp.decorators import csp_exempt, csp_update
from csp.middleware import CSPMiddleware as DjangoCSPMiddleware
from django.http import HttpResponse
from django.test import RequestFactory

from stateup.csp_headers import CSPMiddleware


def respond(view, middleware_class, **request_extra):
    middleware = middleware_class(view)
    request = RequestFactory().get("/", **request_extra)
    middleware.process_request(request)
    response = view(request)
    return request, middleware.process_response(request, response)


def plain(request):
    return HttpResponse("page")


def with_nonce(request):
    return HttpResponse(f"<script nonce='{request.csp_nonce}'></script>")


@csp_update({"img-src": "https://images.example.org"})
def updated(request):
    return HttpResponse("page")


@csp_exempt()
def exempt(request):
    return HttpResponse("page")


@pytest.mark.parametrize("view", [plain, updated, exempt])
def test_headers_are_those_of_django_csp(view):
    _request, ours = respond(view, CSPMiddleware)
    _request, theirs = respond(view, DjangoCSPMiddleware)
    for header in ("Content-Security-Policy", "Content-Security-Policy-Report-Only"):
        assert ours.get(header) == theirs.get(header), header


def test_a_page_using_a_nonce_gets_it_in_its_header():
    request, response = respond(with_nonce, CSPMiddleware)
    assert f"'nonce-{request._csp_nonce}'" in response["Content-Security-Policy"]


def test_the_settings_policy_is_rebuilt_when_settings_change(settings):
    _request, before = respond(plain, CSPMiddleware)
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'none'"]}}
    _request, after = respond(plain, CSPMiddleware)
    assert before["Content-Security-Policy"] != after["Content-Security-Policy"]
    assert after["Content-Security-Policy"] == "default-src 'none'"


def test_asking_for_a_nonce_after_the_header_is_written_is_an_error():
    from csp.exceptions import CSPNonceError

    request, _response = respond(plain, CSPMiddleware)
    with pytest.raises(CSPNonceError):
        str(request.csp_nonce)
