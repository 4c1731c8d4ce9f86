from django import forms
from django.utils.translation import gettext_lazy as _

from protection.forms import HumanCheckForm

from .models import Tip


class TipForm(HumanCheckForm, forms.ModelForm):
    class Meta:
        model = Tip
        fields = ["name", "email", "story", "link"]
        labels = {
            "name": _("Your name"),
            "email": _("Your e-mail"),
            "link": _("A link (optional)"),
        }
        help_texts = {
            "email": _("So an editor can write back. We never publish it."),
            "story": _("What happened, where and when, and how you know."),
        }
        widgets = {"story": forms.Textarea(attrs={"rows": 8})}
        error_messages = {
            "name": {"required": _("Please tell us your name.")},
            "email": {
                "required": _("Please give an e-mail address so we can reply."),
                "invalid": _("Please check the e-mail address."),
            },
            "story": {"required": _("Please tell us the story.")},
            "link": {
                "invalid": _("Please give a full address, starting with https://.")
            },
        }
