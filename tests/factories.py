"""Small factory functions: the smallest valid object, overridden per test."""

import io
import itertools
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from articles.models import Article, Author, Authorship, Category, RelatedLink

_sequence = itertools.count(1)


def image_upload(
    name: str = "photo.jpg", size: tuple[int, int] = (640, 360), fmt: str = "JPEG"
) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (20, 110, 80)).save(buffer, fmt)
    content_type = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}[fmt]
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)


def make_category(**overrides) -> Category:
    n = next(_sequence)
    fields = {"name": f"Topic {n}", "slug": f"topic-{n}", "description": f"About topic {n}."}
    fields.update(overrides)
    return Category.objects.create(**fields)


def make_author(**overrides) -> Author:
    n = next(_sequence)
    fields = {"name": f"Author {n}", "slug": f"author-{n}", "role": "Fellow"}
    fields.update(overrides)
    return Author.objects.create(**fields)


def make_article(*, authors=(), tags=(), links=(), related=(), **overrides) -> Article:
    """A published brief (published an hour ago) unless overridden; `related` are hand-picked."""
    n = next(_sequence)
    fields = {
        "title": f"Brief number {n}",
        "slug": f"brief-{n}",
        "summary": f"The summary of brief {n}.",
        "body": f"<p>The body of brief {n}.</p>",
        "status": Article.Status.PUBLISHED,
        "published_at": timezone.now() - timedelta(hours=1),
    }
    fields.update(overrides)
    article = Article.objects.create(**fields)
    for order, author in enumerate(authors):
        Authorship.objects.create(article=article, author=author, order=order)
    if tags:
        article.tags.add(*tags)
    for order, link in enumerate(links):
        RelatedLink.objects.create(article=article, order=order, **link)
    for other in related:
        article.related_articles.add(other)
    return article
