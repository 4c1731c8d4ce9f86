"""What every public form carries: a captcha used up atomically, with its
wrong answers limited per address, and a honeypot; and the form base class
that checks them."""

import math

from captcha.fields import CaptchaField, CaptchaTextInput
from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.translation import gettext, gettext_noop, ngettext
from django.utils.translation import gettext_lazy as _

from . import captcha, captcha_picture, housekeeping, limits


class CaptchaWidget(CaptchaTextInput):
    """The captcha with a new-image button and an audio alternative."""

    template_name = "protection/_captcha_widget.html"
    # One label on the answer box, not a fieldset around two inputs, so
    # screen readers announce "Enter the two words you see" on the field.
    use_fieldset = False

    def get_context(self, name, value, attrs):
        # Each render stores a new captcha; the expired ones go now and then.
        housekeeping.run_if_due()
        context = super().get_context(name, value, attrs)
        context["lifetime_seconds"] = settings.CAPTCHA_TIMEOUT * 60
        context["image_2x"] = reverse("captcha-image-2x", kwargs={"key": self._key})
        context["picture_width"] = captcha_picture.WIDTH
        context["picture_height"] = captcha_picture.HEIGHT
        context["digits"] = captcha.asks_for_digits()
        return context


def for_the_challenge(*, words: str, digits: str) -> str:
    """The text about the challenge the reader is given, translated when it
    is shown: fields are made once, for readers of every language."""
    return lazy(
        lambda: gettext(digits) if captcha.asks_for_digits() else gettext(words), str
    )()


class ReaderCaptchaField(CaptchaField):
    """The captcha as every reader-facing form asks for it. Cleaning only
    reads the key and the answer; HumanCheckForm.clean() uses them up."""

    def __init__(self, **kwargs):
        super().__init__(
            label=for_the_challenge(
                words=gettext_noop("Enter the two words you see:"),
                digits=gettext_noop("Enter the digits you see:"),
            ),
            widget=CaptchaWidget(),
            error_messages={
                "invalid": for_the_challenge(
                    words=gettext_noop(
                        "The words you typed did not match the picture, or the "
                        "picture had expired. Please type the words in the new "
                        "picture."
                    ),
                    digits=gettext_noop(
                        "The digits you typed did not match the picture, or the "
                        "picture had expired. Please type the digits in the new "
                        "picture."
                    ),
                ),
                "required": for_the_challenge(
                    words=gettext_noop("Please type the words you see in the picture."),
                    digits=gettext_noop(
                        "Please type the digits you see in the picture."
                    ),
                ),
            },
            **kwargs,
        )

    def compress(self, data_list):
        return tuple(data_list) if data_list else None

    def clean(self, value):
        return forms.MultiValueField.clean(self, value)


class HumanCheckForm(forms.Form):
    """A form people fill in and bots should not: the captcha, a honeypot
    field people never see, and a captcha issued too short a time ago to
    have been read. What gives a bot away is refused with a message that
    teaches it nothing.

    Pass client_address (the request's REMOTE_ADDR) so that wrong answers
    count against it; past the limit the form says how long to wait and
    too_soon holds the wait in seconds.
    """

    captcha = ReaderCaptchaField()
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    automated_message = _("Sorry, this could not be sent. Please try again.")

    def __init__(self, *args, client_address: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.client_address = client_address
        self.too_soon: int | None = None

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("captcha") is not None:
            self.use_captcha(*cleaned["captcha"])
        if cleaned.get("website"):
            raise forms.ValidationError(self.automated_message, code="automated")
        return cleaned

    def use_captcha(self, key: str, answer: str) -> None:
        try:
            # Every attempt takes a failure and a right answer gives it back,
            # so that parallel wrong guesses cannot all slip under the cap.
            limits.take("captcha_failures", self.client_address)
        except limits.TooSoon as limited:
            self.too_soon = limited.retry_after
            minutes = max(1, math.ceil(limited.retry_after / 60))
            self.add_error(
                "captcha",
                forms.ValidationError(
                    ngettext(
                        "Too many wrong answers to the picture came from your "
                        "address. Please try again in %(minutes)d minute; your "
                        "text is kept in the form.",
                        "Too many wrong answers to the picture came from your "
                        "address. Please try again in %(minutes)d minutes; your "
                        "text is kept in the form.",
                        minutes,
                    ),
                    code="too_many_failures",
                    params={"minutes": minutes},
                ),
            )
            return
        outcome = captcha.consume(key, answer)
        if outcome is captcha.Outcome.PASSED:
            limits.give_back("captcha_failures", self.client_address)
        elif outcome is captcha.Outcome.WRONG:
            self.add_error("captcha", self.fields["captcha"].error_messages["invalid"])
        else:
            raise forms.ValidationError(self.automated_message, code="automated")
