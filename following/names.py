"""Names that are readers' own: a reader confirms an address once, by a
link mailed to it (no password), and the user name they asked for is
theirs on this site. Another browser posting it, or a look-alike of it
("L e n a", a Cyrillic "e"), is asked for another name; the browser that
confirmed posts under it as before, and for 30 days after confirming
without the captcha (flood limits still apply). Readers who confirm nothing
comment exactly as without this.

The link is one-time (the address's latest token, cleared on use) and
lives three days; its mails are limited like the confirmation of replies
by e-mail, and the answer to the form is the same whatever the address.
"""

import secrets
from datetime import timedelta

from django.core import signing
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from comments import rules, text

from . import follows, mail
from .links import CONFIRM_MAX_AGE, InvalidLink
from .models import ReservedName

NAME_SALT = "following.name"
# How long after confirming a browser posts under its name without the
# captcha (flood limits still count every comment).
NO_CAPTCHA_FOR = timedelta(days=30)


class NameTaken(Exception):
    """Another reader confirmed this name (or one that looks like it) first."""


def key_of(user_name: str) -> str:
    return rules.name_key(text.normalize_user_name(user_name))


def whose(request: HttpRequest, user_name: str) -> str:
    """Why this browser may not post under user_name (another reader's
    name), or "" (extensions.name_checks)."""
    key = key_of(user_name)
    if not key:
        return ""
    reserved = (
        ReservedName.objects.filter(name_key=key).select_related("follower").first()
    )
    if reserved is None or follows.confirmed_in(request) == reserved.follower.email:
        return ""
    return _(
        "Another reader has made “%(name)s” their name here. Please choose "
        "another one; your comment is kept."
    ) % {"name": reserved.user_name}


def known_name(request: HttpRequest) -> str:
    """The name this browser confirmed in the last 30 days, which it may post
    under without the captcha, or "" (extensions.known_names)."""
    email = follows.confirmed_in(request, within=NO_CAPTCHA_FOR)
    if not email:
        return ""
    return (
        ReservedName.objects.filter(follower__email=email)
        .values_list("user_name", flat=True)
        .first()
        or ""
    )


def ask(*, email: str, user_name: str, ip_address: str | None, language: str) -> None:
    """Mail the link that makes user_name the address's own (within the
    limits; past them, nothing is sent and the answer is the same)."""
    email = follows.normalized(email)
    if not follows.within_limits(email, ip_address):
        return
    with transaction.atomic():
        follower = follows.follower_for(email)
        follower.confirmation_token = secrets.token_urlsafe(16)
        follower.confirmation_sent_at = timezone.now()
        follower.language = language or follower.language
        follower.save()
    token = signing.dumps(
        [email, user_name, follower.confirmation_token], salt=NAME_SALT
    )
    mail.send_name_link(follower, user_name=user_name, token=token)


def reserve(token: str) -> ReservedName:
    """Make the name the link names its address's own; raises InvalidLink or
    NameTaken."""
    try:
        email, user_name, one_time = signing.loads(
            token, salt=NAME_SALT, max_age=CONFIRM_MAX_AGE
        )
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise InvalidLink from error
    with transaction.atomic():
        follower = follows.follower_for(email)
        if not one_time or follower.confirmation_token != one_time:
            raise InvalidLink(email)
        follower.confirmed_at = follower.confirmed_at or timezone.now()
        follower.confirmation_token = ""
        follower.save()
        key = key_of(user_name)
        if (
            ReservedName.objects.filter(name_key=key)
            .exclude(follower=follower)
            .exists()
        ):
            raise NameTaken(user_name)
        try:
            with transaction.atomic():
                reserved, _created = ReservedName.objects.update_or_create(
                    follower=follower,
                    defaults={"user_name": user_name, "name_key": key},
                )
        except IntegrityError as error:  # taken by a link used at the same time
            raise NameTaken(user_name) from error
    return reserved


def release(email: str) -> int:
    """Free the address's name; an address left following nothing is
    forgotten at once."""
    with transaction.atomic():
        deleted, _ = ReservedName.objects.filter(follower__email=email).delete()
        follows.forget_if_unused(email)
    return deleted
