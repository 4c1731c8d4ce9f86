"""Every change to who follows what: double opt-in, and stopping in one
click.

An address asked for at the comment form is stored unconfirmed and sent
nothing but one confirmation link until its owner follows it; it is not sent
a second one within a day, and confirmation mails are limited per client
and per recipient, so nobody can flood an inbox through us. The form's
answer is the same whether or not the address already follows something.
Confirming marks the browser (a signed cookie), which is then not asked
again for that address. An address is kept only while it follows
something: stopping the last follow forgets it, and so does the hourly
housekeeping for addresses left unconfirmed past their link's life.
"""

import secrets
from datetime import timedelta
from typing import Any

from django.core import signing
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from comments.models import Comment
from protection import limits, opt_in

from . import mail
from .links import CONFIRM_MAX_AGE, CONFIRM_SALT
from .models import Follow, Follower

BROWSER_SALT = "following.browser"
READER_KEY_SALT = "following.reader"
ASK_AGAIN_AFTER = timedelta(days=1)
# The browser that confirmed an address: not asked to confirm it again.
BROWSER_COOKIE = "newsroom_follower"
BROWSER_COOKIE_AGE = timedelta(days=365)
FORM = "follow_confirmations"
RECIPIENT = "follow_recipient"


def from_the_form(request: HttpRequest, comment: Comment, data: dict[str, Any]) -> str:
    """The comment form's "E-mail me when someone replies": follow, and say
    what happens next in a sentence (the same for every address)."""
    if not (data.get("notify") and data.get("email")):
        return ""
    email = normalized(data["email"])
    here = confirmed_in(request) == email
    follow(
        email=email,
        comment=comment,
        whole_story=bool(data.get("notify_story")),
        ip_address=request.META.get("REMOTE_ADDR"),
        language=translation.get_language() or "",
        confirmed_browser=here,
    )
    if here:
        return _("We will e-mail you when someone replies.")
    return _(
        "To be e-mailed replies, follow the link we send to that address "
        "(unless it is already confirmed); nothing else is sent to it before."
    )


def normalized(email: str) -> str:
    return email.strip().lower()


def follow(
    *,
    email: str,
    comment: Comment,
    whole_story: bool,
    ip_address: str | None,
    language: str = "",
    confirmed_browser: bool = False,
) -> None:
    email = normalized(email)
    with transaction.atomic():
        follower = follower_for(email)
        now = timezone.now()
        follower.language = language or follower.language
        if confirmed_browser and not follower.confirmed_at:
            follower.confirmed_at = now
        Follow.objects.get_or_create(follower=follower, comment=comment)
        if whole_story:
            Follow.objects.get_or_create(follower=follower, article=comment.article)
        ask = not follower.confirmed_at and (
            follower.confirmation_sent_at is None
            or now - follower.confirmation_sent_at > ASK_AGAIN_AFTER
        )
        if ask and within_limits(email, ip_address):
            follower.confirmation_token = secrets.token_urlsafe(16)
            follower.confirmation_sent_at = now
            transaction.on_commit(lambda: mail.send_confirmation(follower))
        follower.save()


def follower_for(email: str) -> Follower:
    """The address's row, locked; created when new (two posts at once
    create it once)."""
    try:
        with transaction.atomic():
            Follower.objects.get_or_create(email=email)
    except IntegrityError:
        pass
    return Follower.objects.select_for_update().get(email=email)


def within_limits(email: str, ip_address: str | None) -> bool:
    try:
        limits.take(FORM, ip_address)
        limits.take(RECIPIENT, email)
    except limits.TooSoon:
        return False
    return True


def confirm(token: str) -> Follower:
    """Confirm the address the link names (opt_in.confirm says when not)."""
    follower = opt_in.confirm(
        Follower, token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE
    )
    # Replies written while the address waited for its owner are told now.
    transaction.on_commit(mail.send_reply_mails.enqueue)
    return follower


def reader_key_of(email: str) -> str:
    """What comments and decisions about posters store for a confirmed
    address: a digest keyed with the site's secret, which names the reader
    without showing the address or letting anyone guess it back."""
    return salted_hmac(
        READER_KEY_SALT, normalized(email), algorithm="sha256"
    ).hexdigest()


def reader_key(request: HttpRequest) -> str:
    """The key of the address this browser confirmed, while the address is
    still kept (it follows something or holds a name), or ""
    (extensions.confirmed_readers)."""
    email = confirmed_in(request)
    if (
        not email
        or not Follower.objects.filter(email=email, confirmed_at__isnull=False).exists()
    ):
        return ""
    return reader_key_of(email)


def browser_cookie_value(email: str) -> str:
    return signing.dumps(email, salt=BROWSER_SALT)


def confirmed_in(
    request: HttpRequest, *, within: timedelta = BROWSER_COOKIE_AGE
) -> str:
    """The address this browser confirmed (within that long), or ""."""
    value = request.COOKIES.get(BROWSER_COOKIE, "")
    try:
        email = signing.loads(value, salt=BROWSER_SALT, max_age=within)
    except signing.BadSignature:
        return ""
    return email if isinstance(email, str) else ""


def stop(email: str, *, follow_id: int | None = None) -> int:
    """Stop one follow of the address, or all of them; an address left
    following nothing is forgotten. Returns how many follows stopped."""
    with transaction.atomic():
        follows = Follow.objects.filter(follower__email=email)
        if follow_id is not None:
            follows = follows.filter(pk=follow_id)
        _total, deleted = follows.delete()
        forget_if_unused(email)
    return deleted.get(Follow._meta.label, 0)


def forget_if_unused(email: str) -> None:
    """Forget the address if it follows nothing and holds no name."""
    Follower.objects.filter(
        email=email, follows__isnull=True, reserved_name__isnull=True
    ).delete()


def forget_unused() -> int:
    """Housekeeping: forget addresses that follow nothing and hold no name,
    and those never confirmed within their link's life. Returns how many."""
    stale = timezone.now() - timedelta(seconds=CONFIRM_MAX_AGE)
    _total, unused = Follower.objects.filter(
        confirmed_at__isnull=False, follows__isnull=True, reserved_name__isnull=True
    ).delete()
    _total, unconfirmed = Follower.objects.filter(
        confirmed_at__isnull=True, created_at__lt=stale
    ).delete()
    label = Follower._meta.label
    return unused.get(label, 0) + unconfirmed.get(label, 0)


def forget_followers_of(comments) -> int:
    """Forget the addresses that follow these comments, and everything they
    follow (their poster's erasure). Returns how many addresses."""
    _total, deleted = Follower.objects.filter(
        pk__in=Follow.objects.filter(comment__in=comments).values("follower")
    ).delete()
    return deleted.get(Follower._meta.label, 0)
