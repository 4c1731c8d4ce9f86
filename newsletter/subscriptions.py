"""Every change to the subscriber list: double opt-in sign-up, one-click
unsubscribe.

Addresses are stored unconfirmed and listed only after their owner follows
the signed link mailed to them. A confirmation link works once: it names a
one-time token that confirming clears and a new sign-up replaces, so an old
link cannot re-subscribe an address that has left. Every e-mail carries a
signed unsubscribe link. Signing up again answers exactly as the first
time, so the form never tells anyone whether an address is on the list, and
mails to one recipient are limited, so nobody can flood an inbox through us.
"""

import secrets

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from protection import limits, opt_in

from .models import Subscriber

# Named from when the newsletter lived in the articles app: the unsubscribe
# links already in readers' mailboxes keep working.
CONFIRM_SALT = "articles.newsletter.confirm"
UNSUBSCRIBE_SALT = "articles.newsletter.unsubscribe"
CONFIRM_MAX_AGE = 3 * 24 * 3600
FORM = "newsletter"


InvalidLink = opt_in.InvalidLink


def sign_up(*, email: str, site_url: str, ip_address: str | None) -> None:
    """Mail a confirmation link, or a note that the address is already on the list.

    Limited per client address and per recipient; past a limit nothing is
    sent, and the reader sees the same page either way.
    """
    email = email.strip().lower()
    try:
        limits.take(FORM, ip_address)
        limits.take("newsletter_recipient", email)
    except limits.TooSoon:
        return
    with transaction.atomic():
        subscriber, _created = Subscriber.objects.select_for_update().get_or_create(
            email=email
        )
        if not subscriber.confirmed_at:
            subscriber.confirmation_token = secrets.token_urlsafe(16)
            subscriber.save(update_fields=["confirmation_token"])
    if subscriber.confirmed_at:
        send(subscriber, "already_subscribed", site_url=site_url)
    else:
        send(subscriber, "confirm", site_url=site_url)


def confirm(token: str) -> Subscriber:
    """Confirm the address the link names (opt_in.confirm says when not)."""
    return opt_in.confirm(Subscriber, token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)


def unsubscribe(token: str) -> str:
    email = unsign(token, UNSUBSCRIBE_SALT)
    Subscriber.objects.filter(email=email).delete()
    return email


def unsign(token: str, salt: str, max_age: int | None = None):
    try:
        return signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature as error:  # also SignatureExpired
        raise InvalidLink from error


def unsubscribe_url(email: str, site_url: str) -> str:
    token = signing.dumps(email, salt=UNSUBSCRIBE_SALT)
    return site_url + reverse("newsletter:unsubscribe", kwargs={"token": token})


def send(subscriber: Subscriber, kind: str, *, site_url: str) -> None:
    unsubscribe_link = unsubscribe_url(subscriber.email, site_url)
    context = {
        "site_name": settings.NEWSROOM_SITE_NAME,
        "confirm_url": site_url
        + reverse(
            "newsletter:confirm",
            kwargs={"token": opt_in.confirmation_token(subscriber, salt=CONFIRM_SALT)},
        ),
        "unsubscribe_url": unsubscribe_link,
    }
    message = EmailMessage(
        subject=render_to_string(
            f"newsletter/email/{kind}_subject.txt", context
        ).strip(),
        body=render_to_string(f"newsletter/email/{kind}.txt", context),
        to=[subscriber.email],
        headers={
            # RFC 8058: mail programs can unsubscribe with one click.
            "List-Unsubscribe": f"<{unsubscribe_link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.send()
