"""
Schema.org structured data (JSON-LD) for a brief: the `Report` with every author,
its dates, its image with credit and licence, the publisher, and its breadcrumbs.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from articles.citations import PUBLISHER
from articles.images import SOCIAL_SIZE

# Inside a <script> element only "</script" or "<!--" could end the data early;
# escaping every <, > and & (as Django's json_script does) rules both out.
_SCRIPT_ESCAPES = {
    ord("<"): "\\u003C",
    ord(">"): "\\u003E",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


def json_ld_script(data) -> SafeString:
    """`data` as a `<script type="application/ld+json">` data block (not executable; CSP-safe)."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(payload.translate(_SCRIPT_ESCAPES)),  # noqa: S308 (escaped for a script element)
    )


def _licence(text: str):
    if text.startswith(("https://", "http://")):
        return text
    return {"@type": "CreativeWork", "name": text}


def publisher(absolute) -> dict:
    return {
        "@type": "Organization",
        "name": PUBLISHER,
        "url": absolute(reverse("home")),
        "logo": {
            "@type": "ImageObject",
            "url": absolute(static("img/logo-512.png")),
            "width": 512,
            "height": 512,
        },
    }


def brief_graph(article, authors, absolute, translations=(), pdf_url: str = "") -> dict:
    """
    The structured data of a brief page. `authors` are the brief's authors in order,
    `absolute` turns a path into an absolute URL, `translations` are the brief's public
    translations (articles/languages.py).
    """
    url = absolute(article.get_absolute_url())
    report = {
        "@type": "Report",
        "@id": f"{url}#brief",
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "headline": article.title[:110],
        "name": article.title,
        "description": article.seo_description or article.summary,
        "inLanguage": article.language,
        "isAccessibleForFree": True,
        "datePublished": article.published_at,
        "dateModified": max(article.updated_at, article.published_at or article.updated_at),
        "author": [_person(author, absolute) for author in authors],
        "publisher": publisher(absolute),
        "keywords": [tag.name for tag in article.tags.all()],
    }
    if article.category:
        report["articleSection"] = article.category.local_name
    if article.series_label:
        report["reportNumber"] = f"{article.series_number}/{article.series_year}"
        report["isPartOf"] = {"@type": "CreativeWorkSeries", "name": article.series.name}
    if article.doi:
        report["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI", "value": article.doi}
        report["sameAs"] = [article.doi_url]
    if pdf_url:
        report["encoding"] = {
            "@type": "MediaObject",
            "contentUrl": pdf_url,
            "encodingFormat": "application/pdf",
        }
    source = getattr(article, "source_language", None)
    for translation in translations or ():
        work = {"@type": "Report", "@id": absolute(translation["path"]) + "#brief"}
        if translation["code"] == source:
            report["translationOfWork"] = work
        else:
            report.setdefault("workTranslation", []).append(work)
    hero = article.hero
    if hero and hero.get("social"):
        image = {
            "@type": "ImageObject",
            "url": absolute(hero["social"]),
            "contentUrl": absolute(hero["social"]),
            "width": SOCIAL_SIZE[0],
            "height": SOCIAL_SIZE[1],
        }
        if article.hero_alt:
            image["caption"] = article.hero_alt
        if article.hero_credit:
            image["creditText"] = article.hero_credit
            image["copyrightNotice"] = article.hero_credit
        if article.hero_licence:
            image["license"] = _licence(article.hero_licence)
        report["image"] = image
    return {"@context": "https://schema.org", "@graph": [report, _breadcrumbs(article, absolute)]}


def _person(author, absolute) -> dict:
    person = {"@type": "Person", "name": author.name, "url": absolute(author.get_absolute_url())}
    if author.role:
        person["jobTitle"] = author.role
    if author.affiliation:
        person["affiliation"] = {"@type": "Organization", "name": author.affiliation}
    if author.url:
        person["sameAs"] = [author.url]
    return person


def _breadcrumbs(article, absolute) -> dict:
    trail = [(_("Home"), reverse("home")), (_("Briefs"), reverse("briefs:list"))]
    if article.category:
        trail.append((article.category.name, article.category.get_absolute_url()))
    trail.append((article.title, article.get_absolute_url()))
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "item": absolute(path)}
            for n, (name, path) in enumerate(trail, start=1)
        ],
    }
