"""The checks every reader-facing form carries: the captcha, and the
honeypot with the render-time check that quietly turn away bots."""

import time

from captcha.fields import CaptchaField, CaptchaTextInput
from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

from . import housekeeping

# Named from when the check was the comment form's: forms open in readers'
# browsers keep working.
RENDERED_AT_SALT = "comments.form.rendered-at"


def sign_render_time() -> str:
    return signing.dumps(time.time(), salt=RENDERED_AT_SALT)


class CaptchaWidget(CaptchaTextInput):
    """The captcha with a new-image button and an audio alternative."""

    template_name = "protection/_captcha_widget.html"
    # One label on the answer box, not a fieldset around two inputs, so
    # screen readers announce "Enter the words you see" on the field.
    use_fieldset = False

    def get_context(self, name, value, attrs):
        # Each render stores a new captcha; the expired ones go now and then.
        housekeeping.run_if_due()
        context = super().get_context(name, value, attrs)
        context["lifetime_seconds"] = settings.CAPTCHA_TIMEOUT * 60
        return context


class ReaderCaptchaField(CaptchaField):
    """The captcha as every reader-facing form asks for it."""

    def __init__(self, **kwargs):
        super().__init__(
            label=_("Enter the words you see:"),
            widget=CaptchaWidget(),
            error_messages={
                "invalid": _(
                    "The words you typed did not match the picture, or the "
                    "picture had expired. Please type the words in the new picture."
                ),
                "required": _("Please type the words you see in the picture."),
            },
            **kwargs,
        )


class BotCheckForm(forms.Form):
    """A honeypot field people never see, and the signed time the form was
    shown: a form filled in every field, or faster than a person types,
    is refused with a message that teaches a bot nothing."""

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    # Signed when rendered (a callable initial), so that a cached page that
    # shows the form without it signs nothing.
    rendered_at = forms.CharField(
        required=False, widget=forms.HiddenInput, initial=sign_render_time
    )

    automated_message = _("Sorry, this could not be sent. Please try again.")

    def clean(self):
        cleaned = super().clean()
        if self.looks_automated(cleaned):
            raise forms.ValidationError(self.automated_message, code="automated")
        return cleaned

    @staticmethod
    def looks_automated(cleaned: dict) -> bool:
        if cleaned.get("website"):
            return True
        try:
            rendered_at = signing.loads(
                cleaned.get("rendered_at", ""), salt=RENDERED_AT_SALT
            )
        except signing.BadSignature:
            return True
        return time.time() - rendered_at < settings.NEWSROOM_MIN_SECONDS_TO_POST
