from django.contrib import admin
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import publishing
from .models import Article, Section

COMMENT_RULES = (
    "new_stories_premoderated",
    "new_stories_closed",
    "hold_first_comments",
    "hold_risk_above",
)


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    """Editors make sections; editors and moderators set their comment rules
    (the set_comment_rules permission), and may bring the sections' open
    stories under them at once."""

    list_display = ("name", "slug", "position", *COMMENT_RULES)
    list_editable = COMMENT_RULES
    prepopulated_fields = {"slug": ("name",)}
    search_fields = ("name",)
    actions = ("apply_rules_now",)

    def has_change_permission(self, request, obj=None) -> bool:
        return super().has_change_permission(request, obj) or (
            self.has_set_comment_rules_permission(request)
        )

    def has_set_comment_rules_permission(self, request) -> bool:
        return request.user.has_perm("articles.set_comment_rules")

    def _sets_rules_only(self, request) -> bool:
        return not super().has_change_permission(request)

    def get_readonly_fields(self, request, obj=None):
        if self._sets_rules_only(request):
            return ("name", "slug", "position")
        return super().get_readonly_fields(request, obj)

    def get_prepopulated_fields(self, request, obj=None):
        return {} if self._sets_rules_only(request) else self.prepopulated_fields

    @admin.action(
        permissions=["set_comment_rules"],
        description=_("Apply the rules to the sections' open stories now"),
    )
    def apply_rules_now(self, request, queryset):
        premoderated, closed = publishing.apply_section_rules(queryset, by=request.user)
        self.message_user(
            request,
            _(
                "%(premoderated)s now pre-moderated, %(closed)s closed to comments. "
                "Stories already stricter than their section stay as they are."
            )
            % {
                "premoderated": ngettext("%d story", "%d stories", premoderated)
                % premoderated,
                "closed": ngettext("%d story", "%d stories", closed) % closed,
            },
        )


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
        "comment_count",
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
    filter_horizontal = ("authors",)
    fieldsets = (
        (
            None,
            {"fields": ("headline", "slug", "section", "kind", "language", "summary")},
        ),
        (
            _("Publication"),
            {"fields": ("status", "published_at", "byline", "authors", "source")},
        ),
        (
            _("Lead photo"),
            {"fields": ("lead_photo", "lead_photo_caption", "lead_photo_credit")},
        ),
        (None, {"fields": ("body", "author_bio")}),
        ("Comments", {"fields": ("comments_open", "premoderated")}),
    )
    actions = ("close_comments", "reopen_comments")

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "authors":
            kwargs["queryset"] = get_user_model().objects.filter(is_staff=True)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.take_section_defaults()
        super().save_model(request, obj, form, change)

    def has_close_comments_permission(self, request) -> bool:
        return request.user.has_perm("articles.close_comments")

    @admin.action(permissions=["close_comments"], description=_("Close comments"))
    def close_comments(self, request, queryset):
        changed = publishing.close_comments(queryset, by=request.user)
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
        changed = publishing.reopen_comments(queryset, by=request.user)
        self.message_user(
            request,
            ngettext(
                "Reopened comments on %d story.",
                "Reopened comments on %d stories.",
                changed,
            )
            % changed,
        )
