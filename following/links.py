"""The signed links of replies by e-mail: confirming an address, the page of
what it follows, and stopping one follow. None is stored: each carries what
it names, signed with the site's key, and the confirmation link also a
one-time token that confirming clears."""

from django.core import signing

from protection import opt_in

from .models import Follow, Follower

CONFIRM_SALT = "following.confirm"
MANAGE_SALT = "following.manage"
STOP_SALT = "following.stop"
CONFIRM_MAX_AGE = 3 * 24 * 3600


InvalidLink = opt_in.InvalidLink


def confirm_token(follower: Follower) -> str:
    return opt_in.confirmation_token(follower, salt=CONFIRM_SALT)


def manage_token(email: str) -> str:
    """The key to an address's own page of what it follows, in every mail."""
    return signing.dumps(email, salt=MANAGE_SALT)


def stop_token(follow: Follow) -> str:
    """The key to stop one follow, in its mails' one-click unsubscribe."""
    return signing.dumps([follow.follower.email, follow.pk], salt=STOP_SALT)


def stopped_by(token: str) -> tuple[str, int]:
    try:
        email, follow_id = signing.loads(token, salt=STOP_SALT)
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise InvalidLink from error
    return str(email), int(follow_id)


def email_of(token: str) -> str:
    try:
        email = signing.loads(token, salt=MANAGE_SALT)
    except signing.BadSignature as error:
        raise InvalidLink from error
    if not isinstance(email, str):
        raise InvalidLink(token)
    return email
