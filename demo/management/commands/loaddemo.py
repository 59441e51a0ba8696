from datetime import timedelta
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag

from articles.models import Article, Author, Authorship, Category, RelatedLink, Series
from demo import content as demo_content
from demo.illustrations import hero_illustration
from events.models import Event, EventSpeaker, Registration
from experts.models import Expert, SpokenLanguage


class Command(BaseCommand):
    help = (
        "Fill the database with a realistic demo site: topics, authors and illustrated "
        "briefs. Anything that already exists (by slug) is left alone, so running it "
        "twice changes nothing."
    )

    def handle(self, *args, **options):
        topics = {data["slug"]: self.topic(data) for data in demo_content.TOPICS}
        authors = {data["slug"]: self.author(data) for data in demo_content.AUTHORS}
        series = [self.series(data) for data in demo_content.SERIES]
        first_series = series[0]
        # Dates are relative to the first load, so a fresh demo always looks current.
        today = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0)
        created = []
        # Oldest first: a brief's number in its series follows its publication date.
        for data in sorted(demo_content.BRIEFS, key=lambda data: -data["days_ago"]):
            if Article.objects.filter(slug=data["slug"]).exists():
                continue
            try:
                created.append(self.brief(data, topics, authors, today, first_series))
            except IntegrityError:
                continue  # loaded by a concurrent run in the meantime
        for article, data in created:
            picked = Article.objects.filter(slug__in=data["related"])
            article.related_articles.add(
                *sorted(picked, key=lambda a: data["related"].index(a.slug))
            )
        # Outdated ones first: revising their original must not outdate the others.
        translations = sorted(demo_content.TRANSLATIONS, key=lambda data: not data.get("outdated"))
        created += [(t, None) for t in map(self.translation, translations) if t]
        for data in demo_content.EXPERTS:
            self.expert(data, topics, authors)
        events = [
            self.event(data, topics, authors)
            for data in demo_content.EVENTS
            if not Event.objects.filter(slug=data["slug"]).exists()
        ]
        if created or events:
            self.stdout.write(
                f"Demo content: added {len(created)} briefs and {len(events)} events."
            )
        else:
            self.stdout.write("Demo content: already loaded, nothing changed.")

    @transaction.atomic
    def event(self, data, topics, authors) -> Event:
        zone = ZoneInfo(data["time_zone"])
        day = (timezone.now() + timedelta(days=data["days_from_now"])).astimezone(zone)
        starts_at = day.replace(hour=data["hour"], minute=0, second=0, microsecond=0)
        fields = {
            key: data[key]
            for key in (
                "title", "summary", "body", "agenda", "recap", "language", "time_zone", "format",
                "venue", "venue_address", "online_url", "registration", "registration_url",
                "capacity", "recording_url", "slides_url",
            )
            if key in data
        }  # fmt: skip
        event = Event(
            slug=data["slug"],
            topic=topics[data["topic"]],
            starts_at=starts_at,
            ends_at=starts_at + timedelta(minutes=data["minutes"]),
            status=data.get("status", Event.Status.PUBLISHED),
            moderator=authors.get(data.get("moderator", "")),
            **fields,
        )
        event.full_clean()
        event.save()
        for order, slug in enumerate(data["speakers"]):
            EventSpeaker.objects.create(event=event, author=authors[slug], order=order)
        event.related_articles.add(*Article.objects.filter(slug__in=data["related"]))
        # Demo registrations: stored as they would be, without emailing anyone.
        Registration.objects.bulk_create(
            Registration(
                event=event,
                email=f"demo-guest{n}@example.org",
                name=f"Demo guest {n}",
                status=Registration.Status.CONFIRMED,
                confirmed_at=timezone.now(),
            )
            for n in range(1, data.get("confirmed", 0) + 1)
        )
        return event

    def topic(self, data) -> Category:
        translated = demo_content.TOPIC_TRANSLATIONS.get(data["slug"], {})
        topic, _created = Category.objects.get_or_create(
            slug=data["slug"],
            defaults={
                "name": data["name"],
                "description": data["description"],
                "order": data["order"],
                **translated,
            },
        )
        # A demo loaded before topics had translations gets them, never over an edit.
        missing = {field: text for field, text in translated.items() if not getattr(topic, field)}
        if missing:
            Category.objects.filter(pk=topic.pk).update(**missing)
        return topic

    @transaction.atomic
    def translation(self, data) -> Article | None:
        """A published translation of a demo brief, unless it (or its original) is missing."""
        if Article.objects.filter(slug=data["slug"]).exists():
            return None
        original = Article.objects.filter(slug=data["of"]).first()
        if original is None or original.translation_key is None:
            return None
        if Article.objects.filter(
            translation_key=original.translation_key, language=data["language"]
        ).exists():
            return None
        revision = data.get("outdated")
        final_body = original.body
        if revision:
            # The original as it was before its last revision, when this was translated.
            start, end = (final_body.index(marker) for marker in revision)
            original.body = final_body[:start] + final_body[end:]
            original.save()
        translation = original.translate(data["language"])
        translation.slug = data["slug"]
        translation.title = data["title"]
        translation.summary = data["summary"]
        translation.body = data["body"].strip()
        translation.hero_alt = data["hero_alt"]
        translation.status = Article.Status.PUBLISHED
        translation.published_at = min(
            (original.published_at or timezone.now()) + timedelta(hours=6), timezone.now()
        )
        translation.full_clean()
        translation.save()
        if revision:
            original.body = final_body
            original.save()
        return translation

    def series(self, data) -> Series:
        series, _created = Series.objects.get_or_create(
            slug=data["slug"], defaults={"name": data["name"], "description": data["description"]}
        )
        return series

    def expert(self, data, topics, authors) -> None:
        expert, created = Expert.objects.get_or_create(
            author=authors[data["author"]],
            defaults={
                "keywords": data["keywords"],
                "is_available_for_media": data["media"],
                "media_email": demo_content.MEDIA_EMAIL if data["media"] else "",
            },
        )
        if created:
            expert.topics.add(*(topics[slug] for slug in data["topics"]))
            for code in data["languages"]:
                SpokenLanguage.objects.get_or_create(expert=expert, language=code)

    def author(self, data) -> Author:
        # Fictional people get no photo: the pages show their initials instead.
        author, _created = Author.objects.get_or_create(
            slug=data["slug"],
            defaults={
                "name": data["name"],
                "role": data["role"],
                "affiliation": data.get("affiliation", ""),
                "bio": data["bio"],
            },
        )
        return author

    @transaction.atomic
    def brief(self, data, topics, authors, today, series) -> tuple[Article, dict]:
        is_published = data.get("status", "published") == "published"
        article = Article(
            slug=data["slug"],
            title=data["title"],
            category=topics[data["topic"]],
            series=series,
            summary=data["summary"],
            body=data["body"].strip(),
            status=Article.Status.PUBLISHED if is_published else Article.Status.REVIEW,
            published_at=today - timedelta(days=data["days_ago"]) if is_published else None,
            is_featured=data.get("featured", False),
            hero_alt=data["hero_alt"],
            hero_credit=demo_content.CREDIT,
            hero_licence=demo_content.LICENCE,
            hero_image=ContentFile(
                hero_illustration(data["art"], data["slug"]), name=f"{data['slug']}.jpg"
            ),
        )
        article.full_clean()
        article.save()
        for order, slug in enumerate(data["authors"]):
            Authorship.objects.create(article=article, author=authors[slug], order=order)
        article.tags.add(*(self.tag(name) for name in data["tags"]))
        for order, link in enumerate(data["links"]):
            RelatedLink.objects.create(article=article, order=order, **link)
        return article, data

    def tag(self, name: str) -> Tag:
        # "EU–LAC" should read /tags/eu-lac/, not /tags/eulac/.
        slug = slugify(name.replace("–", "-"))
        existing = Tag.objects.filter(Q(name=name) | Q(slug=slug)).first()
        if existing:
            return existing
        tag, _created = Tag.objects.get_or_create(slug=slug, defaults={"name": name})
        return tag
