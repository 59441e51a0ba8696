from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.core.validators import URLValidator
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager, _TaggableManager

from articles.images import make_renditions, validate_image_upload
from articles.sanitize import clean_body, reading_minutes

NAVIGATION_CACHE_KEY = "articles:navigation-topics"


class CategoryQuerySet(models.QuerySet):
    def in_order(self):
        return self.order_by("order", "name")


class Category(models.Model):
    """A topic, such as "Tech Cooperation", that groups briefs."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(
        _("description"), blank=True, help_text=_("One or two sentences shown on the topic page.")
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Topics are listed from the lowest number up.")
    )

    objects = CategoryQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        cache.delete(NAVIGATION_CACHE_KEY)

    def get_absolute_url(self) -> str:
        return reverse("articles:topic", kwargs={"slug": self.slug})

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        cache.delete(NAVIGATION_CACHE_KEY)
        return result


def navigation_topics() -> list[dict]:
    """The topics in the site header, cached: every page shows them."""
    topics = cache.get(NAVIGATION_CACHE_KEY)
    if topics is None:
        topics = [
            {"name": name, "url": reverse("articles:topic", kwargs={"slug": slug})}
            for name, slug in Category.objects.in_order().values_list("name", "slug")
        ]
        cache.set(NAVIGATION_CACHE_KEY, topics, 60 * 60)
    return topics


class Author(models.Model):
    """A person who writes briefs: staff, fellows or external co-authors."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    role = models.CharField(
        _("role"), max_length=120, blank=True, help_text=_("E.g. “Senior Fellow, AI Governance”.")
    )
    affiliation = models.CharField(
        _("affiliation"),
        max_length=160,
        blank=True,
        help_text=_("For external co-authors: their own organisation."),
    )
    citation_name = models.CharField(
        _("name in citations"),
        max_length=160,
        blank=True,
        help_text=_(
            "Family name(s), a comma, then given name(s): “García Pérez, María José”. "
            "Leave empty to cite the last word of the name as the family name. "
            "Without a comma the text is cited as it is (for an organisation)."
        ),
    )
    bio = models.TextField(_("short bio"), blank=True, max_length=1500)
    photo = models.ImageField(
        _("photo"), upload_to="authors/", blank=True, validators=[validate_image_upload]
    )
    url = models.URLField(
        _("external link"),
        blank=True,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("A personal site or profile elsewhere."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="author_profile",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if self.photo and not self.photo._committed:
            validate_image_upload(self.photo.file)
        super().save(*args, **kwargs)
        # Author names are part of their briefs' search index.
        Article.objects.filter(authorships__author=self).update_search_index()

    def get_absolute_url(self) -> str:
        return reverse("articles:author", kwargs={"slug": self.slug})


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """The one definition of what the public may see."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def newest_first(self):
        return self.order_by("-published_at", "-pk")

    def update_search_index(self) -> int:
        """Recompute the search index entries of these briefs; returns how many."""
        # Imported here: the search module builds on these models.
        from articles.search import index_briefs

        return index_briefs(self)

    def for_cards(self):
        """What a list of brief cards shows, in a fixed number of queries."""
        return self.select_related("category").prefetch_related(
            models.Prefetch(
                "authorships",
                queryset=Authorship.objects.select_related("author").order_by("order", "pk"),
            )
        )


class ArticleManager(models.Manager.from_queryset(ArticleQuerySet)):
    def get_queryset(self):
        # The stored search vectors are large and only ever read inside SQL; deferring
        # them also means saving a loaded brief never writes stale vectors back.
        return super().get_queryset().defer("search_vector", "search_rank_vector")


class IndexedTagManager(_TaggableManager):
    """Tags are part of the search index: every change to them updates it."""

    def add(self, *tags, **kwargs):
        super().add(*tags, **kwargs)
        self.instance.update_search_index()

    def remove(self, *tags):
        super().remove(*tags)
        if tags:
            self.instance.update_search_index()

    def clear(self):
        super().clear()
        self.instance.update_search_index()


class Article(models.Model):
    """A policy brief."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEW = "review", _("In review")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        help_text=_("The brief's address: /articles/<slug>/."),
    )
    category = models.ForeignKey(
        Category,
        verbose_name=_("topic"),
        on_delete=models.PROTECT,
        related_name="articles",
        null=True,
        blank=True,
    )
    summary = models.TextField(
        _("summary"),
        max_length=600,
        blank=True,
        help_text=_("The standfirst: one or two sentences under the title, also used in lists."),
    )
    body = models.TextField(
        _("body"),
        blank=True,
        help_text=_("Rich text. Anything outside the allowed HTML is removed when saved."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        _("publish time"),
        null=True,
        blank=True,
        help_text=_("Set when first published; a future time schedules the brief."),
    )
    is_featured = models.BooleanField(
        _("featured"), default=False, help_text=_("Shown first on the home page.")
    )

    hero_image = models.ImageField(
        _("hero image"),
        upload_to="articles/%Y/%m/",
        blank=True,
        width_field="hero_width",
        height_field="hero_height",
        validators=[validate_image_upload],
    )
    hero_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    hero_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    hero_alt = models.CharField(
        _("hero image alt text"),
        max_length=300,
        blank=True,
        help_text=_("Describe the picture for people who cannot see it. Required with an image."),
    )
    hero_credit = models.CharField(
        _("photo credit"),
        max_length=200,
        blank=True,
        help_text=_("E.g. “Photo by Ana Lima on Pexels”."),
    )
    hero_credit_url = models.URLField(
        _("photo credit link"),
        blank=True,
        validators=[URLValidator(schemes=["http", "https"])],
    )
    hero_licence = models.CharField(
        _("photo licence"),
        max_length=100,
        blank=True,
        help_text=_("E.g. “Pexels License”, “CC BY 4.0”."),
    )
    hero_renditions = models.JSONField(default=dict, blank=True, editable=False)

    tags = TaggableManager(_("tags"), blank=True, manager=IndexedTagManager)
    authors = models.ManyToManyField(
        Author, through="Authorship", related_name="articles", verbose_name=_("authors"), blank=True
    )
    related_articles = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="+",
        verbose_name=_("related briefs"),
        help_text=_(
            "Chosen by hand; the page tops the list up with briefs on shared tags and topic."
        ),
    )

    seo_title = models.CharField(
        _("SEO title"),
        max_length=70,
        blank=True,
        help_text=_("For search results; defaults to the title."),
    )
    seo_description = models.CharField(
        _("SEO description"),
        max_length=170,
        blank=True,
        help_text=_("For search results and link previews; defaults to the summary."),
    )

    reading_time = models.PositiveSmallIntegerField(
        _("reading time (minutes)"), default=1, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    # Full-text search on PostgreSQL (see articles/search.py), kept current by
    # update_search_index(): the whole brief, weighted, to find matches (its GIN
    # index is made by the migration, on PostgreSQL only), and a small vector of
    # its title, summary, tags and authors to rank them quickly. On SQLite both
    # stay empty and search uses an FTS5 table.
    search_vector = SearchVectorField(null=True, editable=False)
    search_rank_vector = SearchVectorField(null=True, editable=False)

    objects = ArticleManager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("brief")
        verbose_name_plural = _("briefs")
        indexes = [
            models.Index(fields=["status", "-published_at"], name="article_public_idx"),
            models.Index(fields=["category", "status", "-published_at"], name="article_topic_idx"),
            models.Index(
                fields=["is_featured", "status", "-published_at"], name="article_featured_idx"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    # The stored hero image's name, to make renditions only when it changes.
    _saved_hero_name: str | None = None

    def save(self, *args, **kwargs):
        self.body = clean_body(self.body)
        self.reading_time = reading_minutes(self.body)
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        hero_changed = (self.hero_image.name or None) != self._saved_hero_name
        if self.hero_image and not self.hero_image._committed:
            validate_image_upload(self.hero_image.file)
        if hero_changed and not self.hero_image:
            self.hero_renditions = {}
        with transaction.atomic():
            super().save(*args, **kwargs)
            self.update_search_index()
        if hero_changed and self.hero_image:
            self.hero_renditions = make_renditions(self.hero_image, folder="articles")
            super().save(update_fields=["hero_renditions"])
        self._saved_hero_name = self.hero_image.name

    def get_absolute_url(self) -> str:
        return reverse("articles:detail", kwargs={"slug": self.slug})

    def update_search_index(self) -> None:
        """Bring this brief's search entry in line with its text, tags and authors."""
        Article.objects.filter(pk=self.pk).update_search_index()

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        if "hero_image" in instance.__dict__:
            instance._saved_hero_name = instance.hero_image.name or None
        return instance

    @cached_property
    def hero(self) -> dict | None:
        """The hero image's renditions as `<picture>` needs them, or None."""
        renditions = self.hero_renditions or {}
        sources = renditions.get("sources")
        if not sources:
            return None
        url = default_storage.url
        fallback = sources[min(1, len(sources) - 1)]
        largest = sources[-1]
        return {
            "webp_srcset": ", ".join(f"{url(s['webp'])} {s['width']}w" for s in sources),
            "jpeg_srcset": ", ".join(f"{url(s['jpeg'])} {s['width']}w" for s in sources),
            "src": url(fallback["jpeg"]),
            "width": largest["width"],
            "height": largest["height"],
            "social": url(renditions["social"]["jpeg"]) if renditions.get("social") else None,
        }

    @property
    def is_public(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    def publish(self, at=None) -> None:
        """Publish now, or schedule for `at`; the first publish time is kept otherwise."""
        self.status = self.Status.PUBLISHED
        if at is not None:
            self.published_at = at
        elif self.published_at is None:
            self.published_at = timezone.now()
        self.save()


class Authorship(models.Model):
    """An author's place in a brief's byline."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="authorships")
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="authorships")
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        constraints = [
            models.UniqueConstraint(fields=["article", "author"], name="unique_authorship"),
        ]

    def __str__(self) -> str:
        return str(self.author)

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        Article.objects.filter(pk=self.article_id).update_search_index()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        Article.objects.filter(pk=self.article_id).update_search_index()
        return result


class RelatedLink(models.Model):
    """Further reading: a link elsewhere, shown under the brief."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="related_links")
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(
        _("URL"), max_length=500, validators=[URLValidator(schemes=["http", "https"])]
    )
    source = models.CharField(
        _("source"), max_length=120, blank=True, help_text=_("E.g. “European Commission”.")
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("related link")
        verbose_name_plural = _("related links")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        # Links are shown to readers: whatever path saved this, only http(s) gets stored.
        self.full_clean(exclude=["article"], validate_unique=False, validate_constraints=False)
        super().save(*args, **kwargs)
