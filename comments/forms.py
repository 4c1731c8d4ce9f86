import time

from captcha.fields import CaptchaField, CaptchaTextInput
from django import forms
from django.conf import settings
from django.core import signing
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext_lazy as _

from . import text
from .models import Comment, Reason

USER_NAME_LENGTH = 50
COMMENT_LENGTH = 3000
RENDERED_AT_SALT = "comments.form.rendered-at"


def sign_render_time() -> str:
    return signing.dumps(time.time(), salt=RENDERED_AT_SALT)


class CaptchaWidget(CaptchaTextInput):
    """The captcha with a new-image button and an audio alternative."""

    template_name = "comments/_captcha_widget.html"
    # One label on the answer box, not a fieldset around two inputs, so
    # screen readers announce "Enter the words you see" on the field.
    use_fieldset = False

    def get_context(self, name, value, attrs):
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


class ReaderTextField(forms.CharField):
    """Text a reader typed: normalised, then measured as a reader counts."""

    def __init__(self, *, normalize, limit: int, **kwargs):
        self.normalize = normalize
        self.limit = limit
        super().__init__(strip=False, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        # Refuse null characters before normalising would quietly drop them.
        ProhibitNullCharactersValidator()(value)
        return self.normalize(value)

    def validate(self, value):
        super().validate(value)
        if text.length(value) > self.limit:
            raise forms.ValidationError(
                self.error_messages["max_length"],
                code="max_length",
                params={"limit_value": self.limit, "show_value": text.length(value)},
            )


class CommentForm(forms.ModelForm):
    user_name = ReaderTextField(
        label=_("User Name"),
        normalize=text.normalize_user_name,
        limit=USER_NAME_LENGTH,
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
        error_messages={
            "required": _("Please enter a user name."),
            "max_length": _(
                "Please keep your user name to %(limit_value)d characters "
                "(it has %(show_value)d)."
            ),
        },
    )
    body = ReaderTextField(
        label=_("Your Comment"),
        normalize=text.normalize_comment,
        limit=COMMENT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6, "data-limit": COMMENT_LENGTH}),
        error_messages={
            "required": _("Please write your comment."),
            "max_length": _(
                "Please keep your comment to %(limit_value)d characters "
                "(it has %(show_value)d)."
            ),
        },
    )
    captcha = ReaderCaptchaField()
    # People never see this field; bots that fill every field do.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    # Signed when rendered (a callable initial), so that the article page,
    # which shows the form without it, does not sign anything.
    rendered_at = forms.CharField(
        required=False, widget=forms.HiddenInput, initial=sign_render_time
    )

    class Meta:
        model = Comment
        fields = ["user_name", "body"]

    def clean(self):
        cleaned = super().clean()
        if self.looks_automated(cleaned):
            # Say nothing a bot could learn from; a person just tries again.
            raise forms.ValidationError(
                _("Sorry, your comment could not be posted. Please try again."),
                code="automated",
            )
        return cleaned

    def looks_automated(self, cleaned: dict) -> bool:
        if cleaned.get("website"):
            return True
        try:
            rendered_at = signing.loads(
                cleaned.get("rendered_at", ""), salt=RENDERED_AT_SALT
            )
        except signing.BadSignature:
            return True
        return time.time() - rendered_at < settings.NEWSROOM_MIN_SECONDS_TO_POST


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why should a moderator look at this comment?"),
        choices=Reason,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please pick a reason.")},
    )
