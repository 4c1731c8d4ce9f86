from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.utils.translation import ngettext

from protection import limits

from . import sign_in


class StaffLoginForm(AdminAuthenticationForm):
    """The admin's login, with wrong passwords counted per account for
    unknown browsers and per browser for known ones (sign_in.py)."""

    def clean(self):
        username = self.cleaned_data.get("username")
        account = sign_in.account_of(username) if username else None
        device = sign_in.known_device(self.request, account) if account else None
        limit, counted = (
            ("staff_login_device_failures", device)
            if device
            else ("staff_login_failures", account)
        )
        try:
            # Every attempt takes a failure; signing in gives it back.
            limits.take(limit, counted)
        except limits.TooSoon as limited:
            raise self.too_many_failures(
                limited.retry_after, known=bool(device)
            ) from None
        try:
            cleaned = super().clean()
        except forms.ValidationError as refused:
            if refused.code == "invalid_login" and not device:
                sign_in.record_failure(username)
            raise
        limits.give_back(limit, counted)
        return cleaned

    def too_many_failures(self, retry_after: int, *, known: bool):
        minutes = max(1, -(-retry_after // 60))
        if known:
            message = ngettext(
                "Too many wrong passwords were tried from this browser. "
                "Please try again in %(minutes)d minute.",
                "Too many wrong passwords were tried from this browser. "
                "Please try again in %(minutes)d minutes.",
                minutes,
            )
        else:
            message = ngettext(
                "Too many wrong passwords were tried for this account. Sign in "
                "from a browser you have signed in from before, or try again "
                "in %(minutes)d minute.",
                "Too many wrong passwords were tried for this account. Sign in "
                "from a browser you have signed in from before, or try again "
                "in %(minutes)d minutes.",
                minutes,
            )
        return forms.ValidationError(
            message, code="too_many_failures", params={"minutes": minutes}
        )
