from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.utils.translation import ngettext

from protection import limits


class StaffLoginForm(AdminAuthenticationForm):
    """The admin's login, with wrong passwords counted per account.

    django-axes pauses an address after a few failures; guesses spread over
    many addresses are counted here against the account they target. Past
    the limit the account's sign-in waits until the hour is out, never
    longer, so an attacker cannot keep a moderator out for long.
    """

    def clean(self):
        username = self.cleaned_data.get("username")
        account = username.casefold() if username else None
        try:
            # Every attempt takes a failure; signing in gives it back.
            limits.take("staff_login_failures", account)
        except limits.TooSoon as limited:
            minutes = max(1, -(-limited.retry_after // 60))
            raise forms.ValidationError(
                ngettext(
                    "Too many wrong passwords were tried for this account. "
                    "Please try again in %(minutes)d minute.",
                    "Too many wrong passwords were tried for this account. "
                    "Please try again in %(minutes)d minutes.",
                    minutes,
                ),
                code="too_many_failures",
                params={"minutes": minutes},
            ) from None
        cleaned = super().clean()
        limits.give_back("staff_login_failures", account)
        return cleaned
