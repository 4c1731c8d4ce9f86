"""Erasure and forgetting: comments deleted or erased on a legal request,
and addresses and ended decisions forgotten as the retention rules say."""

from collections.abc import Iterable
from datetime import datetime

from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import User
from django.db import models, transaction
from django.db.models import CharField, Q, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.translation import gettext

from ..models import (
    Ban,
    Comment,
    CommentStatus,
    ModerationEvent,
    PosterNote,
    PosterStanding,
    Reason,
    Recommendation,
    Report,
    ReportOutcome,
)
from .recorder import GONE, Retire, ids_of, record
from .word_lists import ERASED_NAME

# What a recommendation's browser becomes once forgotten (still unique).
FORGOTTEN_BROWSER = "forgotten:"


def delete(comments: Iterable[Comment]) -> int:
    """Erase comments for good, with the replies under them (superusers
    only, e.g. for a legal request); the admin logs the deletion. Returns
    how many."""
    ids = ids_of(comments)
    with transaction.atomic():
        # A thread goes with its top-level comment: the database deletes
        # the replies too, so they are counted here.
        targets = list(
            Comment.objects.select_for_update()
            .filter(Q(pk__in=ids) | Q(parent__in=ids))
            .only("pk", "article_id", "parent_id", "status", "was_public")
        )
        Comment.objects.filter(pk__in=ids_of(targets)).delete()
        record(targets, to=GONE)
    return len(targets)


def erase(comments: Iterable[Comment], *, by: User) -> int:
    """Erase what posters wrote, for a legal request: each comment's name
    and text, address and browser go, and it leaves the page (with its
    replies' thread kept, under a line saying it was erased). The history
    stays, with who erased it and when. Returns how many."""
    now = timezone.now()
    with transaction.atomic():
        targets = list(
            Comment.objects.select_for_update()
            .filter(pk__in=ids_of(comments), erased_at=None)
            .only("pk", "article_id", "parent_id", "status", "was_public")
        )
        if not targets:
            return 0
        ids = ids_of(targets)
        Comment.objects.filter(pk__in=ids).update(
            user_name=ERASED_NAME,
            body="",
            fingerprint="",
            ip_address=None,
            user_agent="",
            reader_key="",
            status=CommentStatus.REMOVED,
            removal_reason=Reason.OTHER,
            hold_rule="",
            hold_detail="",
            is_pick=False,
            erased_at=now,
        )
        Report.objects.open().filter(comment__in=ids).update(
            outcome=ReportOutcome.UPHELD
        )
        # The texts it had before its poster's edits go with it.
        ModerationEvent.objects.filter(comment__in=ids).update(previous_body="")
        erased = list(Comment.objects.filter(pk__in=ids).select_related("article"))
        for comment in erased:
            _rewrite_log(comment, str(comment))
        record(
            targets,
            action=ModerationEvent.Action.ERASED,
            by=by,
            to=CommentStatus.REMOVED,
            at=now,
            logged=erased,
            message=gettext("Erased on a legal request"),
            retire=Retire.SITE,
        )
    return len(targets)


def forget_addresses(
    *, before: datetime, keep: Iterable[str], keep_readers: Iterable[str] = ()
) -> int:
    """Empty the addresses, browsers and confirmed readers' keys stored with
    comments, reports and recommendations made before a time, except the
    addresses in keep and the readers in keep_readers (under an active ban).
    Returns how many rows changed."""
    keep = list(keep)
    comments = (
        Comment.objects.filter(created_at__lt=before)
        .filter(Q(ip_address__isnull=False) | ~Q(user_agent="") | ~Q(reader_key=""))
        .exclude(ip_address__in=keep)
        .exclude(reader_key__in=list(keep_readers))
        .update(ip_address=None, user_agent="", reader_key="")
    )
    reports = (
        Report.objects.filter(created_at__lt=before, reporter_ip__isnull=False)
        .exclude(reporter_ip__in=keep)
        .update(reporter_ip=None)
    )
    # A browser key is unique per comment: each becomes one that names no
    # browser.
    recommendations = (
        Recommendation.objects.filter(created_at__lt=before)
        .exclude(browser__startswith=FORGOTTEN_BROWSER)
        .exclude(ip_address__in=keep)
        .update(
            ip_address=None,
            browser=Concat(Value(FORGOTTEN_BROWSER), Cast("pk", CharField())),
        )
    )
    # Notes on posters live as long as the addresses they were written about.
    notes, _kinds = PosterNote.objects.filter(created_at__lt=before).delete()
    return comments + reports + recommendations + notes


def forget_ended_decisions(*, before: datetime) -> int:
    """Bans, watches and trust that ended before a time forget the address
    and the confirmed reader: those that also name a poster keep the name,
    the rest go (the comment's history still says the poster was banned).
    Returns how many changed."""
    ended = Q(lifted_at__lt=before) | Q(expires_at__lt=before)
    someone = Q(ip_address__isnull=False) | ~Q(reader_key="")
    return _forget_decisions(ended & someone, keep_names=True)


def forget_address(ip_address: str) -> int:
    """Forget an address wherever it reported or recommended (an erasure);
    the reports and recommendations still count. Returns how many rows."""
    return Report.objects.filter(reporter_ip=ip_address).update(
        reporter_ip=None, reporter_network=""
    ) + Recommendation.objects.filter(ip_address=ip_address).update(ip_address=None)


def forget_ended_decisions_about(*, user_name: str, ip_address: str | None) -> int:
    """Delete the bans, watches and trust about a poster that have ended,
    and the notes on them (an erasure); those in force stay. Returns how
    many."""
    about = Q(pk__in=[])
    if user_name:
        about |= Q(user_name=user_name)
    if ip_address:
        about |= Q(ip_address=ip_address)
    notes, _kinds = PosterNote.objects.filter(about).delete()
    return _forget_decisions(about, keep_names=False) + notes


def _forget_decisions(which: Q, *, keep_names: bool) -> int:
    changed = 0
    ended = Q(lifted_at__isnull=False) | Q(expires_at__lte=timezone.now())
    for model in (Ban, PosterStanding):
        for decision in model.objects.filter(which & ended):
            if keep_names and decision.user_name:
                decision.ip_address = None
                decision.reader_key = ""
                decision.save(update_fields=["ip_address", "reader_key"])
                _rewrite_log(decision, str(decision))
            else:
                _rewrite_log(decision, f"{model._meta.verbose_name} (forgotten)")
                decision.delete()
            changed += 1
    return changed


def _rewrite_log(instance: models.Model, text: str) -> None:
    """The admin's log names what it records: rename forgotten posters."""
    LogEntry.objects.filter(
        content_type__app_label=instance._meta.app_label,
        content_type__model=instance._meta.model_name,
        object_id=str(instance.pk),
    ).update(object_repr=text[:200])
