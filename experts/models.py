from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Author, Category

# Languages an expert can be interviewed in; codes are ISO 639-1.
SPOKEN_LANGUAGES = [
    ("en", _("English")),
    ("es", _("Spanish")),
    ("pt", _("Portuguese")),
    ("fr", _("French")),
    ("de", _("German")),
    ("it", _("Italian")),
    ("nl", _("Dutch")),
    ("pl", _("Polish")),
    ("ar", _("Arabic")),
    ("zh", _("Chinese")),
]


class ExpertQuerySet(models.QuerySet):
    def listed(self):
        """The experts the public directory shows."""
        return self.filter(is_listed=True)

    def for_directory(self):
        return (
            self.select_related("author")
            .prefetch_related("topics", "languages")
            .order_by("author__name", "pk")
        )


class Expert(models.Model):
    """A StateUp staff author as journalists and event organisers look for them."""

    author = models.OneToOneField(
        Author, verbose_name=_("author"), on_delete=models.CASCADE, related_name="expert"
    )
    is_listed = models.BooleanField(
        _("listed in the directory"), default=True, help_text=_("Shown on /experts/.")
    )
    topics = models.ManyToManyField(
        Category, verbose_name=_("areas of expertise"), blank=True, related_name="experts"
    )
    keywords = models.CharField(
        _("keywords"),
        max_length=300,
        blank=True,
        help_text=_("Further areas, separated by commas: “subsea cables, data governance”."),
    )
    is_available_for_media = models.BooleanField(_("available for media"), default=False)
    media_email = models.EmailField(
        _("media contact email"),
        blank=True,
        help_text=_("Where journalists write; the press office or the expert."),
    )
    media_phone = models.CharField(_("media contact phone"), max_length=40, blank=True)
    photo_credit = models.CharField(
        _("photo credit"), max_length=200, blank=True, help_text=_("E.g. “Photo: Ana Lima”.")
    )

    objects = ExpertQuerySet.as_manager()

    class Meta:
        ordering = ["author__name"]
        verbose_name = _("expert")
        verbose_name_plural = _("experts")

    def __str__(self) -> str:
        return str(self.author)

    def get_absolute_url(self) -> str:
        return reverse("experts:detail", kwargs={"slug": self.author.slug})

    def clean(self):
        super().clean()
        if self.author_id and self.author.affiliation:
            raise ValidationError(
                {
                    "author": _(
                        "Only StateUp staff are experts: this author has an outside affiliation."
                    )
                }
            )
        if self.is_available_for_media and not (self.media_email or self.media_phone):
            raise ValidationError(
                {"media_email": _("Give journalists a way to reach an expert available for media.")}
            )

    @property
    def keyword_list(self) -> list[str]:
        return [word.strip() for word in self.keywords.split(",") if word.strip()]

    def briefs(self):
        return Article.objects.published().filter(authorships__author_id=self.author_id)


class SpokenLanguage(models.Model):
    expert = models.ForeignKey(Expert, on_delete=models.CASCADE, related_name="languages")
    language = models.CharField(_("language"), max_length=8, choices=SPOKEN_LANGUAGES)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("language spoken")
        verbose_name_plural = _("languages spoken")
        constraints = [
            models.UniqueConstraint(fields=["expert", "language"], name="unique_spoken_language"),
        ]

    def __str__(self) -> str:
        return self.get_language_display()
