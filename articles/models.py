import uuid
from urllib.parse import quote

from django.conf import settings
from django.contrib.admin import display as admin_display
from django.contrib.postgres.search import SearchVectorField
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.validators import RegexValidator, URLValidator
from django.db import models, transaction
from django.db.models import Case, Count, F, IntegerField, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.dispatch import Signal
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language, override
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager
from taggit.models import TaggedItem

from articles.images import make_renditions, validate_image_upload
from articles.sanitize import clean_body, reading_minutes, web_url
from pagecache import version

# Taggit's rows for briefs, matched by a join rather than a content-type lookup, so a
# page never spends a query on it (not even in a freshly started process).
_ARTICLE_TAGS = {"content_type__app_label": "articles", "content_type__model": "article"}

# How many related briefs a brief page shows.
RELATED_LIMIT = 3
# Automatic related briefs are ranked among at most this many of the newest
# briefs that share a tag, so the ranking costs the same with 100 or 100,000 briefs.
RELATED_TAG_CANDIDATES = 200
WEB_URL = URLValidator(schemes=["http", "https"])
DOI = RegexValidator(
    r"^10\.\d{4,9}/[^\s]+$",
    _("Enter a DOI such as 10.5281/zenodo.1234567 (without https://doi.org/)."),
)

# The brief's own text that search reads; its tags and authors come from their tables.
TEXT_FIELDS = frozenset({"title", "summary", "body"})
# Sent after a bulk write to briefs (QuerySet.update of their text, bulk_create), with
# their `pks`: what save() signals would have told, for whatever reads their text.
briefs_written = Signal()


class CategoryQuerySet(models.QuerySet):
    def in_order(self):
        return self.order_by("order", "name")


class Language(models.TextChoices):
    """The languages of the site and of its briefs (settings.LANGUAGES)."""

    ENGLISH = "en", _("English")
    SPANISH = "es", _("Spanish")
    PORTUGUESE = "pt", _("Portuguese")


def current_language() -> str:
    """The language of the page being made: one of Language's codes."""
    code = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return code if code in Language.values else settings.LANGUAGE_CODE


class Category(models.Model):
    """A topic, such as "Tech Cooperation", that groups briefs."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    name_es = models.CharField(_("name in Spanish"), max_length=80, blank=True)
    name_pt = models.CharField(_("name in Portuguese"), max_length=80, blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(
        _("description"), blank=True, help_text=_("One or two sentences shown on the topic page.")
    )
    description_es = models.TextField(_("description in Spanish"), blank=True)
    description_pt = models.TextField(_("description in Portuguese"), blank=True)
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

    def get_absolute_url(self) -> str:
        return reverse("briefs:topic", kwargs={"slug": self.slug})

    @property
    def local_name(self) -> str:
        """The name in the page's language (English when not translated)."""
        language = current_language()
        return (getattr(self, f"name_{language}", "") if language != "en" else "") or self.name

    @property
    def local_description(self) -> str:
        """The description in the page's language (English when not translated)."""
        language = current_language()
        if language != "en":
            return getattr(self, f"description_{language}", "") or self.description
        return self.description


class Series(models.Model):
    """A numbered series of publications, such as "Policy Brief" or "Working Paper"."""

    name = models.CharField(
        _("name"), max_length=80, unique=True, help_text=_("E.g. “Policy Brief”, “Working Paper”.")
    )
    slug = models.SlugField(
        _("slug"), max_length=80, unique=True, help_text=_("Used in PDF file names.")
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("series")
        verbose_name_plural = _("series")

    def __str__(self) -> str:
        return self.name


class SeriesCounter(models.Model):
    """The last number given in one series and year: numbers only ever go up."""

    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="counters")
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["series", "year"], name="unique_series_year_counter")
        ]

    def __str__(self) -> str:
        return f"{self.series} {self.year}: {self.last_number}"

    @classmethod
    def take_next(cls, series_id: int, year: int) -> int:
        """
        The next number of `series_id` in `year`. The counter row stays locked until
        the caller's transaction ends (PostgreSQL row lock; SQLite's immediate
        transactions take the write lock up front), so two briefs published at the
        same moment wait for each other and never share a number; a rolled-back
        publication gives its number back, so numbers have no gaps.
        """
        with transaction.atomic():
            cls.objects.get_or_create(series_id=series_id, year=year)
            counter = cls.objects.filter(series_id=series_id, year=year)
            counter.update(last_number=F("last_number") + 1)
            return counter.values_list("last_number", flat=True).get()


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
        validators=[WEB_URL],
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

    def get_absolute_url(self) -> str:
        return reverse("briefs:author", kwargs={"slug": self.slug})

    @property
    def initials(self) -> str:
        """Up to two letters that stand in for a missing photo."""
        words = [word for word in self.name.split() if word[:1].isalpha()]
        if not words:
            return "?"
        letters = words[0][0] + (words[-1][0] if len(words) > 1 else "")
        return letters.upper()

    @property
    def website(self) -> str:
        """The external link, only if it is a web address (whatever path stored it)."""
        return web_url(self.url)


def bylines() -> models.Prefetch:
    """Fetch the authors of many briefs in one query, in byline order."""
    return models.Prefetch(
        "authorships",
        queryset=Authorship.objects.select_related("author").order_by("order", "pk"),
    )


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """The one definition of what the public may see."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def newest_first(self):
        return self.order_by("-published_at", "-pk")

    def scheduled(self):
        """Published with a future time: coming, soonest first."""
        return self.filter(
            status=Article.Status.PUBLISHED, published_at__gt=timezone.now()
        ).order_by("published_at", "pk")

    def in_review(self):
        """Waiting for an editor, oldest submission first."""
        return self.filter(status=Article.Status.REVIEW).order_by(
            models.F("submitted_at").asc(nulls_first=True), "pk"
        )

    def update(self, **kwargs):
        # Bulk writes bypass save(): whatever reads the written text is told.
        if TEXT_FIELDS.isdisjoint(kwargs):
            return super().update(**kwargs)
        pks = list(self.values_list("pk", flat=True))
        rows = super().update(**kwargs)
        briefs_written.send(sender=Article, pks=pks, using=self.db)
        return rows

    update.alters_data = True

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        pks = [article.pk for article in created if article.pk is not None]
        briefs_written.send(sender=Article, pks=pks, using=self.db)
        return created

    bulk_create.alters_data = True

    def in_language(self, language: str | None = None):
        """Briefs written in `language`, by default the page's."""
        return self.filter(language=language or current_language())

    def translations_of(self, article: "Article"):
        """The other language versions of `article` (same translation key)."""
        return self.filter(translation_key=article.translation_key).exclude(pk=article.pk)

    def with_translation_slugs(self):
        """
        Each brief's public translations, as `translation_slug_<code>` (None where there
        is none), and the language of the brief it was translated from, as
        `source_language`: parts of the same query, so a page knows them at no extra cost.
        """
        public = Article.objects.published().filter(translation_key=OuterRef("translation_key"))
        return self.annotate(
            source_language=F("translated_from__language"),
            **{
                f"translation_slug_{code}": Subquery(
                    public.filter(language=code).exclude(pk=OuterRef("pk")).values("slug")[:1]
                )
                for code in Language.values
            },
        )

    def outdated(self):
        """Translations whose original's text changed since they were last brought in line."""
        return self.filter(
            translated_from__isnull=False,
            translated_from__content_changed_at__gt=F("source_synced_at"),
        )

    def missing_translation(self, language: str):
        """Briefs with no version in `language` (and not themselves in it)."""
        return self.exclude(language=language).exclude(
            translation_key__in=Article.objects.filter(language=language).values("translation_key")
        )

    def for_cards(self):
        """What a list of brief cards shows, in a fixed number of queries."""
        return self.select_related("category").prefetch_related(bylines())

    def tagged(self, tag):
        """Briefs with `tag`, found from the tag's side so an index does the work."""
        return self.filter(
            pk__in=TaggedItem.objects.filter(**_ARTICLE_TAGS, tag=tag).values("object_id")
        )

    def related_to(self, article: "Article", limit: int = RELATED_LIMIT):
        """
        Up to `limit` briefs from this queryset to read after `article`: the ones
        picked by hand first (in the order they were picked), then the others ranked
        by the number of tags they share with it, then same topic, then newest.

        One query. Only a bounded pool is ranked: the newest briefs, the newest in
        the topic and the briefs most recently given one of its tags, each found
        through an index, so it costs the same with 100 or 100,000 briefs. Call it
        on `published()`: it only returns briefs of `self`.
        """
        picked = Article.related_articles.through.objects.filter(from_article_id=article.pk)
        tag_ids = [tag.pk for tag in article.tags.all()]
        # Twice the limit: enough to fill up even if hand-picked briefs are among them.
        newest = self.exclude(pk=article.pk).order_by("-published_at", "-pk").values("pk")
        pools = [picked.values("to_article_id"), newest[: 2 * limit]]
        if article.category_id is not None:
            pools.append(newest.filter(category_id=article.category_id)[: 2 * limit])
        if tag_ids:
            pools.append(
                TaggedItem.objects.filter(**_ARTICLE_TAGS, tag_id__in=tag_ids)
                .order_by("-object_id")
                .values("object_id")[:RELATED_TAG_CANDIDATES]
            )
        # A union of "pk IN (…)" keeps every part on an index; OR-ing them does not.
        by_pk = Article.objects.order_by().values("pk")
        pool = by_pk.filter(pk__in=pools[0]).union(*(by_pk.filter(pk__in=p) for p in pools[1:]))
        return (
            self.exclude(pk=article.pk)
            .filter(pk__in=pool)
            .annotate(
                picked_order=Subquery(picked.filter(to_article_id=OuterRef("pk")).values("pk")[:1]),
                **self._relatedness(article, tag_ids),
            )
            .order_by(
                F("picked_order").asc(nulls_last=True),
                "-shared_tags",
                "-same_topic",
                "-published_at",
                "-pk",
            )[:limit]
        )

    @staticmethod
    def _relatedness(article: "Article", tag_ids: list[int]) -> dict:
        if tag_ids:
            shared = (
                TaggedItem.objects.filter(
                    **_ARTICLE_TAGS,
                    object_id=OuterRef("pk"),
                    tag_id__in=tag_ids,
                )
                .order_by()
                .values("object_id")
                .annotate(count=Count("pk"))
                .values("count")
            )
            shared_tags = Coalesce(Subquery(shared, output_field=IntegerField()), 0)
        else:
            shared_tags = Value(0, output_field=IntegerField())
        if article.category_id is not None:
            same_topic = Case(
                When(category_id=article.category_id, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        else:
            same_topic = Value(0, output_field=IntegerField())
        return {"shared_tags": shared_tags, "same_topic": same_topic}


class ArticleManager(models.Manager.from_queryset(ArticleQuerySet)):
    def get_queryset(self):
        # The stored search vectors are large and only ever read inside SQL; deferring
        # them also means saving a loaded brief never writes stale vectors back.
        return super().get_queryset().defer("search_vector", "search_rank_vector")


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
        help_text=_("The end of the brief's address, as in /articles/eu-lac-digital-alliance/."),
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

    series = models.ForeignKey(
        Series,
        verbose_name=_("series"),
        on_delete=models.PROTECT,
        related_name="articles",
        null=True,
        blank=True,
        help_text=_(
            "The brief gets the series' next number for its year when first published; "
            "the series cannot change after that."
        ),
    )
    series_year = models.PositiveSmallIntegerField(_("series year"), null=True, editable=False)
    series_number = models.PositiveIntegerField(_("number in series"), null=True, editable=False)
    doi = models.CharField(
        _("DOI"),
        max_length=200,
        blank=True,
        validators=[DOI],
        help_text=_("Optional, e.g. 10.5281/zenodo.1234567."),
    )
    # --- Languages: each translation is a whole brief, linked by its translation key ---
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=Language.choices,
        default=Language.ENGLISH,
        help_text=_(
            "The language the brief is written in; it is listed with that language's briefs."
        ),
    )
    translation_key = models.UUIDField(
        _("translation key"),
        default=uuid.uuid4,
        editable=False,
        help_text=_("Shared by every language version of one brief."),
    )
    translated_from = models.ForeignKey(
        "self",
        verbose_name=_("translated from"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    source_synced_at = models.DateTimeField(
        _("in line with the original since"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When an editor last checked this translation against its original."),
    )
    content_changed_at = models.DateTimeField(
        _("text last changed"), null=True, blank=True, editable=False
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
        validators=[WEB_URL],
    )
    hero_licence = models.CharField(
        _("photo licence"),
        max_length=100,
        blank=True,
        help_text=_("E.g. “Pexels License”, “CC BY 4.0”."),
    )
    hero_renditions = models.JSONField(default=dict, blank=True, editable=False)

    tags = TaggableManager(_("tags"), blank=True)
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

    # Full-text search on PostgreSQL (see articles/search/), kept current by
    # update_search_index(): the whole brief, weighted, to find matches (its GIN
    # index is made by the migration, on PostgreSQL only), and a small vector of
    # its title, summary, tags and authors to rank them quickly. On SQLite both
    # stay empty and search uses an FTS5 table.
    search_vector = SearchVectorField(null=True, editable=False)
    search_rank_vector = SearchVectorField(null=True, editable=False)

    # --- Editorial workflow (see articles/editorial/workflow.py) ---
    is_shared = models.BooleanField(
        _("shared draft"),
        default=False,
        help_text=_("Any writer may edit this brief while it is a draft, not only its authors."),
    )
    changes_requested_reason = models.TextField(
        _("changes requested"),
        blank=True,
        editable=False,
        help_text=_("What the editor asked for when sending the brief back to its writer."),
    )
    submitted_at = models.DateTimeField(_("submitted for review"), null=True, editable=False)
    archived_at = models.DateTimeField(_("archived"), null=True, editable=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        editable=False,
        help_text=_("Goes up with every save; a form opened at an older version cannot save."),
    )
    history = HistoricalRecords(
        excluded_fields=["hero_renditions", "search_vector", "search_rank_vector"],
        user_related_name="+",
    )
    # --- end of editorial workflow fields ---

    objects = ArticleManager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("brief")
        verbose_name_plural = _("briefs")
        permissions = [
            ("review_article", _("Can review briefs and request changes")),
            ("publish_article", _("Can publish, schedule, unpublish and archive briefs")),
        ]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="article_public_idx"),
            models.Index(fields=["category", "status", "-published_at"], name="article_topic_idx"),
            models.Index(
                fields=["is_featured", "status", "-published_at"], name="article_featured_idx"
            ),
            models.Index(
                fields=["language", "status", "-published_at"], name="article_language_idx"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["translation_key", "language"], name="unique_translation_language"
            ),
            models.UniqueConstraint(
                fields=["series", "series_year", "series_number"], name="unique_series_number"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    # The stored hero image's name, to make renditions only when it changes.
    _saved_hero_name: str | None = None
    # The stored slug, to keep an old public address working when it changes.
    _saved_slug: str | None = None
    # The stored series: a numbered brief keeps its series.
    _saved_series_id: int | None = None
    # The stored title, summary and body, to know when the text itself changed.
    _saved_content: tuple | None = None

    def save(self, *args, **kwargs):
        if not self._state.adding:
            self.version += 1
        if self.hero_credit_url:
            # Shown as a link to readers: whatever path saved this, only http(s) is stored.
            try:
                WEB_URL(self.hero_credit_url)
            except ValidationError as error:
                raise ValidationError({"hero_credit_url": error.messages}) from None
        self.body = clean_body(self.body)
        self.reading_time = reading_minutes(self.body)
        content = (self.title, self.summary, self.body)
        if self._state.adding or (
            self._saved_content is not None and content != self._saved_content
        ):
            self.content_changed_at = timezone.now()
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "content_changed_at"}
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        if self.series_number is not None and self.series_id != self._saved_series_id:
            raise ValidationError(
                {"series": _("A numbered brief stays in its series: its number is already cited.")}
            )
        hero_changed = (self.hero_image.name or None) != self._saved_hero_name
        if self.hero_image and not self.hero_image._committed:
            validate_image_upload(self.hero_image.file)
        if hero_changed and not self.hero_image:
            self.hero_renditions = {}
        with transaction.atomic():
            numbering = (
                self.status == self.Status.PUBLISHED
                and self.series_id is not None
                and self.series_number is None
            )
            if numbering and self.pk is not None:
                # Another save (another editor, a retried task) may have numbered it.
                stored = (
                    Article.objects.select_for_update()
                    .filter(pk=self.pk, series_id=self.series_id)
                    .values_list("series_number", "series_year")
                    .first()
                )
                if stored and stored[0] is not None:
                    self.series_number, self.series_year = stored
                    numbering = False
            if numbering:
                self.series_year = timezone.localdate(self.published_at).year
                self.series_number = SeriesCounter.take_next(self.series_id, self.series_year)
                if kwargs.get("update_fields") is not None:
                    kwargs["update_fields"] = {
                        *kwargs["update_fields"],
                        "series_year",
                        "series_number",
                    }
            super().save(*args, **kwargs)
        if hero_changed and self.hero_image:
            # Slow work, once the brief is stored for good (renditions are named by
            # the image's digest: making them twice writes the same files).
            name = self.hero_image.name
            transaction.on_commit(lambda: self.make_hero_renditions(name), robust=True)
        self._saved_hero_name = self.hero_image.name
        self._remember_old_slug(self._saved_slug)
        self._saved_slug = self.slug
        self._saved_series_id = self.series_id
        self._saved_content = content

    def get_absolute_url(self) -> str:
        # In the brief's own language, whatever the page linking to it.
        with override(self.language or settings.LANGUAGE_CODE):
            return reverse("briefs:detail", kwargs={"slug": self.slug})

    @property
    def is_translation(self) -> bool:
        return self.translated_from_id is not None

    @property
    def is_outdated(self) -> bool:
        """Its original's text changed since an editor last checked this translation."""
        original = self.translated_from
        if original is None or original.content_changed_at is None:
            return False
        return self.source_synced_at is None or original.content_changed_at > self.source_synced_at

    def translate(self, language: str, *, by=None) -> "Article":
        """
        A new draft in `language` with this brief's translation key, topic, authors, tags,
        links and hero image, its text prefilled for the translator. Raises
        IntegrityError if the brief already has a version in that language.
        """
        if language not in Language.values or language == self.language:
            raise ValueError(f"Cannot translate a brief into {language!r}.")
        slug = f"{self.slug[: 200 - len(language) - 1]}-{language}"
        taken = Article.objects.filter(slug__startswith=slug).values_list("slug", flat=True)
        taken = set(taken) | set(
            SlugRedirect.objects.filter(old_slug__startswith=slug).values_list(
                "old_slug", flat=True
            )
        )
        base, n = slug, 2
        while slug in taken:
            slug = f"{base[:195]}-{n}"
            n += 1
        copied = [
            "title",
            "summary",
            "body",
            "category_id",
            "hero_alt",
            "hero_credit",
            "hero_credit_url",
            "hero_licence",
            "hero_width",
            "hero_height",
            "hero_renditions",
            "seo_title",
            "seo_description",
        ]
        with transaction.atomic():
            translation = Article(
                **{field: getattr(self, field) for field in copied},
                slug=slug,
                language=language,
                translation_key=self.translation_key,
                translated_from=self,
                source_synced_at=timezone.now(),
                status=Article.Status.DRAFT,
                created_by=by,
                updated_by=by,
                # The same stored image and renditions: nothing to decode again.
                hero_image=self.hero_image.name or "",
            )
            if self.hero_renditions:
                # Already made: the translation shares them. Otherwise (the original's
                # are still being made) it makes its own after its commit.
                translation._saved_hero_name = self.hero_image.name or None
            translation.save()
            for authorship in self.authorships.all():
                Authorship.objects.create(
                    article=translation, author_id=authorship.author_id, order=authorship.order
                )
            for link in self.related_links.all():
                RelatedLink.objects.create(
                    article=translation,
                    title=link.title,
                    url=link.url,
                    source=link.source,
                    note=link.note,
                    order=link.order,
                )
            tags = list(self.tags.all())
            if tags:
                translation.tags.add(*tags)
        return translation

    def mark_up_to_date(self) -> None:
        """An editor checked this translation against its original's current text."""
        self.source_synced_at = timezone.now()
        Article.objects.filter(pk=self.pk).update(source_synced_at=self.source_synced_at)

    def make_hero_renditions(self, name: str) -> None:
        """Make the renditions of hero image `name`, unless the brief has another by now."""
        if self.hero_image.name != name:
            return
        self.hero_renditions = make_renditions(self.hero_image, folder="articles")
        self.__dict__.pop("hero", None)
        # The same version of the brief, with its renditions: no history entry.
        Article.objects.filter(pk=self.pk, hero_image=name).update(
            hero_renditions=self.hero_renditions
        )
        version.invalidate()

    def clean(self):
        super().clean()
        if self.hero_image and not self.hero_alt.strip():
            raise ValidationError(
                {"hero_alt": _("Describe the image for readers who cannot see it.")},
                code="hero_alt_required",
            )

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        if "hero_image" in instance.__dict__:
            instance._saved_hero_name = instance.hero_image.name or None
        instance._saved_slug = instance.__dict__.get("slug")
        instance._saved_series_id = instance.__dict__.get("series_id")
        fields = instance.__dict__
        if "title" in fields and "summary" in fields and "body" in fields:
            instance._saved_content = (fields["title"], fields["summary"], fields["body"])
        return instance

    @property
    @admin_display(description=_("number"))
    def series_label(self) -> str:
        """ "Policy Brief 12/2026", or empty before the brief is numbered."""
        if self.series_number is None or self.series_id is None:
            return ""
        return _("%(series)s %(number)s/%(year)s") % {
            "series": self.series.name,
            "number": self.series_number,
            "year": self.series_year,
        }

    @property
    def doi_url(self) -> str:
        return f"https://doi.org/{quote(self.doi, safe='/:;()')}" if self.doi else ""

    @property
    def pdf_filename(self) -> str:
        """ "stateup-policy-brief-12-2026-<slug>.pdf"."""
        parts = ["stateup"]
        if self.series_number is not None and self.series_id is not None:
            parts += [self.series.slug, str(self.series_number), str(self.series_year)]
        return "-".join([*parts, self.slug]) + ".pdf"

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
    def hero_credit_href(self) -> str:
        return web_url(self.hero_credit_url)

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

    def _remember_old_slug(self, old_slug: str | None) -> None:
        if old_slug == self.slug:
            return
        # A brief taking a slug wins over an old address that redirected elsewhere.
        SlugRedirect.objects.filter(old_slug=self.slug).delete()
        if old_slug and self.published_at is not None:
            SlugRedirect.objects.update_or_create(old_slug=old_slug, defaults={"article": self})


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


class RelatedLink(models.Model):
    """Further reading: a link elsewhere, shown under the brief."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="related_links")
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("URL"), max_length=500, validators=[WEB_URL])
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

    @property
    def href(self) -> str:
        """The URL to link to: empty unless it is http(s), even if stored some other way."""
        return web_url(self.url)


# --- Editorial workflow models ---


class SlugRedirect(models.Model):
    """An earlier address of a published brief, answered with a permanent redirect."""

    old_slug = models.SlugField(_("old slug"), max_length=200, unique=True)
    article = models.ForeignKey(
        Article,
        verbose_name=_("brief"),
        on_delete=models.CASCADE,
        related_name="slug_redirects",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("old address")
        verbose_name_plural = _("old addresses")

    def __str__(self) -> str:
        return f"/articles/{self.old_slug}/ → {self.article.slug}"


class PreviewLinkQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class PreviewLink(models.Model):
    """A shareable, expiring, revocable read-only link to one brief's current version."""

    SIGNING_SALT = "articles.preview-link"

    article = models.ForeignKey(
        Article, verbose_name=_("brief"), on_delete=models.CASCADE, related_name="preview_links"
    )
    key = models.CharField(_("key"), max_length=64, unique=True, editable=False)
    note = models.CharField(
        _("shared with"), max_length=120, blank=True, help_text=_("E.g. “Funder review”.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = PreviewLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("preview link")
        verbose_name_plural = _("preview links")

    def __str__(self) -> str:
        return str(self.note or self.article)

    def get_absolute_url(self) -> str:
        token = signing.Signer(salt=self.SIGNING_SALT).sign(self.key)
        # In the brief's own language, as its readers will see it.
        with override(self.article.language):
            return reverse("briefs:shared_preview", kwargs={"token": token})

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def revoke(self) -> None:
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])


def validate_pdf_upload(file) -> None:
    """A designed PDF must really be a PDF (it is served as one) of at most 50 MB."""
    from pypdf import PdfReader

    if file.size > PDF_UPLOAD_MAX_BYTES:
        raise ValidationError(_("A PDF may be at most 50 MB."), code="pdf_too_large")
    file.seek(0)
    if file.read(5) != b"%PDF-":
        raise ValidationError(_("This file is not a PDF."), code="not_pdf")
    file.seek(0)
    try:
        pages = len(PdfReader(file).pages)
    except Exception:  # pypdf raises many kinds on a damaged file: all mean "unreadable"
        raise ValidationError(_("This PDF cannot be read."), code="pdf_unreadable") from None
    finally:
        file.seek(0)
    if pages < 1:
        raise ValidationError(_("This PDF has no pages."), code="pdf_empty")


PDF_UPLOAD_MAX_BYTES = 50 * 1024 * 1024


class PdfEdition(models.Model):
    """
    A brief's PDF: the one made from its content (articles/pdf.py) after every change,
    or a designed PDF uploaded by staff, which replaces it while it is there.
    """

    article = models.OneToOneField(
        Article, verbose_name=_("brief"), on_delete=models.CASCADE, related_name="pdf_edition"
    )
    generated = models.FileField(_("generated PDF"), upload_to="pdf/", blank=True, editable=False)
    generated_version = models.PositiveIntegerField(
        _("made from version"), null=True, editable=False
    )
    generated_pages = models.PositiveIntegerField(_("pages"), null=True, editable=False)
    generated_size = models.PositiveIntegerField(_("size (bytes)"), null=True, editable=False)
    generated_at = models.DateTimeField(_("made"), null=True, editable=False)
    render_started_at = models.DateTimeField(null=True, editable=False)
    designed = models.FileField(
        _("designed PDF"),
        upload_to="pdf/designed/",
        blank=True,
        validators=[validate_pdf_upload],
        help_text=_("Replaces the generated PDF while it is here. At most 50 MB."),
    )
    designed_pages = models.PositiveIntegerField(null=True, editable=False)
    designed_size = models.PositiveIntegerField(null=True, editable=False)

    class Meta:
        verbose_name = _("PDF edition")
        verbose_name_plural = _("PDF editions")

    def __str__(self) -> str:
        return str(self.article)

    def save(self, *args, **kwargs):
        if self.designed and not self.designed._committed:
            from pypdf import PdfReader

            validate_pdf_upload(self.designed.file)
            self.designed_pages = len(PdfReader(self.designed.file).pages)
            self.designed_size = self.designed.size
            self.designed.file.seek(0)
        elif not self.designed:
            self.designed_pages = self.designed_size = None
        replaced = self._replaced_designed_file()
        super().save(*args, **kwargs)
        if replaced:
            storage = self.designed.storage
            transaction.on_commit(lambda: storage.delete(replaced))

    def _replaced_designed_file(self) -> str:
        """The stored designed PDF this save replaces or clears, if any."""
        if self.pk is None:
            return ""
        stored = PdfEdition.objects.filter(pk=self.pk).values_list("designed", flat=True).first()
        return stored if stored and stored != self.designed.name else ""

    @property
    def file(self):
        """What readers get: the designed PDF if there is one, else the generated one."""
        return self.designed if self.designed else self.generated

    @property
    def pages(self) -> int | None:
        return self.designed_pages if self.designed else self.generated_pages

    @property
    def size(self) -> int | None:
        return self.designed_size if self.designed else self.generated_size

    def is_current(self, article: Article) -> bool:
        """True when readers may be given this PDF for `article` as it is now."""
        return bool(self.designed) or (
            bool(self.generated) and self.generated_version == article.version
        )
