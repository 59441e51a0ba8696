from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET
from taggit.models import Tag

from articles.models import Article, Author, Authorship, Category
from articles.redirects import follows_old_slugs
from stateup.pagination import paginate

PAGE_SIZE = 12


def _public_cards():
    return Article.objects.published().for_cards().newest_first()


@require_GET
def article_list(request):
    page = paginate(request, _public_cards(), PAGE_SIZE)
    return render(request, "articles/article_list.html", {"page": page})


def brief_context(article: Article) -> dict:
    """Everything the brief page shows, fetched up front in a fixed number of queries."""
    return {
        "article": article,
        "authors": [authorship.author for authorship in article.authorships.all()],
        "tags": list(article.tags.all()),
        "related_links": list(article.related_links.all()),
    }


def brief_queryset():
    return Article.objects.select_related("category").prefetch_related(
        Prefetch("authorships", queryset=Authorship.objects.select_related("author")),
        "tags",
        "related_links",
    )


@require_GET
@follows_old_slugs
def article_detail(request, slug: str):
    article = get_object_or_404(brief_queryset().published(), slug=slug)
    return render(request, "articles/article_detail.html", brief_context(article))


@require_GET
def topic_detail(request, slug: str):
    topic = get_object_or_404(Category, slug=slug)
    page = paginate(request, _public_cards().filter(category=topic), PAGE_SIZE)
    return render(request, "articles/category_detail.html", {"topic": topic, "page": page})


@require_GET
def tag_detail(request, slug: str):
    tag = get_object_or_404(Tag, slug=slug)
    page = paginate(request, _public_cards().filter(tags=tag), PAGE_SIZE)
    return render(request, "articles/tag_detail.html", {"tag": tag, "page": page})


@require_GET
def author_detail(request, slug: str):
    author = get_object_or_404(Author, slug=slug)
    page = paginate(request, _public_cards().filter(authorships__author=author), PAGE_SIZE)
    return render(request, "articles/author_detail.html", {"author": author, "page": page})
