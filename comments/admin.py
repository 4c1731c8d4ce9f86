from django.contrib import admin
from django.template.defaultfilters import truncatechars

from .models import Comment


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = (
        "user_name",
        "excerpt",
        "article",
        "status",
        "ip_address",
        "created_at",
    )
    list_filter = ("status", "created_at")
    search_fields = ("user_name", "body", "ip_address")
    list_select_related = ("article",)
    date_hierarchy = "created_at"
    fields = (
        "article",
        "user_name",
        "body",
        "created_at",
        "status",
        "ip_address",
        "user_agent",
    )
    # Nobody edits what a reader wrote; status changes go through moderation.
    readonly_fields = fields

    @admin.display(description="comment")
    def excerpt(self, comment: Comment) -> str:
        return truncatechars(comment.body, 80)

    def has_add_permission(self, request) -> bool:
        return False
