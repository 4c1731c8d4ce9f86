from django import forms
from django.utils.translation import gettext_lazy as _

from protection.forms import HumanCheckForm

from .models import Subscriber


class NewsletterForm(HumanCheckForm):
    email = forms.EmailField(
        label=_("Your e-mail"),
        max_length=Subscriber._meta.get_field("email").max_length,
        error_messages={
            "required": _("Please enter your e-mail address."),
            "invalid": _("Please check the e-mail address."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
