"""
Template tags for what search engines, social sites, feed readers and reference
managers read in a page's head: canonical and alternate URLs, structured data
and citations. None of them queries the database: they read what the view fetched.
"""

from django import template
from django.conf import settings

from articles import languages
from articles.citations import citation_for
from articles.structured_data import brief_graph, json_ld_script

register = template.Library()


def _absolute(context):
    request = context.get("request")
    if request is not None:
        return request.build_absolute_uri
    return lambda path: path if "://" in path else settings.STATEUP_SITE_URL + path


@register.simple_tag(takes_context=True)
def absolute_url(context, path: str) -> str:
    """`path` (or a URL) as an absolute URL on this site."""
    return _absolute(context)(path) if path else ""


@register.simple_tag(takes_context=True)
def canonical_url(context) -> str:
    """This page's address without its query string, except a page number past the first."""
    request = context.get("request")
    if request is None:
        return ""
    url = request.build_absolute_uri(request.path)
    page = request.GET.get("page", "")
    if page.isascii() and page.isdigit() and int(page) > 1:
        url += f"?page={int(page)}"
    return url


@register.simple_tag(takes_context=True)
def alternate_languages(context, canonical: str) -> dict:
    """This page in each language it exists in, for `hreflang` links (articles/languages.py)."""
    return languages.alternates(_absolute(context), canonical, context.get("translations"))


@register.simple_tag(takes_context=True)
def language_switcher(context) -> list[dict]:
    """Where the header's language links go from this page (articles/languages.py)."""
    return languages.switcher(context.get("request"), context.get("translations"))


def _brief_authors(context):
    authors = context.get("authors")
    if authors is None:
        authors = [authorship.author for authorship in context["article"].authorships.all()]
    return authors


@register.simple_tag(takes_context=True)
def brief_json_ld(context):
    """The brief's JSON-LD data block."""
    article = context["article"]
    pdf = context.get("pdf")
    pdf_url = _absolute(context)(pdf["url"]) if pdf else ""
    graph = brief_graph(
        article,
        _brief_authors(context),
        _absolute(context),
        context.get("translations"),
        pdf_url=pdf_url,
    )
    return json_ld_script(graph)


@register.simple_tag(takes_context=True)
def brief_citation(context):
    """The brief's `Citation` (APA, Chicago, BibTeX, RIS, Highwire tags)."""
    article = context["article"]
    url = _absolute(context)(article.get_absolute_url())
    # The page's head and its "Cite this brief" box both show it: work it out once.
    kept = getattr(article, "_page_citation", None)
    if kept is None or kept[0] != url:
        kept = article._page_citation = (url, citation_for(article, _brief_authors(context), url))
    return kept[1]
