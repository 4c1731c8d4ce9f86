from django import forms
from django.utils.translation import gettext_lazy as _

from comments import text
from comments.forms import USER_NAME_LENGTH
from protection.forms import HumanCheckForm

from .models import Follower


class NameForm(HumanCheckForm):
    """A reader asks to make a user name theirs."""

    user_name = forms.CharField(
        label=_("User Name"),
        max_length=USER_NAME_LENGTH,
        error_messages={"required": _("Please enter the user name to keep.")},
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("Only for the link that confirms it: never shown."),
        max_length=Follower._meta.get_field("email").max_length,
        error_messages={
            "required": _("Please enter your e-mail address."),
            "invalid": _("Please check the e-mail address."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def clean_user_name(self) -> str:
        name = text.normalize_user_name(self.cleaned_data["user_name"])
        if not name:
            raise forms.ValidationError(_("Please enter the user name to keep."))
        return name
