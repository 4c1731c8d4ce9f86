"""Every change to a comment's state, and to who may comment, happens here.

The comment form, the admin and the management commands all call these
functions, so the rules and the history are written in one place. Each
decision is one transaction that writes the comment's status, its history,
the admin's log and the story's stored count of published comments, and
retires the story's cached pages. Comments are locked before they are
decided on, so two moderators deciding at once cannot count one twice.
"""

from collections import Counter
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import CharField, Count, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Concat
from django.utils import timezone
from django.utils.translation import gettext

from articles import page_cache
from articles.models import Article
from protection import limits

from . import alerts, rules, text
from . import switches as switches_on_pages
from .models import (
    Ban,
    BannedWord,
    Comment,
    CommentQuerySet,
    CommentSettings,
    CommentStatus,
    HoldRule,
    ModerationEvent,
    PosterStanding,
    Reason,
    Recommendation,
    Report,
    ReportOutcome,
    Standing,
    staff_display_name,
    staff_voice,
)
from .switches import accepts_comments

Action = ModerationEvent.Action
FORM = "comments"
# What an erased comment's poster is called; readers cannot post under it.
ERASED_NAME = "(erased)"


class CommentsClosed(Exception):
    """The article no longer takes comments."""


class PosterBanned(Exception):
    """The poster's address or user name is banned."""

    def __init__(self, ban: Ban):
        super().__init__(ban)
        self.ban = ban


# Posting


def submit(
    *,
    article: Article,
    user_name: str,
    body: str,
    ip_address: str | None,
    user_agent: str,
    reply_to: Comment | None = None,
) -> Comment:
    """Store a reader's comment, or reply: published at once unless a rule
    holds it.

    Raises CommentsClosed, limits.TooSoon or PosterBanned instead.
    """
    switches = CommentSettings.current()
    if not accepts_comments(article, switches):
        raise CommentsClosed(article)
    limits.take(FORM, ip_address)
    ban = Ban.objects.active().matching(ip_address=ip_address, user_name=user_name)
    if found := ban.first():
        raise PosterBanned(found)
    standings = set(
        PosterStanding.objects.active()
        .matching(ip_address=ip_address, user_name=user_name)
        .values_list("standing", flat=True)
    )
    rule, detail = _hold_rule_for(
        article=article,
        user_name=user_name,
        body=body,
        standings=standings,
        hold_everything=switches.holds_everything_now(),
    )
    comment = Comment(
        article=article,
        user_name=user_name,
        body=body,
        ip_address=ip_address,
        user_agent=user_agent[: Comment._meta.get_field("user_agent").max_length],
        status=CommentStatus.HELD if rule else CommentStatus.PUBLISHED,
        hold_rule=rule or "",
        hold_detail=detail,
    )
    return _store(comment, reply_to=reply_to)


def submit_as_staff(
    *,
    article: Article,
    author: User,
    body: str,
    ip_address: str | None,
    user_agent: str,
    reply_to: Comment | None = None,
) -> Comment:
    """Publish a signed-in staff member's comment under their own name and
    badge ("Author" on a story they wrote); no rule holds it, and only a
    flood limit counted per account applies."""
    if not accepts_comments(article):
        raise CommentsClosed(article)
    limits.take("staff_comments", f"staff:{author.pk}")
    comment = Comment(
        article=article,
        user_name=staff_display_name(author),
        body=body,
        ip_address=ip_address,
        user_agent=user_agent[: Comment._meta.get_field("user_agent").max_length],
        author=author,
        voice=staff_voice(author, article),
    )
    return _store(comment, reply_to=reply_to)


def _store(comment: Comment, *, reply_to: Comment | None) -> Comment:
    comment.fingerprint = text.fingerprint(comment.body)
    if reply_to is not None:
        # One level deep: a reply to a reply joins the same thread.
        comment.parent_id = reply_to.parent_id or reply_to.pk
        comment.reply_to = reply_to
    with transaction.atomic():
        comment.save()
        if comment.status == CommentStatus.HELD:
            ModerationEvent.objects.create(
                comment=comment,
                action=Action.HELD,
                rule=comment.hold_rule,
                detail=comment.hold_detail,
            )
            alerts.comment_waits()
        else:
            _count(_status_changes([comment], to=CommentStatus.PUBLISHED, was=GONE))
            page_cache.invalidate_comments(comment.article.slug)
    return comment


def _hold_rule_for(
    *,
    article: Article,
    user_name: str,
    body: str,
    standings: set[str],
    hold_everything: bool,
) -> tuple[HoldRule | None, str]:
    """The first rule that holds this comment, with what it found. A trusted
    poster skips the link, duplicate and pre-moderation holds; banned words
    and staff names hold everyone."""
    trusted = Standing.TRUSTED in standings
    banned = BannedWord.objects.values_list("word", flat=True)
    if word := rules.find_banned_word(f"{user_name}\n{body}", banned):
        return HoldRule.BANNED_WORD, word
    links = rules.count_links(body)
    if links > settings.NEWSROOM_MAX_LINKS and not trusted:
        return HoldRule.TOO_MANY_LINKS, f"{links} links"
    if name := rules.imitated_name(user_name, _reserved_names()):
        return HoldRule.STAFF_NAME, name
    if not trusted and _is_recent_duplicate(article=article, body=body):
        return HoldRule.DUPLICATE, ""
    if Standing.WATCHED in standings:
        return HoldRule.WATCHED, ""
    if not trusted and (hold_everything or article.premoderated):
        return HoldRule.PREMODERATION, ""
    return None, ""


def _reserved_names() -> list[str]:
    """Names only staff may post under: the site's, and each staff member's
    user name and full name."""
    staff = get_user_model().objects.filter(is_staff=True)
    return [
        *settings.NEWSROOM_RESERVED_NAMES,
        ERASED_NAME,
        *(
            name
            for username, first, last in staff.values_list(
                "username", "first_name", "last_name"
            )
            for name in (username, f"{first} {last}".strip())
            if name
        ),
    ]


def _is_recent_duplicate(*, article: Article, body: str) -> bool:
    since = timezone.now() - timedelta(hours=settings.NEWSROOM_DUPLICATE_HOURS)
    return Comment.objects.filter(
        article=article, created_at__gte=since, fingerprint=text.fingerprint(body)
    ).exists()


# Reports


def report(
    *, comment: Comment, reason: Reason, reporter_ip: str, explanation: str = ""
) -> Report:
    """Record a reader's report, or notice of illegal content. Reports from
    enough different networks hold the comment for review, unless staff or
    a trusted poster wrote it; reporters whose earlier reports a moderator
    dismissed no longer count on it.

    Raises limits.TooSoon when the address reports too often. A second
    report by the same address on the same comment is ignored.
    """
    limits.take("reports", reporter_ip)
    with transaction.atomic():
        # One report at a time per comment, so that the one that makes
        # enough networks is never missed by two counting at once.
        Comment.objects.select_for_update().filter(pk=comment.pk).first()
        report, created = Report.objects.get_or_create(
            comment=comment,
            reporter_ip=reporter_ip,
            defaults={
                "reason": reason,
                "explanation": explanation,
                "reporter_network": rules.network(reporter_ip),
            },
        )
        if not created:
            limits.give_back("reports", reporter_ip)
            return report
        if reason == Reason.ILLEGAL:
            # The law expects notices handled promptly, held or not.
            alerts.comment_waits()
        if not _immune_to_reports(comment):
            networks = _reporting_networks(comment)
            if networks >= settings.NEWSROOM_REPORTS_TO_HOLD:
                _hold_for_reports(comment, networks)
    return report


def _reporting_networks(comment: Comment) -> int:
    """How many networks report the comment now, leaving out those whose
    reports on it a moderator dismissed."""
    dismissed = comment.reports.filter(outcome=ReportOutcome.DISMISSED).values(
        "reporter_network"
    )
    return (
        comment.reports.open()
        .exclude(reporter_network__in=dismissed)
        .values("reporter_network")
        .distinct()
        .count()
    )


def _immune_to_reports(comment: Comment) -> bool:
    """Staff and trusted posters' comments are held by no number of reports:
    a moderator reads the reports in the queue instead."""
    return (
        comment.author_id is not None
        or PosterStanding.objects.active()
        .trusted()
        .matching(ip_address=comment.ip_address, user_name=comment.user_name)
        .exists()
    )


def _hold_for_reports(comment: Comment, networks: int) -> None:
    detail = gettext("Reported from %(count)d networks") % {"count": networks}
    changed = Comment.objects.filter(
        pk=comment.pk, status=CommentStatus.PUBLISHED
    ).update(status=CommentStatus.HELD, hold_rule=HoldRule.REPORTS, hold_detail=detail)
    if changed:
        _count(
            _status_changes(
                [comment], to=CommentStatus.HELD, was=CommentStatus.PUBLISHED
            )
        )
        comment.status, comment.hold_rule = CommentStatus.HELD, HoldRule.REPORTS
        comment.hold_detail = detail
        page_cache.invalidate_comments(comment.article.slug)
        ModerationEvent.objects.create(
            comment=comment, action=Action.HELD, rule=HoldRule.REPORTS, detail=detail
        )
        alerts.comment_waits()


# Moderators' decisions on comments


def approve(comments: Iterable[Comment], *, by: User) -> int:
    """Publish held comments, and keep reported ones; returns how many."""
    return _decide(
        Comment.objects.needs_attention().filter(pk__in=_ids(comments)),
        from_statuses={CommentStatus.HELD, CommentStatus.PUBLISHED},
        by=by,
        action=Action.APPROVED,
        status=CommentStatus.PUBLISHED,
        message="Approved",
    )


def remove(comments: Iterable[Comment], *, by: User, reason: Reason) -> int:
    """Hide comments from readers, held or published, with a reason;
    returns how many."""
    return _decide(
        Comment.objects.exclude(status=CommentStatus.REMOVED).filter(
            pk__in=_ids(comments)
        ),
        from_statuses={CommentStatus.HELD, CommentStatus.PUBLISHED},
        by=by,
        action=Action.REMOVED,
        status=CommentStatus.REMOVED,
        reason=reason,
        message=gettext("Removed as %(reason)s") % {"reason": Reason(reason).label},
    )


def restore(comments: Iterable[Comment], *, by: User) -> int:
    """Publish removed comments again; returns how many."""
    return _decide(
        Comment.objects.removed().filter(pk__in=_ids(comments), erased_at=None),
        from_statuses={CommentStatus.REMOVED},
        by=by,
        action=Action.RESTORED,
        status=CommentStatus.PUBLISHED,
        message="Restored",
    )


def pick(comments: Iterable[Comment], *, by: User) -> int:
    """Make published comments editors' picks; returns how many."""
    return _mark_picks(comments, by=by, picked=True)


def unpick(comments: Iterable[Comment], *, by: User) -> int:
    """Take comments out of the editors' picks; returns how many."""
    return _mark_picks(comments, by=by, picked=False)


def _mark_picks(comments: Iterable[Comment], *, by: User, picked: bool) -> int:
    with transaction.atomic():
        candidates = Comment.objects.filter(pk__in=_ids(comments), is_pick=not picked)
        if picked:
            candidates = candidates.published()
        targets = list(
            candidates.select_for_update(of=("self",)).only("pk", "article_id")
        )
        if not targets:
            return 0
        Comment.objects.filter(pk__in=_ids(targets)).update(is_pick=picked)
        action = Action.PICKED if picked else Action.UNPICKED
        ModerationEvent.objects.bulk_create(
            ModerationEvent(comment=comment, action=action, moderator=by)
            for comment in targets
        )
        LogEntry.objects.log_actions(
            user_id=by.pk,
            queryset=targets,
            action_flag=CHANGE,
            change_message=str(action.label),
        )
        _retire_pages(targets)
    return len(targets)


class AlreadyRecommended(Exception):
    """This browser or address has recommended the comment before."""


def recommend(comment: Comment, *, ip_address: str, browser: str) -> int:
    """Count a reader's recommendation, once per browser and once per
    address; returns the comment's new count. The cached pages stay: counts
    reach them separately (see views.recommendation_counts)."""
    try:
        with transaction.atomic():
            Recommendation.objects.create(
                comment=comment, ip_address=ip_address, browser=browser
            )
            Comment.objects.filter(pk=comment.pk).update(
                recommend_count=F("recommend_count") + 1
            )
    except IntegrityError:
        raise AlreadyRecommended(comment) from None
    return Comment.objects.values_list("recommend_count", flat=True).get(pk=comment.pk)


UNDO_WINDOW = timedelta(minutes=5)


def undo(comment: Comment, *, by: User) -> int:
    """Take back the moderator's last decision on a comment: the steps they
    took on it within a few minutes (a removal and the ban that came with
    it are one decision), newest first, while nobody has acted on it since.
    Returns how many steps were undone."""
    cutoff = timezone.now() - UNDO_WINDOW
    with transaction.atomic():
        target = Comment.objects.select_for_update().filter(pk=comment.pk).first()
        if target is None:
            return 0
        steps = []
        for event in target.history.order_by("-created_at", "-pk"):
            if (
                event.moderator_id != by.pk
                or event.action in (Action.UNDONE, Action.HELD, Action.ERASED)
                or event.created_at < cutoff
            ):
                break
            steps.append(event)
        for step in steps:
            _undo_step(target, step, by=by)
    return len(steps)


def _undo_step(comment: Comment, step: ModerationEvent, *, by: User) -> None:
    if step.action == Action.POSTER_BANNED:
        bans = Ban.objects.active().filter(comment=comment, created_by=by)
        Ban.objects.filter(pk__in=[ban.pk for ban in bans]).update(
            lifted_at=timezone.now(), lifted_by=by
        )
    elif step.action in (Action.POSTER_WATCHED, Action.POSTER_TRUSTED):
        standings = PosterStanding.objects.active().filter(
            comment=comment, created_by=by
        )
        PosterStanding.objects.filter(pk__in=[each.pk for each in standings]).update(
            lifted_at=timezone.now(), lifted_by=by
        )
    elif step.action in (Action.PICKED, Action.UNPICKED):
        comment.is_pick = step.action == Action.UNPICKED
        comment.save(update_fields=["is_pick"])
        _retire_pages([comment])
    elif step.previous_status:
        earlier = comment.history.filter(created_at__lte=step.created_at).exclude(
            pk=step.pk
        )
        held = earlier.filter(action=Action.HELD).last()
        removed = earlier.filter(action__in=[Action.REMOVED, Action.REJECTED]).last()
        previous = CommentStatus(step.previous_status)
        changes = _status_changes([comment], to=previous)
        comment.status = previous
        comment.hold_rule = ""
        comment.hold_detail = ""
        comment.removal_reason = ""
        if previous == CommentStatus.HELD:
            comment.hold_rule = held.rule if held else HoldRule.PREMODERATION
            comment.hold_detail = held.detail if held else ""
        if previous == CommentStatus.REMOVED:
            comment.removal_reason = removed.reason if removed else Reason.OTHER
        comment.save(
            update_fields=["status", "hold_rule", "hold_detail", "removal_reason"]
        )
        _count(changes)
        _retire_pages([comment])
    ModerationEvent.objects.create(
        comment=comment,
        action=Action.UNDONE,
        moderator=by,
        detail=step.get_action_display(),
    )
    LogEntry.objects.log_actions(
        user_id=by.pk,
        queryset=[comment],
        action_flag=CHANGE,
        change_message=f"Undid: {step.get_action_display()}",
    )


def delete(comments: Iterable[Comment]) -> int:
    """Erase comments for good, with the replies under them (superusers
    only, e.g. for a legal request); the admin logs the deletion. Returns
    how many."""
    ids = _ids(comments)
    with transaction.atomic():
        # A thread goes with its top-level comment: the database deletes
        # the replies too, so they are counted here.
        targets = list(
            Comment.objects.select_for_update()
            .filter(Q(pk__in=ids) | Q(parent__in=ids))
            .only("pk", "article_id", "parent_id", "status")
        )
        Comment.objects.filter(pk__in=[comment.pk for comment in targets]).delete()
        _count(_status_changes(targets, to=GONE))
        _retire_pages(targets)
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
            .filter(pk__in=_ids(comments), erased_at=None)
            .only("pk", "article_id", "parent_id", "status")
        )
        if not targets:
            return 0
        ids = _ids(targets)
        Comment.objects.filter(pk__in=ids).update(
            user_name=ERASED_NAME,
            body="",
            fingerprint="",
            ip_address=None,
            user_agent="",
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
        ModerationEvent.objects.bulk_create(
            ModerationEvent(
                comment=comment,
                action=Action.ERASED,
                moderator=by,
                previous_status=comment.status,
                created_at=now,
            )
            for comment in targets
        )
        erased = Comment.objects.filter(pk__in=ids).select_related("article")
        for comment in erased:
            _rewrite_log(comment, str(comment))
        LogEntry.objects.log_actions(
            user_id=by.pk,
            queryset=list(erased),
            action_flag=CHANGE,
            change_message=gettext("Erased on a legal request"),
        )
        _count(_status_changes(targets, to=CommentStatus.REMOVED))
        # Counts of comments show on every page ("most discussed"), and this
        # is rare: retire them all.
        page_cache.invalidate_site()
    return len(targets)


FORGOTTEN_BROWSER = "forgotten:"


def forget_addresses(*, before: datetime, keep: Iterable[str]) -> int:
    """Empty the addresses and browsers stored with comments, reports and
    recommendations made before a time, except the addresses in keep (under
    an active ban). Returns how many rows changed."""
    keep = list(keep)
    comments = (
        Comment.objects.filter(created_at__lt=before)
        .filter(Q(ip_address__isnull=False) | ~Q(user_agent=""))
        .exclude(ip_address__in=keep)
        .update(ip_address=None, user_agent="")
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
    return comments + reports + recommendations


def forget_ended_decisions(*, before: datetime) -> int:
    """Bans, watches and trust that ended before a time forget the address:
    those that also name a poster keep the name, the rest go (the comment's
    history still says the poster was banned). Returns how many changed."""
    ended = Q(lifted_at__lt=before) | Q(expires_at__lt=before)
    return _forget_decisions(ended & Q(ip_address__isnull=False), keep_names=True)


def forget_address(ip_address: str) -> int:
    """Forget an address wherever it reported or recommended (an erasure);
    the reports and recommendations still count. Returns how many rows."""
    return Report.objects.filter(reporter_ip=ip_address).update(
        reporter_ip=None, reporter_network=""
    ) + Recommendation.objects.filter(ip_address=ip_address).update(ip_address=None)


def forget_ended_decisions_about(*, user_name: str, ip_address: str | None) -> int:
    """Delete the bans, watches and trust about a poster that have ended
    (an erasure); those in force stay. Returns how many."""
    about = Q(pk__in=[])
    if user_name:
        about |= Q(user_name=user_name)
    if ip_address:
        about |= Q(ip_address=ip_address)
    return _forget_decisions(about, keep_names=False)


def _forget_decisions(which: Q, *, keep_names: bool) -> int:
    changed = 0
    ended = Q(lifted_at__isnull=False) | Q(expires_at__lte=timezone.now())
    for model in (Ban, PosterStanding):
        for decision in model.objects.filter(which & ended):
            if keep_names and decision.user_name:
                decision.ip_address = None
                decision.save(update_fields=["ip_address"])
                _rewrite_log(decision, str(decision))
            else:
                _rewrite_log(decision, f"{model._meta.verbose_name} (forgotten)")
                decision.delete()
            changed += 1
    return changed


def _rewrite_log(instance, text: str) -> None:
    """The admin's log names what it records: rename forgotten posters."""
    LogEntry.objects.filter(
        content_type__app_label=instance._meta.app_label,
        content_type__model=instance._meta.model_name,
        object_id=str(instance.pk),
    ).update(object_repr=text[:200])


# Imports


def store_imported(
    comments: list[Comment], histories: list[list[ModerationEvent]], *, origin: str
) -> list[Comment]:
    """Store comments brought from another system as they were there: their
    status, dates, threads and history, with one more step saying where they
    came from. No rule or limit applies: they were moderated where they were
    written. The caller sets each reply's parent and reply_to, and brings the
    stored counts and cached pages up to date once at the end, with
    recount_comments."""
    for comment in comments:
        comment.fingerprint = text.fingerprint(comment.body)
    imported_at = timezone.now()
    with transaction.atomic():
        stored = Comment.objects.bulk_create(comments)
        events = []
        for comment, history in zip(stored, histories, strict=True):
            for event in history:
                event.comment = comment
                events.append(event)
            events.append(
                ModerationEvent(
                    comment=comment,
                    action=Action.IMPORTED,
                    reason=comment.removal_reason,
                    rule=comment.hold_rule,
                    detail=origin[
                        : ModerationEvent._meta.get_field("detail").max_length
                    ],
                    created_at=imported_at,
                )
            )
        ModerationEvent.objects.bulk_create(events)
    return stored


def recount_comments(articles: Iterable[Article]) -> int:
    """Count the stories' published comments, and their threads' published
    and removed replies, afresh: for comments stored in bulk (imports, demo
    content, benchmarks) rather than one by one through here."""
    published = (
        Comment.objects.published()
        .filter(article=OuterRef("pk"))
        .order_by()
        .values("article")
        .annotate(count=Count("pk"))
        .values("count")
    )

    def replies(status: CommentStatus) -> Subquery:
        return Subquery(
            Comment.objects.filter(parent=OuterRef("pk"), status=status)
            .order_by()
            .values("parent")
            .annotate(count=Count("pk"))
            .values("count")
        )

    ids = [article.pk for article in articles]
    with transaction.atomic():
        changed = Article.objects.filter(pk__in=ids).update(
            comment_count=Coalesce(Subquery(published), 0)
        )
        Comment.objects.filter(article__in=ids, parent__isnull=True).update(
            reply_count=Coalesce(replies(CommentStatus.PUBLISHED), 0),
            removed_reply_count=Coalesce(replies(CommentStatus.REMOVED), 0),
        )
        for slug in Article.objects.filter(pk__in=ids).values_list("slug", flat=True):
            page_cache.invalidate_comments(slug)
    return changed


def _decide(
    candidates: CommentQuerySet,
    *,
    from_statuses: set[CommentStatus],
    by: User,
    action: str,
    status: CommentStatus,
    message: str,
    reason: Reason | str = "",
) -> int:
    with transaction.atomic():
        # Locked, then checked again: another moderator may have decided
        # on some of them while this one waited for the lock.
        comments = [
            comment
            for comment in candidates.select_for_update(of=("self",)).select_related(
                "article"
            )
            if comment.status in from_statuses
        ]
        if not comments:
            return 0
        ids = [comment.pk for comment in comments]
        Comment.objects.filter(pk__in=ids).update(
            status=status, removal_reason=reason, hold_rule="", hold_detail=""
        )
        Report.objects.open().filter(comment__in=ids).update(
            outcome=ReportOutcome.UPHELD
            if status == CommentStatus.REMOVED
            else ReportOutcome.DISMISSED
        )
        ModerationEvent.objects.bulk_create(
            ModerationEvent(
                comment=comment,
                action=action,
                moderator=by,
                reason=reason,
                previous_status=comment.status,
            )
            for comment in comments
        )
        LogEntry.objects.log_actions(
            user_id=by.pk, queryset=comments, action_flag=CHANGE, change_message=message
        )
        _count(_status_changes(comments, to=status))
        _retire_pages(comments)
    return len(comments)


def _ids(comments: Iterable[Comment]) -> list[int]:
    return [comment.pk for comment in comments]


# The status of a comment that does not exist (yet, or any more).
GONE = ""


def _status_changes(
    comments: list[Comment], *, to: str, was: str | None = None
) -> Counter[tuple[str, int]]:
    """How the stored counts change when these comments go from their
    status (or was) to another (GONE: stored, or deleted): each story's
    published comments, each thread's published replies and its removed
    ones (which leave a line in their place)."""
    changes: Counter[tuple[str, int]] = Counter()
    for comment in comments:
        before = comment.status if was is None else was
        published = int(to == CommentStatus.PUBLISHED) - int(
            before == CommentStatus.PUBLISHED
        )
        changes[("story", comment.article_id)] += published
        if comment.parent_id:
            changes[("thread", comment.parent_id)] += published
            changes[("removed_replies", comment.parent_id)] += int(
                to == CommentStatus.REMOVED
            ) - int(before == CommentStatus.REMOVED)
    return changes


COUNTERS = {
    "thread": "reply_count",
    "removed_replies": "removed_reply_count",
}


def _count(changes: dict[tuple[str, int], int]) -> None:
    # F() increments: exact under concurrent transactions, unlike a
    # recount, which would miss rows another transaction has not committed.
    for (kind, pk), change in changes.items():
        if not change:
            continue
        if kind == "story":
            Article.objects.filter(pk=pk).update(
                comment_count=F("comment_count") + change
            )
        else:
            counter = COUNTERS[kind]
            Comment.objects.filter(pk=pk).update(**{counter: F(counter) + change})


def _retire_pages(comments: list[Comment]) -> None:
    article_ids = {comment.article_id for comment in comments}
    for slug in Article.objects.filter(pk__in=article_ids).values_list(
        "slug", flat=True
    ):
        page_cache.invalidate_comments(slug)


# Posters


def ban(new_ban: Ban, *, by: User) -> Ban:
    """Save a ban made in the admin or from comments, and record it."""
    new_ban.created_by = by
    new_ban.name_key = rules.name_key(new_ban.user_name)
    with transaction.atomic():
        new_ban.save()
        if new_ban.comment_id:
            ModerationEvent.objects.create(
                comment_id=new_ban.comment_id,
                action=Action.POSTER_BANNED,
                moderator=by,
                reason=new_ban.reason,
                detail=new_ban.duration_text,
            )
        LogEntry.objects.log_actions(
            user_id=by.pk,
            queryset=[new_ban],
            action_flag=ADDITION,
            change_message=f"Banned {new_ban.duration_text}",
        )
    return new_ban


def ban_posters(
    comments: Iterable[Comment],
    *,
    by: User,
    reason: Reason,
    expires_at: datetime | None,
    note: str = "",
) -> list[Ban]:
    """Ban the IP address and user name of each comment's poster."""
    return [
        ban(
            Ban(
                ip_address=comment.ip_address,
                user_name=comment.user_name,
                reason=reason,
                note=note,
                comment=comment,
                expires_at=expires_at,
            ),
            by=by,
        )
        for comment in comments
    ]


STANDING_ACTIONS = {
    Standing.WATCHED: Action.POSTER_WATCHED,
    Standing.TRUSTED: Action.POSTER_TRUSTED,
}


def set_standing(new_standing: PosterStanding, *, by: User) -> PosterStanding:
    """Save a decision to watch or trust a poster, and record it."""
    new_standing.created_by = by
    new_standing.name_key = rules.name_key(new_standing.user_name)
    label = Standing(new_standing.standing).label.split(":")[0]
    with transaction.atomic():
        new_standing.save()
        if new_standing.comment_id:
            ModerationEvent.objects.create(
                comment_id=new_standing.comment_id,
                action=STANDING_ACTIONS[Standing(new_standing.standing)],
                moderator=by,
                detail=new_standing.note[:200],
            )
        LogEntry.objects.log_actions(
            user_id=by.pk,
            queryset=[new_standing],
            action_flag=ADDITION,
            change_message=label,
        )
    return new_standing


def watch(
    comments: Iterable[Comment], *, by: User, expires_at: datetime | None
) -> list[PosterStanding]:
    """Hold what the posters of these comments write next, until expires_at."""
    return _judge_posters(comments, Standing.WATCHED, by=by, expires_at=expires_at)


def trust(comments: Iterable[Comment], *, by: User) -> list[PosterStanding]:
    """Let the posters of these comments skip the link, duplicate and
    pre-moderation holds."""
    return _judge_posters(comments, Standing.TRUSTED, by=by, expires_at=None)


def _judge_posters(
    comments: Iterable[Comment],
    standing: Standing,
    *,
    by: User,
    expires_at: datetime | None,
) -> list[PosterStanding]:
    return [
        set_standing(
            PosterStanding(
                standing=standing,
                ip_address=comment.ip_address,
                user_name=comment.user_name,
                comment=comment,
                expires_at=expires_at,
            ),
            by=by,
        )
        for comment in comments
    ]


def lift_standings(standings: Iterable[PosterStanding], *, by: User) -> int:
    """End watches or trust early; the record stays."""
    return _lift(PosterStanding, standings, by=by)


def change_settings(switches: CommentSettings) -> CommentSettings:
    """Save the site's comment switches; every cached page shows the form or
    the closed notice afresh. (The admin records who changed what.)"""
    with transaction.atomic():
        switches.save()
        page_cache.invalidate_site()
        # This process renders with the new switches at once (the others
        # within a second): now, and again once others can read them.
        switches_on_pages.forget()
        transaction.on_commit(switches_on_pages.forget)
    return switches


def lift(bans: Iterable[Ban], *, by: User) -> int:
    """End bans early; the record stays."""
    return _lift(Ban, bans, by=by)


def _lift(
    model: type[Ban] | type[PosterStanding],
    decisions: Iterable[Ban] | Iterable[PosterStanding],
    *,
    by: User,
) -> int:
    with transaction.atomic():
        targets = list(
            model.objects.active().filter(pk__in=[each.pk for each in decisions])
        )
        if targets:
            model.objects.filter(pk__in=[each.pk for each in targets]).update(
                lifted_at=timezone.now(), lifted_by=by
            )
            LogEntry.objects.log_actions(
                user_id=by.pk,
                queryset=targets,
                action_flag=CHANGE,
                change_message="Lifted",
            )
    return len(targets)
