"""Posting: a reader's comment or reply, published at once unless a rule
holds it, and a staff member's under their own name."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from articles.models import Article
from protection import limits

from .. import alerts, extensions, rules, text
from ..models import (
    Ban,
    Comment,
    CommentSettings,
    CommentStatus,
    HoldRule,
    ModerationEvent,
    PosterStanding,
    Standing,
    staff_display_name,
    staff_voice,
)
from ..switches import accepts_comments
from . import scores, word_lists
from .recorder import GONE, Retire, record

# The flood limit readers' comments count against.
FORM = "comments"


class CommentsClosed(Exception):
    """The article no longer takes comments."""


class PosterBanned(Exception):
    """The poster's address or user name is banned."""

    def __init__(self, ban: Ban):
        super().__init__(ban)
        self.ban = ban


def submit(
    *,
    article: Article,
    user_name: str,
    body: str,
    ip_address: str | None,
    user_agent: str,
    reply_to: Comment | None = None,
    reader_key: str = "",
    current_switches: CommentSettings | None = None,
) -> Comment:
    """Store a reader's comment, or reply: published at once unless a rule
    holds it. reader_key names the e-mail address the posting browser
    confirmed (extensions.confirmed_readers), if any; current_switches, the
    site's switches as the posting request read them (else read now).

    Raises CommentsClosed, limits.TooSoon or PosterBanned instead.
    """
    switches = current_switches or CommentSettings.current()
    if not accepts_comments(article, switches):
        raise CommentsClosed(article)
    limits.take(FORM, ip_address)
    ban = Ban.objects.active().matching(
        ip_address=ip_address, user_name=user_name, reader_key=reader_key
    )
    if found := ban.first():
        raise PosterBanned(found)
    standings = _standings_of(
        ip_address=ip_address, user_name=user_name, reader_key=reader_key
    )
    threshold = switches.risk_threshold_for(article)
    risk = extensions.risk_of(user_name, body) if scores.score_now(threshold) else None
    rule, detail = _hold_rule_for(
        article=article,
        user_name=user_name,
        body=body,
        standings=standings,
        hold_everything=switches.holds_everything_now(),
        risk=risk,
        risk_threshold=threshold,
        first_comment=switches.holds_first_comments_on(article)
        and _is_first_comment(user_name=user_name, reader_key=reader_key),
    )
    comment = Comment(
        article=article,
        user_name=user_name,
        body=body,
        ip_address=ip_address,
        user_agent=user_agent[: Comment._meta.get_field("user_agent").max_length],
        reader_key=reader_key,
        **extensions.risk_fields(risk),
        status=CommentStatus.HELD if rule else CommentStatus.PUBLISHED,
        hold_rule=rule or "",
        hold_detail=detail,
        was_public=not rule,
    )
    return _store(comment, reply_to=reply_to, score_later=risk is None)


def _standings_of(
    *, ip_address: str | None, user_name: str, reader_key: str
) -> set[str]:
    return set(
        PosterStanding.objects.active()
        .matching(ip_address=ip_address, user_name=user_name, reader_key=reader_key)
        .values_list("standing", flat=True)
    )


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


def _store(
    comment: Comment, *, reply_to: Comment | None, score_later: bool = False
) -> Comment:
    comment.fingerprint = text.fingerprint(comment.body)
    # The posting browser's key to edit it for a few minutes: the view gives
    # it the secret; only its digest is stored.
    comment.edit_secret = secrets.token_urlsafe(32)
    comment.edit_key = _digest(comment.edit_secret)
    if reply_to is not None:
        # One level deep: a reply to a reply joins the same thread.
        comment.parent_id = reply_to.parent_id or reply_to.pk
        comment.reply_to = reply_to
    with transaction.atomic():
        comment.save()
        if comment.status == CommentStatus.HELD:
            record(
                [comment],
                action=ModerationEvent.Action.HELD,
                rule=comment.hold_rule,
                detail=comment.hold_detail,
                retire=Retire.NOTHING,
            )
            alerts.comment_waits()
        else:
            record([comment], to=CommentStatus.PUBLISHED, was=GONE)
        if score_later:
            scores.later(comment)
    return comment


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _hold_rule_for(
    *,
    article: Article,
    user_name: str,
    body: str,
    standings: set[str],
    hold_everything: bool,
    risk: extensions.Risk | None = None,
    risk_threshold: float | None = None,
    first_comment: bool = False,
    edited: bool = False,
) -> tuple[HoldRule | None, str]:
    """The first rule that holds this comment, with what it found. A trusted
    poster skips the link, duplicate, risk and pre-moderation holds; banned
    words and staff names hold everyone. An edit is no new comment: it is
    neither its own duplicate nor pre-moderated again."""
    trusted = Standing.TRUSTED in standings
    lists = word_lists.current()
    if word := rules.find_banned_word(f"{user_name}\n{body}", lists.banned_words):
        return HoldRule.BANNED_WORD, word
    links = rules.count_links(body)
    if links > settings.NEWSROOM_MAX_LINKS and not trusted:
        return HoldRule.TOO_MANY_LINKS, f"{links} links"
    if name := rules.imitated_name(user_name, lists.reserved_names):
        return HoldRule.STAFF_NAME, name
    too_risky = (
        f"{risk.score:.2f}"
        if not trusted
        and risk is not None
        and risk_threshold is not None
        and risk.score > risk_threshold
        else ""
    )
    if not edited and not trusted and _is_recent_duplicate(article=article, body=body):
        return HoldRule.DUPLICATE, ""
    if Standing.WATCHED in standings:
        return HoldRule.WATCHED, ""
    if too_risky:
        return HoldRule.RISK, too_risky
    if edited:
        return None, ""
    if not trusted and (hold_everything or article.premoderated):
        return HoldRule.PREMODERATION, ""
    if not trusted and first_comment:
        return HoldRule.FIRST_COMMENT, ""
    return None, ""


def _is_first_comment(*, user_name: str, reader_key: str) -> bool:
    """Whether nothing by this name (or by the address the browser
    confirmed) was ever published here."""
    earlier = Q(user_name=user_name)
    if reader_key:
        earlier |= Q(reader_key=reader_key)
    return not Comment.objects.filter(earlier, was_public=True).exists()


def _is_recent_duplicate(*, article: Article, body: str) -> bool:
    since = timezone.now() - timedelta(hours=settings.NEWSROOM_DUPLICATE_HOURS)
    return Comment.objects.filter(
        article=article, created_at__gte=since, fingerprint=text.fingerprint(body)
    ).exists()
