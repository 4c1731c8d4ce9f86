import csv

from django.contrib import admin
from django.http import HttpResponse
from django.template.defaultfilters import truncatechars
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from comments import moderation

from . import tips
from .models import Article, Section, Subscriber, Tip


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "position")
    list_editable = ("position",)
    prepopulated_fields = {"slug": ("name",)}
    search_fields = ("name",)


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = (
        "headline",
        "section",
        "kind",
        "status",
        "published_at",
        "byline",
        "comments_open",
        "premoderated",
    )
    list_filter = (
        "status",
        "kind",
        "section",
        "comments_open",
        "premoderated",
        "published_at",
    )
    search_fields = ("headline", "summary", "byline", "body")
    prepopulated_fields = {"slug": ("headline",)}
    date_hierarchy = "published_at"
    list_select_related = ("section",)
    fieldsets = (
        (None, {"fields": ("headline", "slug", "section", "kind", "summary")}),
        (
            "Publication",
            {"fields": ("status", "published_at", "byline", "source")},
        ),
        (
            "Lead photo",
            {"fields": ("lead_photo", "lead_photo_caption", "lead_photo_credit")},
        ),
        (None, {"fields": ("body", "author_bio")}),
        ("Comments", {"fields": ("comments_open", "premoderated")}),
    )
    actions = ("close_comments", "reopen_comments")

    def has_close_comments_permission(self, request) -> bool:
        return request.user.has_perm("articles.close_comments")

    @admin.action(permissions=["close_comments"], description=_("Close comments"))
    def close_comments(self, request, queryset):
        changed = moderation.close_comments(queryset, by=request.user)
        self.message_user(
            request,
            ngettext(
                "Closed comments on %d story.",
                "Closed comments on %d stories.",
                changed,
            )
            % changed,
        )

    @admin.action(permissions=["close_comments"], description=_("Reopen comments"))
    def reopen_comments(self, request, queryset):
        changed = moderation.reopen_comments(queryset, by=request.user)
        self.message_user(
            request,
            ngettext(
                "Reopened comments on %d story.",
                "Reopened comments on %d stories.",
                changed,
            )
            % changed,
        )


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
        changed = tips.mark_handled(queryset, by=request.user)
        self.message_user(
            request,
            ngettext("Marked %d tip handled.", "Marked %d tips handled.", changed)
            % changed,
        )


class ConfirmedFilter(admin.SimpleListFilter):
    title = _("confirmed")
    parameter_name = "confirmed"

    def lookups(self, request, model_admin):
        return [("yes", _("Confirmed")), ("no", _("Waiting for confirmation"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.confirmed()
        if self.value() == "no":
            return queryset.filter(confirmed_at__isnull=True)
        return queryset


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ("email", "created_at", "confirmed_at")
    list_filter = (ConfirmedFilter,)
    search_fields = ("email",)
    readonly_fields = ("email", "created_at", "confirmed_at")
    actions = ("export_csv",)

    def has_add_permission(self, request) -> bool:
        # People subscribe themselves, and confirm it.
        return False

    @admin.action(
        permissions=["view"], description=_("Export confirmed addresses as CSV")
    )
    def export_csv(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="subscribers.csv"'
        writer = csv.writer(response)
        writer.writerow(["email", "confirmed_at"])
        for subscriber in queryset.confirmed().order_by("email"):
            writer.writerow([subscriber.email, subscriber.confirmed_at.isoformat()])
        return response
