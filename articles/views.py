from urllib.parse import quote, urlencode

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from taggit.models import Tag

from articles.models import Article, Author, Category, bylines
from articles.redirects import follows_old_slugs
from stateup.pagination import paginate

PAGE_SIZE = 12


def _public_cards():
    return Article.objects.published().for_cards().newest_first()


@require_GET
def article_list(request):
    page = paginate(request, _public_cards(), PAGE_SIZE)
    return render(request, "articles/article_list.html", {"page": page})


def share_links(url: str, title: str) -> dict:
    """Plain links to share a brief: no third-party script is ever loaded."""
    return {
        "url": url,
        # mailto: wants %20 for spaces, not "+".
        "email": "mailto:?"
        + urlencode({"subject": title, "body": f"{title}\n{url}"}, quote_via=quote),
        "linkedin": "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url}),
        "x": "https://x.com/intent/post?" + urlencode({"text": title, "url": url}),
        "bluesky": "https://bsky.app/intent/compose?" + urlencode({"text": f"{title} {url}"}),
    }


def brief_context(article: Article, request=None) -> dict:
    """Everything the brief page shows, fetched up front in a fixed number of queries."""
    authors = [authorship.author for authorship in article.authorships.all()]
    path = article.get_absolute_url()
    url = request.build_absolute_uri(path) if request else settings.STATEUP_SITE_URL + path
    return {
        "article": article,
        "authors": authors,
        "tags": list(article.tags.all()),
        "related_links": [link for link in article.related_links.all() if link.href],
        "related_articles": list(Article.objects.published().for_cards().related_to(article)),
        "share": share_links(url, article.title),
    }


def brief_queryset():
    return Article.objects.select_related("category").prefetch_related(
        bylines(), "tags", "related_links"
    )


@require_GET
@follows_old_slugs
def article_detail(request, slug: str):
    article = get_object_or_404(brief_queryset().published(), slug=slug)
    return render(request, "articles/article_detail.html", brief_context(article, request))


@require_GET
def topic_detail(request, slug: str):
    topic = get_object_or_404(Category, slug=slug)
    page = paginate(request, _public_cards().filter(category=topic), PAGE_SIZE)
    return render(request, "articles/category_detail.html", {"topic": topic, "page": page})


@require_GET
def tag_detail(request, slug: str):
    tag = get_object_or_404(Tag, slug=slug)
    page = paginate(request, _public_cards().tagged(tag), PAGE_SIZE)
    if not page.object_list:
        # A tag only drafts carry is not public: its name alone could tell of them.
        raise Http404(_("No published brief has this tag."))
    return render(request, "articles/tag_detail.html", {"tag": tag, "page": page})


@require_GET
def author_detail(request, slug: str):
    author = get_object_or_404(Author, slug=slug)
    page = paginate(request, _public_cards().filter(authorships__author=author), PAGE_SIZE)
    return render(request, "articles/author_detail.html", {"author": author, "page": page})
