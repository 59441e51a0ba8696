"""
The one place that decides which HTML a brief's body may contain.

Every save of an Article passes its body through `clean_body()`, so the admin,
an import and the shell can only ever store the allow-listed subset below.
"""

import html
import math
import re
from urllib.parse import urlsplit

import nh3
from django.conf import settings

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "ul", "ol", "li", "a", "strong", "b", "em", "i",
    "blockquote", "figure", "figcaption", "img", "table", "thead", "tbody", "tfoot",
    "tr", "th", "td", "caption", "hr", "sup", "sub", "code",
}  # fmt: skip

ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}

URL_SCHEMES = {"http", "https", "mailto"}

# Headings outside h2–h4 keep their text but lose the tag; script and style lose both.
CLEAN_CONTENT_TAGS = {"script", "style", "iframe", "object", "embed", "template", "noscript"}

_LINK = re.compile(r'<a href="([^"]*)"')
_WORD = re.compile(r"\w+")
_TAG = re.compile(r"<[^>]+>")
WORDS_PER_MINUTE = 220


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src":
        # Images only from our own media: no tracking pixels, no mixed content.
        path = urlsplit(value)
        if path.scheme or path.netloc or not value.startswith(settings.MEDIA_URL):
            return None
        if ".." in path.path:
            return None
    if attribute in {"width", "height", "colspan", "rowspan", "start"}:
        return value if value.isdigit() and len(value) <= 4 else None
    if attribute == "scope":
        return value if value in {"row", "col", "rowgroup", "colgroup"} else None
    return value


def _is_external(href: str) -> bool:
    parts = urlsplit(html.unescape(href))
    return bool(parts.netloc)


def _mark_external_links(cleaned: str) -> str:
    # nh3's output is normalised (double-quoted, escaped attributes, href first),
    # so a pattern is enough to add rel to the links that leave the site.
    def add_rel(match: re.Match) -> str:
        if _is_external(match.group(1)):
            return f'<a rel="noopener noreferrer" href="{match.group(1)}"'
        return match.group(0)

    return _LINK.sub(add_rel, cleaned)


def clean_body(value: str) -> str:
    """Return the body with everything outside the allow-list removed."""
    if not value:
        return ""
    cleaned = nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        clean_content_tags=CLEAN_CONTENT_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_filter_attribute,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )
    return _mark_external_links(cleaned).strip()


def web_url(value: str) -> str:
    """`value` if it is an absolute http(s) address, else an empty string."""
    value = (value or "").strip()
    parts = urlsplit(value)
    if parts.scheme.lower() in {"http", "https"} and parts.netloc and value.isprintable():
        return value
    return ""


def plain_text(value: str) -> str:
    """The words of an HTML fragment, for reading time, search and previews."""
    return html.unescape(_TAG.sub(" ", value or "")).strip()


def reading_minutes(body_html: str) -> int:
    words = len(_WORD.findall(plain_text(body_html)))
    return max(1, math.ceil(words / WORDS_PER_MINUTE))
