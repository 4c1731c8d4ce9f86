from captcha.fields import CaptchaField, CaptchaTextInput
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Comment, Reason


class CaptchaWidget(CaptchaTextInput):
    """The captcha with a new-image button and an audio alternative."""

    template_name = "comments/_captcha_widget.html"
    # One label on the answer box, not a fieldset around two inputs, so
    # screen readers announce "Enter the words you see" on the field.
    use_fieldset = False


class CommentForm(forms.ModelForm):
    captcha = CaptchaField(
        label=_("Enter the words you see:"),
        widget=CaptchaWidget(),
        error_messages={
            "invalid": _(
                "The words you typed did not match the picture. "
                "Please type the words in the new picture."
            ),
            "required": _("Please type the words you see in the picture."),
        },
    )

    class Meta:
        model = Comment
        fields = ["user_name", "body"]
        labels = {"user_name": _("User Name"), "body": _("Your Comment")}
        widgets = {"body": forms.Textarea(attrs={"rows": 6})}
        error_messages = {
            "user_name": {
                "required": _("Please enter a user name."),
                "max_length": _(
                    "Please keep your user name to %(limit_value)d characters "
                    "(it has %(show_value)d)."
                ),
            },
            "body": {
                "required": _("Please write your comment."),
                "max_length": _(
                    "Please keep your comment to %(limit_value)d characters "
                    "(it has %(show_value)d)."
                ),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user_name"].widget.attrs["autocomplete"] = "nickname"


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why should a moderator look at this comment?"),
        choices=Reason,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please pick a reason.")},
    )
