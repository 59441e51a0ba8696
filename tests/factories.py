"""Small factory functions: the smallest valid object, overridden per test."""

import io
import itertools
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from articles.models import Article, Author, Authorship, Category, RelatedLink

_sequence = itertools.count(1)

# Overrides that make a brief anything but public, by name: for parametrized tests.
UNPUBLISHED = {
    "draft": {"status": Article.Status.DRAFT, "published_at": None},
    "review": {"status": Article.Status.REVIEW, "published_at": None},
    "archived": {"status": Article.Status.ARCHIVED},
    "scheduled": {"published_at": timezone.now() + timedelta(days=2)},
}


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


def make_user(role: str | None = None, **overrides):
    """A staff user in the group `role` ("Writers", "Editors", "Administrators")."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    n = next(_sequence)
    fields = {"username": f"user{n}", "email": f"user{n}@stateup.test", "is_staff": True}
    fields.update(overrides)
    password = fields.pop("password", "a-long-test-password-1")
    user = get_user_model().objects.create_user(password=password, **fields)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


def make_ready_article(**overrides) -> Article:
    """A draft that passes every pre-publish check."""
    fields = {
        "status": Article.Status.DRAFT,
        "published_at": None,
        "category": overrides.pop("category", None) or make_category(),
        "authors": overrides.pop("authors", None) or [make_author()],
    }
    fields.update(overrides)
    return make_article(**fields)


def make_subscriber(**overrides):
    """A pending subscriber with no email waiting, unless overridden."""
    from newsletter.models import CONSENT_TEXT, CONSENT_VERSION, Subscriber

    n = next(_sequence)
    fields = {
        "email": f"reader{n}@example.org",
        "name": f"Reader {n}",
        "interests": ["newsletter"],
        "status": Subscriber.Status.PENDING,
        "consent_version": CONSENT_VERSION,
        "consent_text": str(CONSENT_TEXT),
        "consented_at": timezone.now(),
    }
    fields.update(overrides)
    return Subscriber.objects.create(**fields)


def make_contact_message(**overrides):
    from newsletter.models import ContactMessage

    n = next(_sequence)
    fields = {
        "name": f"Writer {n}",
        "email": f"writer{n}@example.org",
        "subject": f"Question {n}",
        "message": f"Hello, this is message {n}.",
    }
    fields.update(overrides)
    return ContactMessage.objects.create(**fields)


def make_campaign(*, topics=(), **overrides):
    """A draft campaign to everyone, unless overridden."""
    from newsletter.models import Campaign

    fields = {
        "subject": "News from StateUp",
        "preheader": "Three briefs this month",
        "body": "<p>Hello readers.</p><p>Read <a href='https://example.org/x'>this</a>.</p>",
    }
    fields.update(overrides)
    campaign = Campaign.objects.create(**fields)
    campaign.topics.set(topics)
    return campaign
