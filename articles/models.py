import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)


class Section(models.Model):
    name = models.CharField(_("name"), max_length=60, unique=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    position = models.PositiveSmallIntegerField(
        _("position"),
        default=0,
        help_text=_("Order in the site's navigation; lower comes first."),
    )
    new_stories_premoderated = models.BooleanField(
        _("pre-moderate new stories"),
        default=False,
        help_text=_("New stories in this section hold every comment for review."),
    )
    new_stories_closed = models.BooleanField(
        _("close comments on new stories"),
        default=False,
        help_text=_("New stories in this section take no comments."),
    )
    hold_first_comments = models.BooleanField(
        _("hold a poster's first comment"),
        default=False,
        help_text=_("Here, even when the comment settings do not for the whole site."),
    )
    hold_risk_above = models.FloatField(
        _("hold comments whose risk score is above"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_(
            "This section's own threshold, between 0 and 1. Empty: as the "
            "comment settings say for the whole site."
        ),
    )

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        permissions = [
            ("set_comment_rules", _("Can set a section's comment rules")),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:section", kwargs={"slug": self.slug})


def photo_size(photo) -> tuple[int | None, int | None]:
    """A photo's width and height, or none when its file cannot be read (not
    in storage, not an image, storage not answering)."""
    if not photo:
        return None, None
    try:
        return photo.width, photo.height
    except Exception:  # a story without its photo's size still shows
        logger.warning("Lead photo %s could not be read", photo.name)
        return None, None


class ArticleQuerySet(models.QuerySet["Article"]):
    def published(self) -> "ArticleQuerySet":
        """Articles readers may see: published, and their time has come."""
        return self.filter(
            status=ArticleStatus.PUBLISHED, published_at__lte=timezone.now()
        )


class ArticleKind(models.TextChoices):
    NEWS = "news", _("News")
    OPINION = "opinion", _("Opinion")


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class Article(models.Model):
    Kind = ArticleKind
    Status = ArticleStatus

    headline = models.CharField(_("headline"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        help_text=_("The story's address on the site. Changing it breaks old links."),
    )
    section = models.ForeignKey(
        Section,
        on_delete=models.PROTECT,
        related_name="articles",
        verbose_name=_("section"),
    )
    kind = models.CharField(
        _("kind"),
        max_length=10,
        choices=Kind,
        default=Kind.NEWS,
        help_text=_("Opinion pieces show the author's bio and a disclaimer."),
    )
    summary = models.CharField(
        _("summary"),
        max_length=300,
        help_text=_(
            "One or two sentences shown on index pages and to search engines "
            "and share previews."
        ),
    )
    byline = models.CharField(_("byline"), max_length=120, help_text=_("Who wrote it."))
    authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="stories",
        verbose_name=_("authors on staff"),
        help_text=_(
            "Staff who wrote the story: their comments on it carry the Author "
            "badge instead of Newsroom staff."
        ),
    )
    source = models.CharField(
        _("source"),
        max_length=120,
        help_text=_("Where the story comes from: the site itself or a wire agency."),
    )
    published_at = models.DateTimeField(
        _("publication time"),
        default=timezone.now,
        help_text=_("A published article stays hidden until this time."),
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.DRAFT
    )
    lead_photo = models.ImageField(
        _("lead photo"), upload_to="articles/%Y/%m/", blank=True
    )
    # Read from the file when the article is saved, so that rendering the
    # page never opens it: a photo missing from storage costs its size only.
    lead_photo_width = models.PositiveIntegerField(
        null=True, blank=True, editable=False
    )
    lead_photo_height = models.PositiveIntegerField(
        null=True, blank=True, editable=False
    )
    lead_photo_caption = models.CharField(_("caption"), max_length=300, blank=True)
    lead_photo_credit = models.CharField(_("photo credit"), max_length=120, blank=True)
    body = models.TextField(
        _("body"), help_text=_("Plain text; a blank line starts a new paragraph.")
    )
    author_bio = models.CharField(
        _("author bio"),
        max_length=300,
        blank=True,
        help_text=_("One line about the author, shown under opinion pieces."),
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_(
            "The language the story is written in. It stays in it whatever "
            "language a reader reads the site in."
        ),
    )
    comments_open = models.BooleanField(
        _("comments open"),
        default=True,
        help_text=_(
            "Untick to close the story to new comments. Comments also close "
            "on their own a set number of days after publication."
        ),
    )
    comment_count = models.PositiveIntegerField(
        _("published comments"),
        default=0,
        editable=False,
        help_text=_("Kept up to date by every change to the story's comments."),
    )
    premoderated = models.BooleanField(
        _("pre-moderated"),
        default=False,
        help_text=_(
            "Hold every new comment on this story until a moderator approves it."
        ),
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        permissions = [("close_comments", _("Can close and reopen comments"))]
        indexes = [
            models.Index(fields=["status", "-published_at"]),
            models.Index(fields=["section", "status", "-published_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ArticleStatus.values),
                name="article_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ArticleKind.values),
                name="article_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.headline

    def save(self, *args, **kwargs):
        self.lead_photo_width, self.lead_photo_height = photo_size(self.lead_photo)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("articles:detail", kwargs={"slug": self.slug})

    @property
    def comments_close_at(self) -> datetime | None:
        """When comments close on their own; None if they never do."""
        days = settings.NEWSROOM_CLOSE_COMMENTS_AFTER_DAYS
        return self.published_at + timedelta(days=days) if days else None

    @property
    def accepts_comments(self) -> bool:
        closes_at = self.comments_close_at
        return self.comments_open and (closes_at is None or timezone.now() < closes_at)

    @property
    def is_opinion(self) -> bool:
        return self.kind == self.Kind.OPINION

    def take_section_defaults(self) -> None:
        """A new story's comments start as its section says."""
        if self.section.new_stories_premoderated:
            self.premoderated = True
        if self.section.new_stories_closed:
            self.comments_open = False


class PageCacheEpoch(models.Model):
    """The page cache's epoch: one row, moved on whenever a retirement of a
    cached page could not reach the cache (see page_cache.py)."""

    value = models.PositiveBigIntegerField(_("epoch"), default=0)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("page cache epoch")
        constraints = [
            models.CheckConstraint(condition=Q(pk=1), name="page_cache_epoch_one_row")
        ]

    def __str__(self) -> str:
        return f"Page cache epoch {self.value}"

    @classmethod
    def current(cls) -> int:
        return cls.objects.filter(pk=1).values_list("value", flat=True).first() or 0

    @classmethod
    def move_on(cls) -> int:
        """Start a new epoch; returns it."""
        if not cls.objects.filter(pk=1).update(value=F("value") + 1):
            cls.objects.get_or_create(pk=1, defaults={"value": 1})
        return cls.current()
