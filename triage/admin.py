from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from . import learning
from .models import SiteModel


@admin.register(SiteModel)
class SiteModelAdmin(admin.ModelAdmin):
    """The versions of the site's model: how each agreed with the
    moderators, which is in use, why one was refused; put one back."""

    list_display = (
        "__str__",
        "created_at",
        "decisions",
        "removals",
        "agreement_shown",
        "previous_agreement_shown",
        "in_use",
        "refused",
    )
    readonly_fields = (
        "created_at",
        "decisions",
        "removals",
        "seconds",
        "agreement",
        "previous_agreement",
        "in_use",
        "refused",
    )
    actions = ("put_back",)

    @admin.display(description=_("agreement with the latest decisions"))
    def agreement_shown(self, version) -> str:
        return f"{version.agreement:.0%}"

    @admin.display(description=_("the version in use, then"))
    def previous_agreement_shown(self, version) -> str:
        if version.previous_agreement is None:
            return "—"
        return f"{version.previous_agreement:.0%}"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        # A version is never edited; "change" is putting one in use.
        return obj is None and super().has_change_permission(request)

    @admin.action(
        permissions=["change"], description=_("Use the selected version from now on")
    )
    def put_back(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(
                request, _("Choose one version to put in use."), messages.WARNING
            )
            return
        learning.put_in_use(queryset.get())
        self.message_user(request, _("That version is in use now."))
