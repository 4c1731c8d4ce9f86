from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext_lazy as _

from protection.forms import HumanCheckForm

from . import text
from .models import Comment, Reason

USER_NAME_LENGTH = 50
COMMENT_LENGTH = 3000


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


class CommentForm(HumanCheckForm, forms.ModelForm):
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
    automated_message = _("Sorry, your comment could not be posted. Please try again.")

    class Meta:
        model = Comment
        fields = ["user_name", "body"]


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why should a moderator look at this comment?"),
        choices=Reason,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please pick a reason.")},
    )
