"""Readers' reports and notices of illegal content: read-only records,
with who reports most, and the notices' own queue."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.defaultfilters import truncatechars
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.timesince import timesince
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .. import moderation, workspace
from ..models import Comment, IllegalContentNotice, Reason, Report, ReportOutcome
from ..moderation import Decision
from .filters import CappedCountPaginator, OutcomeFilter


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records made by readers: moderators read them and decide on the
    comments they are about; nobody edits them."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_moderate_permission(self, request) -> bool:
        return Decision.APPROVE.allowed(request.user)

    @admin.display(description=_("comment"))
    def comment_link(self, report: Report) -> str:
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:comments_comment_change", args=[report.comment_id]),
            truncatechars(report.comment.body, 80) or report.comment.user_name,
        )


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = (
        "created_at",
        "reason",
        "comment_link",
        "reporter_ip",
        "reporter_network",
        "outcome",
    )
    list_filter = (OutcomeFilter, "reason")
    list_select_related = ("comment",)
    search_fields = ("=reporter_ip", "=reporter_network")
    fields = (
        "comment",
        "reason",
        "explanation",
        "reporter_ip",
        "reporter_network",
        "created_at",
        "outcome",
    )
    readonly_fields = fields
    paginator = CappedCountPaginator
    show_full_result_count = False

    def get_urls(self):
        return [
            path(
                "reporters/",
                self.admin_site.admin_view(self.reporters_view),
                name="comments_report_reporters",
            ),
            *super().get_urls(),
        ]

    def reporters_view(self, request):
        """Which addresses report most, and how often moderators agreed."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        return TemplateResponse(
            request,
            "admin/comments/report/reporters.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Who reports"),
                "opts": self.model._meta,
                "reporters": workspace.reporters(),
            },
        )


@admin.register(IllegalContentNotice)
class IllegalContentNoticeAdmin(ReadOnlyAdmin):
    """Notices of illegal content: a queue of their own, oldest first, each
    with how long it has waited."""

    list_display = ("waiting", "comment_link", "story", "notice", "outcome")
    list_filter = (OutcomeFilter,)
    list_select_related = ("comment__article",)
    fields = (
        "comment",
        "explanation",
        "reporter_ip",
        "reporter_network",
        "created_at",
        "outcome",
    )
    readonly_fields = fields
    actions = ("remove_as_illegal", "keep")

    def get_queryset(self, request):
        return super().get_queryset(request).illegal_content_notices()

    @admin.display(description=_("waiting"), ordering="created_at")
    def waiting(self, notice: Report) -> str:
        if notice.outcome != ReportOutcome.OPEN:
            return str(_("decided"))
        return timesince(notice.created_at)

    @admin.display(description=_("story"))
    def story(self, notice: Report) -> str:
        return notice.comment.article.headline

    @admin.display(description=_("what the reader says"))
    def notice(self, notice: Report) -> str:
        return truncatechars(notice.explanation, 120)

    def comments(self, queryset) -> list[Comment]:
        return list(Comment.objects.filter(pk__in=queryset.values("comment_id")))

    @admin.action(
        permissions=["moderate"],
        description=_("Remove the comments as illegal content"),
    )
    def remove_as_illegal(self, request, queryset):
        changed = moderation.remove(
            self.comments(queryset), by=request.user, reason=Reason.ILLEGAL
        )
        self.message_user(
            request,
            ngettext(
                "Removed %d comment as illegal content.",
                "Removed %d comments as illegal content.",
                changed,
            )
            % changed,
        )

    @admin.action(
        permissions=["moderate"],
        description=_("Keep the comments: not illegal (dismisses the notices)"),
    )
    def keep(self, request, queryset):
        changed = moderation.approve(self.comments(queryset), by=request.user)
        self.message_user(
            request,
            ngettext("Kept %d comment.", "Kept %d comments.", changed) % changed,
        )
