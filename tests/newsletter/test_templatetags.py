"""The signup block's form: rendered once per language and block, filled in for each request."""

import re
from unittest import mock

from crispy_forms.utils import render_crispy_form
from django.core import signing
from django.template import RequestContext, Template
from django.test import RequestFactory
from django.urls import resolve
from django.utils import translation

from newsletter.forms import SignupForm
from pagecache import holes
from publicforms.forms import STARTED_SALT

TEMPLATE = Template("{% load newsletter_forms %}{% signup_block_form 'footer-signup' %}")
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def render(path: str) -> tuple[str, object]:
    """The block as a reader gets it: rendered, then its holes filled for the request."""
    request = RequestFactory().get(path)
    request.resolver_match = resolve(request.path)
    markup = TEMPLATE.render(RequestContext(request, {}))
    return holes.fill(markup.encode(), request).decode(), request


def test_it_is_exactly_what_crispy_forms_renders_for_the_page():
    with mock.patch("publicforms.forms.make_started_stamp", return_value="STAMP"):
        markup, request = render("/articles/?page=2&q=<b>")
    form = SignupForm(
        block_id="footer-signup",
        compact=True,
        initial={"next": request.get_full_path(), "started": "STAMP"},
    )
    expected = render_crispy_form(form, context={"csrf_token": request.META["CSRF_COOKIE"]})
    token = TOKEN.search(markup).group(1)
    assert TOKEN.sub("", markup) == TOKEN.sub("", expected)
    assert token  # a masked token of this request's secret, checked by the CSRF tests
    assert 'value="/articles/?page=2&amp;q=%3Cb%3E"' in markup


def test_each_request_gets_its_own_token_and_a_fresh_started_time():
    first, _ = render("/")
    second, _ = render("/")
    assert TOKEN.search(first).group(1) != TOKEN.search(second).group(1)
    stamp = re.search(r'name="started" value="([^"]+)"', second).group(1)
    assert isinstance(signing.loads(stamp, salt=STARTED_SALT), float)
    assert "__signup_" not in first + second
    assert "__hole_" not in first + second


def test_a_token_page_never_becomes_the_return_path():
    markup, _ = render("/newsletter/confirm/abc/")
    assert 'name="next"' in markup
    assert re.search(r'name="next"[^>]*value="[^"]', markup) is None


def test_each_language_gets_its_own_rendering():
    from newsletter.templatetags import newsletter_forms

    render("/")
    with translation.override("es"):
        render("/es/")
    assert {("en", "footer-signup"), ("es", "footer-signup")} <= set(newsletter_forms._rendered)
