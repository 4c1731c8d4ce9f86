"""Decisions about posters: bans, watching and trust."""

from typing import Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .. import rules
from .choices import Reason, Standing
from .comment import Comment


class PosterQuerySet[T: models.Model](models.QuerySet[T]):
    """Decisions about posters (bans, watches, trust), found by address or
    by name however it is disguised."""

    def active(self) -> Self:
        return self.filter(lifted_at__isnull=True).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now())
        )

    def matching(
        self, *, ip_address: str | None, user_name: str, reader_key: str = ""
    ) -> Self:
        match = Q(name_key=rules.name_key(user_name)) & ~Q(name_key="")
        if ip_address:
            match |= Q(ip_address=ip_address)
        if reader_key:
            match |= Q(reader_key=reader_key)
        return self.filter(match)


class BanQuerySet(PosterQuerySet["Ban"]):
    pass


class NoteQuerySet(PosterQuerySet["PosterNote"]):
    pass


class StandingQuerySet(PosterQuerySet["PosterStanding"]):
    def watched(self) -> Self:
        return self.filter(standing=Standing.WATCHED)

    def trusted(self) -> Self:
        return self.filter(standing=Standing.TRUSTED)


class PosterIdentity(models.Model):
    """Whom a decision or a note is about: an address, a name (compared
    however it is disguised) and/or the e-mail address they confirmed."""

    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    reader_key = models.CharField(
        _("confirmed reader"),
        max_length=64,
        blank=True,
        editable=False,
        help_text=_(
            "A keyed digest of the e-mail address the poster confirmed, never "
            "the address: it applies in any browser that address confirms."
        ),
    )
    user_name = models.CharField(_("user name"), max_length=200, blank=True)
    name_key = models.CharField(
        _("name as compared"),
        max_length=200,
        blank=True,
        editable=False,
        help_text=_("The name without case, accents, spacing or look-alikes."),
    )

    class Meta:
        abstract = True


class PosterDecision(PosterIdentity):
    """A moderator's decision about a poster (a ban, a watch, trust), until
    it ends or is lifted; the record stays."""

    note = models.CharField(_("note"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    created_at = models.DateTimeField(_("decided at"), default=timezone.now)
    expires_at = models.DateTimeField(
        _("ends at"), null=True, blank=True, help_text=_("Empty: until lifted.")
    )
    lifted_at = models.DateTimeField(_("lifted at"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lifted by"),
    )

    class Meta:
        abstract = True

    @property
    def who(self) -> str:
        confirmed = gettext("confirmed e-mail address") if self.reader_key else ""
        return " / ".join(filter(None, [self.user_name, self.ip_address, confirmed]))

    @property
    def is_active(self) -> bool:
        return self.lifted_at is None and (
            self.expires_at is None or self.expires_at > timezone.now()
        )


class Ban(PosterDecision):
    """Keeps a poster, by IP address, user name and/or the e-mail address
    they confirmed, from commenting."""

    reason = models.CharField(_("reason"), max_length=10, choices=Reason)
    comment = models.ForeignKey(
        Comment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bans",
        verbose_name=_("prompted by comment"),
    )

    objects = BanQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("ban")
        verbose_name_plural = _("bans")
        indexes = [
            models.Index(fields=["ip_address"], name="ban_ip"),
            models.Index(fields=["user_name"], name="ban_user_name"),
            models.Index(fields=["name_key"], name="ban_name_key"),
            models.Index(fields=["reader_key"], name="ban_reader_key"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ip_address__isnull=False)
                | ~Q(user_name="")
                | ~Q(reader_key=""),
                name="ban_names_someone",
            ),
        ]

    def __str__(self) -> str:
        return gettext("Ban on %(who)s") % {"who": self.who}

    @property
    def duration_text(self) -> str:
        """How long the ban lasts, as the poster and the history read it."""
        if self.expires_at is None:
            return gettext("for good")
        return gettext("until %(when)s") % {
            "when": f"{timezone.localtime(self.expires_at):%B %-d, %Y %H:%M}"
        }


class PosterStanding(PosterDecision):
    """A moderator's decision to watch a poster or to trust them."""

    standing = models.CharField(_("standing"), max_length=10, choices=Standing)
    comment = models.ForeignKey(
        Comment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("prompted by comment"),
    )

    objects = StandingQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("watched or trusted poster")
        verbose_name_plural = _("watched and trusted posters")
        # Looked up on every post, by address and by name.
        indexes = [
            models.Index(fields=["ip_address"], name="standing_ip"),
            models.Index(fields=["name_key"], name="standing_name_key"),
            models.Index(fields=["reader_key"], name="standing_reader_key"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ip_address__isnull=False)
                | ~Q(user_name="")
                | ~Q(reader_key=""),
                name="standing_names_someone",
            ),
            models.CheckConstraint(
                condition=Q(standing__in=Standing.values), name="standing_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label}: {self.who}"

    @property
    def label(self) -> str:
        """ "Watched" or "Trusted"."""
        return Standing(self.standing).short_label


class PosterNote(PosterIdentity):
    """What a moderator wants the others to know about a poster, shown on
    every card of theirs (by name, address or confirmed e-mail address);
    forgotten after the retention period, like the address."""

    text = models.CharField(_("note"), max_length=500)
    comment = models.ForeignKey(
        Comment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("written on comment"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    created_at = models.DateTimeField(_("written at"), default=timezone.now)

    objects = NoteQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("note on a poster")
        verbose_name_plural = _("notes on posters")
        indexes = [
            models.Index(fields=["ip_address"], name="note_ip"),
            models.Index(fields=["name_key"], name="note_name_key"),
            models.Index(fields=["reader_key"], name="note_reader_key"),
        ]

    def __str__(self) -> str:
        return self.text
