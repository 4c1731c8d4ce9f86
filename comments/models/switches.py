"""The site's comment switches and its banned words."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import OutsideStaffedHours, QueueOrder


class CommentSettings(models.Model):
    """The switches moderators turn in the admin: one row for the site."""

    premoderate_all = models.BooleanField(
        _("pre-moderate every story"),
        default=False,
        help_text=_(
            "Hold every new comment on every story until a moderator approves it."
        ),
    )
    close_all = models.BooleanField(
        _("close all comments now"),
        default=False,
        help_text=_(
            "No story takes new comments while this is on; the comments already "
            "published stay. For emergencies: an attack, a legal order."
        ),
    )
    staffed_from = models.TimeField(
        _("staffed from"),
        null=True,
        blank=True,
        help_text=_("When moderators start each day, in the site's time zone."),
    )
    staffed_until = models.TimeField(
        _("staffed until"),
        null=True,
        blank=True,
        help_text=_("When they stop. Empty times: always staffed."),
    )
    outside_staffed_hours = models.CharField(
        _("outside staffed hours"),
        max_length=10,
        choices=OutsideStaffedHours,
        default=OutsideStaffedHours.PUBLISH,
    )
    hold_risk_above = models.FloatField(
        _("hold comments whose risk score is above"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_(
            "Between 0 and 1, for example 0.9: a comment scored above it waits "
            "for a moderator, who decides; the score never removes anything. "
            "Empty: off. A section can set its own."
        ),
    )
    hold_first_comments = models.BooleanField(
        _("hold a poster's first comment"),
        default=False,
        help_text=_(
            "A name that has never had a comment published here waits for a "
            "moderator the first time. A section can ask for it on its own."
        ),
    )
    watch_after_removals = models.PositiveSmallIntegerField(
        _("watch a poster after this many removals"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Removals of comments by the same name or from the same address; "
            "the poster's next comments wait for a moderator. Empty: off."
        ),
    )
    watch_removals_days = models.PositiveSmallIntegerField(
        _("within days"),
        default=30,
        validators=[MinValueValidator(1)],
        help_text=_("Removals this recent count; the watch lasts as long."),
    )
    queue_order = models.CharField(
        _("order of the queue"),
        max_length=10,
        choices=QueueOrder,
        default=QueueOrder.OLDEST,
        help_text=_(
            "Oldest first is fair: each comment waits its turn. Highest risk "
            "first puts likely abuse before the rest."
        ),
    )
    state_removal_reasons = models.BooleanField(
        _("state reasons for removals"),
        default=True,
        help_text=_(
            "A removed comment leaves a line in its place saying why, with a "
            "link to the community rules. Off: removed comments disappear."
        ),
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("comment settings")
        verbose_name_plural = _("comment settings")
        constraints = [
            models.CheckConstraint(condition=Q(pk=1), name="comment_settings_one_row")
        ]

    def __str__(self) -> str:
        return str(_("Comment settings"))

    @classmethod
    def current(cls) -> "CommentSettings":
        return cls.objects.filter(pk=1).first() or cls(pk=1)

    def staffed_now(self) -> bool:
        if self.staffed_from is None or self.staffed_until is None:
            return True
        now = timezone.localtime().time()
        if self.staffed_from <= self.staffed_until:
            return self.staffed_from <= now < self.staffed_until
        # Hours across midnight, e.g. 18:00 to 02:00.
        return now >= self.staffed_from or now < self.staffed_until

    def closed_now(self) -> bool:
        """Whether no story takes comments now, whatever its own setting."""
        return self.close_all or (
            self.outside_staffed_hours == OutsideStaffedHours.CLOSE
            and not self.staffed_now()
        )

    def risk_threshold_for(self, article) -> float | None:
        """The score above which a comment on this story is held: its
        section's own, or the site's; None when neither holds by score."""
        section = article.section
        if section is not None and section.hold_risk_above is not None:
            return section.hold_risk_above
        return self.hold_risk_above

    def holds_first_comments_on(self, article) -> bool:
        section = article.section
        return self.hold_first_comments or bool(
            section is not None and section.hold_first_comments
        )

    def holds_everything_now(self) -> bool:
        return self.premoderate_all or (
            self.outside_staffed_hours == OutsideStaffedHours.HOLD
            and not self.staffed_now()
        )


class BannedWord(models.Model):
    """A word or phrase that holds a comment for review."""

    word = models.CharField(
        _("word or phrase"),
        max_length=100,
        unique=True,
        help_text=_(
            "Matched as a whole word, ignoring case, accents, letter spacing "
            "and look-alike characters."
        ),
    )
    created_at = models.DateTimeField(_("added at"), default=timezone.now)

    class Meta:
        ordering = ["word"]
        verbose_name = _("banned word")
        verbose_name_plural = _("banned words")

    def __str__(self) -> str:
        return self.word
