"""Signing in to the admin, where guessing cannot be turned against the
owner of the account.

Wrong passwords are limited three ways. django-axes pauses an address
after a few failures. Guesses spread over many addresses are counted
against the account they target, but only those from browsers the account
has never signed in from: a browser that signed in once keeps a signed
device cookie (as OWASP's "device cookies" recommend), and its wrong
passwords are counted against that browser alone. So an attacker who fills
the account's count locks out unknown browsers, never the owner's own.
Wrong passwords from browsers the account never signed in from are counted
in the database, without address or browser, and its owner is told at the
next sign-in.
"""

import secrets

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import ngettext

from .models import FailedSignIns

DEVICE_COOKIE = "newsroom_staff_device"
DEVICE_SALT = "staff.sign_in.device"
DEVICE_MAX_AGE = 365 * 24 * 3600


def account_of(username: str) -> str:
    """Accounts are counted whatever the letter case the guesses use."""
    return username.casefold()


def known_device(request: HttpRequest, account: str) -> str | None:
    """The id of this browser when the account has signed in from it."""
    value = request.get_signed_cookie(
        DEVICE_COOKIE, default=None, salt=DEVICE_SALT, max_age=DEVICE_MAX_AGE
    )
    if not value or ":" not in value:
        return None
    signed_account, device = value.rsplit(":", 1)
    return device if signed_account == account else None


def from_a_known_browser(request: HttpRequest, credentials: dict | None = None) -> bool:
    """django-axes' AXES_WHITELIST_CALLABLE: a browser the account signed in
    from before is not paused with its address (an office's shared address
    would otherwise lock its owner out with the guessers); its own count
    (staff_login_device_failures) limits it instead."""
    username = (credentials or {}).get("username") or request.POST.get("username")
    if not isinstance(username, str) or not username:
        return False
    return known_device(request, account_of(username)) is not None


def remember_device(request: HttpRequest, response: HttpResponse) -> None:
    account = account_of(request.user.get_username())
    device = known_device(request, account) or secrets.token_urlsafe(16)
    response.set_signed_cookie(
        DEVICE_COOKIE,
        f"{account}:{device}",
        salt=DEVICE_SALT,
        max_age=DEVICE_MAX_AGE,
        httponly=True,
        secure=request.is_secure(),
        samesite="Strict",
    )


def record_failure(username: str) -> None:
    """One more wrong password for the account of that name, if there is one."""
    now = timezone.now()
    for user in get_user_model().objects.filter(
        username__iexact=username, is_staff=True
    ):
        counted = FailedSignIns.objects.filter(user=user).update(
            count=F("count") + 1, last_at=now
        )
        if not counted:
            FailedSignIns.objects.get_or_create(
                user=user, defaults={"count": 1, "last_at": now}
            )


def tell_of_failures(request: HttpRequest) -> None:
    """Tell the owner who just signed in how many wrong passwords were tried."""
    failures = FailedSignIns.objects.filter(pk=request.user.pk or 0).first()
    if failures is None:
        return
    messages.warning(
        request,
        ngettext(
            "%(count)d wrong password was tried for your account from another "
            "browser since you last signed in, the last on %(when)s. If it was "
            "not you, tell the editor-in-chief and choose a stronger password.",
            "%(count)d wrong passwords were tried for your account from other "
            "browsers since you last signed in, the last on %(when)s. If it was "
            "not you, tell the editor-in-chief and choose a stronger password.",
            failures.count,
        )
        % {
            "count": failures.count,
            "when": timezone.localtime(failures.last_at).strftime("%Y-%m-%d %H:%M"),
        },
    )
    failures.delete()
