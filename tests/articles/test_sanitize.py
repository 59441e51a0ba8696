import pytest

from articles.sanitize import web_url


@pytest.mark.parametrize(
    "value",
    ["https://europa.eu/", "http://example.org/a?b=c", "HTTPS://EXAMPLE.ORG/"],
)
def test_web_addresses_are_kept(value):
    assert web_url(value) == value


@pytest.mark.parametrize(
    "value",
    [
        "javascript:alert(1)",
        " javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "java\nscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox",
        "//evil.example/",
        "/relative/",
        "https://exa\x00mple.org/",
        "",
        None,
    ],
)
def test_anything_else_is_dropped(value):
    assert web_url(value) == ""
