from django.contrib import admin

from .models import Follow, Follower


class FollowInline(admin.TabularInline):
    model = Follow
    fields = ("comment", "article", "created_at", "last_mailed_at")
    readonly_fields = fields
    extra = 0
    can_delete = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Follower)
class FollowerAdmin(admin.ModelAdmin):
    """Addresses that follow replies: looked up for a reader's request, or
    stopped for them; nobody adds one here (only its owner can confirm it)."""

    list_display = ("email", "created_at", "confirmed_at", "language")
    search_fields = ("email",)
    readonly_fields = ("email", "created_at", "confirmed_at", "language")
    fields = readonly_fields
    inlines = (FollowInline,)

    def has_add_permission(self, request) -> bool:
        return False
