"""The site's comment switches and its banned words."""

from django.contrib import admin
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .. import moderation
from ..models import BannedWord, CommentSettings


@admin.register(CommentSettings)
class CommentSettingsAdmin(admin.ModelAdmin):
    """The site's switches: one page, every change in its history."""

    fieldsets = (
        (None, {"fields": ("premoderate_all", "close_all")}),
        (
            _("Staffed hours"),
            {"fields": ("staffed_from", "staffed_until", "outside_staffed_hours")},
        ),
        (_("Statement of reasons"), {"fields": ("state_removal_reasons",)}),
        (
            _("Policies"),
            {
                "fields": (
                    "hold_risk_above",
                    "queue_order",
                    "hold_first_comments",
                    ("watch_after_removals", "watch_removals_days"),
                )
            },
        ),
    )

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def changelist_view(self, request, extra_context=None):
        CommentSettings.objects.get_or_create(pk=1)
        return HttpResponseRedirect(
            reverse("admin:comments_commentsettings_change", args=[1])
        )

    def save_model(self, request, obj, form, change):
        moderation.change_settings(obj)


@admin.register(BannedWord)
class BannedWordAdmin(admin.ModelAdmin):
    list_display = ("word", "created_at")
    fields = ("word",)
    search_fields = ("word",)
