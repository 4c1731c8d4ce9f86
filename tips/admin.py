from django.contrib import admin
from django.template.defaultfilters import truncatechars
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import inbox
from .models import Tip


@admin.register(Tip)
class TipAdmin(admin.ModelAdmin):
    list_display = ("created_at", "name", "email", "excerpt", "link", "handled")
    list_filter = ("handled", "created_at")
    search_fields = ("name", "email", "story", "link")
    fields = ("created_at", "name", "email", "story", "link", "ip_address", "handled")
    # What a reader sent stays as they sent it.
    readonly_fields = ("created_at", "name", "email", "story", "link", "ip_address")
    actions = ("mark_handled",)

    @admin.display(description=_("story"))
    def excerpt(self, tip: Tip) -> str:
        return truncatechars(tip.story, 80)

    def has_add_permission(self, request) -> bool:
        return False

    @admin.action(permissions=["change"], description=_("Mark as handled"))
    def mark_handled(self, request, queryset):
        changed = inbox.mark_handled(queryset, by=request.user)
        self.message_user(
            request,
            ngettext("Marked %d tip handled.", "Marked %d tips handled.", changed)
            % changed,
        )
