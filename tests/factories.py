"""Small factory functions: the smallest valid object, overridden per test."""

import io
import itertools
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from articles.models import Article, Author, Authorship, Category, RelatedLink, Series

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


def make_series(**overrides) -> Series:
    n = next(_sequence)
    fields = {"name": f"Series {n}", "slug": f"series-{n}"}
    fields.update(overrides)
    return Series.objects.create(**fields)


def make_expert(*, languages=(), topics=(), **overrides):
    """A listed expert (a new staff author unless `author` is given)."""
    from experts.models import Expert, SpokenLanguage

    fields = {"author": overrides.pop("author", None) or make_author()}
    fields.update(overrides)
    expert = Expert.objects.create(**fields)
    for code in languages:
        SpokenLanguage.objects.create(expert=expert, language=code)
    if topics:
        expert.topics.add(*topics)
    return expert


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
    if article.hero_image and not article.hero_renditions:
        # Made after the commit, which a test's transaction never reaches: made now.
        article.make_hero_renditions(article.hero_image.name)
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


def make_event(*, speakers=(), related=(), **overrides):
    """A published in-person event in Brussels a week from now, 15:00–16:30, unless overridden."""
    from zoneinfo import ZoneInfo

    from events.models import Event, EventSpeaker

    n = next(_sequence)
    start = (timezone.now() + timedelta(days=7)).astimezone(ZoneInfo("Europe/Brussels"))
    start = start.replace(hour=15, minute=0, second=0, microsecond=0)
    fields = {
        "title": f"Round table {n}",
        "slug": f"event-{n}",
        "summary": f"The summary of event {n}.",
        "body": f"<p>The body of event {n}.</p>",
        "starts_at": start,
        "ends_at": start + timedelta(minutes=90),
        "time_zone": "Europe/Brussels",
        "format": Event.Format.IN_PERSON,
        "venue": "Résidence Palace",
        "venue_address": "Rue de la Loi 155, 1040 Brussels",
        "status": Event.Status.PUBLISHED,
        "registration": Event.RegistrationMode.OPEN,
    }
    fields.update(overrides)
    event = Event.objects.create(**fields)
    for order, author in enumerate(speakers):
        EventSpeaker.objects.create(event=event, author=author, order=order)
    for article in related:
        event.related_articles.add(article)
    return event


def make_registration(event, **overrides):
    """A confirmed registration with no email waiting, unless overridden."""
    from events.models import Registration

    n = next(_sequence)
    fields = {
        "event": event,
        "email": f"guest{n}@example.org",
        "name": f"Guest {n}",
        "status": Registration.Status.CONFIRMED,
        "confirmed_at": timezone.now(),
    }
    fields.update(overrides)
    return Registration.objects.create(**fields)


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
