"""The Comments list and a comment's own page: the queue as a table, with
actions that decide on a selection."""

import ipaddress

from django.contrib import admin
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.template.defaultfilters import truncatechars
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .. import moderation, workspace
from ..models import Comment, ModerationEvent, ModeratorScope, Reason, Report
from ..moderation import Decision
from .dashboard import DashboardViews
from .filters import CappedCountPaginator, QueueFilter, StoryFilter
from .posters import BanPostersActions
from .workspace import WorkspaceViews

# Each action works on a selection in the queue and on a comment's own page.
EVERYWHERE = [admin.ActionLocation.CHANGE_LIST, admin.ActionLocation.CHANGE_FORM]


class ReadOnlyInline(admin.StackedInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class ReportInline(ReadOnlyInline):
    model = Report
    fields = (
        "created_at",
        "reason",
        "explanation",
        "reporter_ip",
        "reporter_network",
        "outcome",
    )
    readonly_fields = fields


class HistoryInline(ReadOnlyInline):
    model = ModerationEvent
    fields = (
        "created_at",
        "action",
        "moderator",
        "reason",
        "rule",
        "detail",
        "previous_body",
    )
    readonly_fields = fields


def removal_action(reason: Reason):
    @admin.action(
        permissions=["moderate"],
        # Lazy: translated when the menu is shown, in the moderator's language.
        description=format_lazy(
            _("Remove as {reason}"),
            reason=lazy(lambda: str(reason.label).lower(), str)(),
        ),
        location=EVERYWHERE,
    )
    def remove(modeladmin, request, queryset):
        changed = moderation.remove(queryset, by=request.user, reason=reason)
        modeladmin.message_user(
            request,
            ngettext(
                "Removed %(count)d comment as %(reason)s.",
                "Removed %(count)d comments as %(reason)s.",
                changed,
            )
            % {"count": changed, "reason": reason.label.lower()},
        )

    remove.__name__ = f"remove_{reason.value}"
    return remove


@admin.register(Comment)
class CommentAdmin(WorkspaceViews, DashboardViews, BanPostersActions, admin.ModelAdmin):
    # Narrow columns, so that a moderator reads the comment and its state at
    # 1280 px beside the admin's menu and the filters, without scrolling.
    list_display = ("posted", "poster", "excerpt", "state")
    list_display_links = ("posted", "poster")
    list_filter = (
        QueueFilter,
        "status",
        "is_pick",
        "voice",
        "hold_rule",
        "removal_reason",
        StoryFilter,
    )
    search_fields = ("user_name", "body")
    list_select_related = ("article",)
    list_per_page = 50
    # No count of the whole table on each page view (see CappedCountPaginator),
    # and no date hierarchy, which reads the dates of every comment.
    paginator = CappedCountPaginator
    show_full_result_count = False
    fields = (
        "article_on_site",
        "user_name",
        "voice",
        "body",
        "reply_to",
        "parent",
        "created_at",
        "status",
        "is_pick",
        "recommend_count",
        "hold_rule",
        "hold_detail",
        "removal_reason",
        "erased_at",
        "ip_address",
        "user_agent",
    )
    # Nobody edits what a reader wrote; status changes go through the actions.
    readonly_fields = fields
    inlines = (ReportInline, HistoryInline)
    actions = (
        "approve",
        *(removal_action(reason) for reason in Reason),
        "restore",
        "ban_posters",
        "pick",
        "unpick",
    )

    def get_queryset(self, request):
        scope = ModeratorScope.of(request.user)
        if scope and scope.limited:
            return self._all_comments(request).filter(
                article__section__in=scope.section_ids()
            )
        return self._all_comments(request)

    def _all_comments(self, request):
        open_reports = (
            Report.objects.open()
            .filter(comment=OuterRef("pk"))
            .order_by()
            .values("comment")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return (
            super()
            .get_queryset(request)
            .annotate(open_report_count=Coalesce(Subquery(open_reports), 0))
        )

    ADDRESS_FIELDS = ("ip_address", "user_agent")

    def get_list_display(self, request):
        if self.has_address_permission(request):
            return ("posted", "poster_and_address", "excerpt", "state")
        return super().get_list_display(request)

    def get_list_display_links(self, request, list_display):
        return list_display[:2]

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if self.has_address_permission(request):
            return fields
        return [field for field in fields if field not in self.ADDRESS_FIELDS]

    def get_search_results(self, request, queryset, search_term):
        # An address is looked up exactly, through its index, by those who
        # may see addresses; anything else searches names and text (trigram
        # indexes on PostgreSQL).
        try:
            address = ipaddress.ip_address(search_term.strip())
        except ValueError:
            return super().get_search_results(request, queryset, search_term)
        if not self.has_address_permission(request):
            return queryset.none(), False
        return queryset.filter(ip_address=str(address)), False

    def view_on_site(self, comment: Comment) -> str:
        if comment.status == Comment.Status.PUBLISHED:
            return comment.get_absolute_url()
        return comment.article.get_absolute_url()

    @admin.display(description=_("posted"), ordering="created_at")
    def posted(self, comment: Comment) -> str:
        moment = timezone.localtime(comment.created_at)
        return format_html(
            '<time datetime="{}">{}<br>{}</time>',
            moment.isoformat(),
            date_format(moment, "MONTH_DAY_FORMAT"),
            time_format(moment, "H:i"),
        )

    @admin.display(description=_("poster"), ordering="user_name")
    def poster(self, comment: Comment) -> str:
        return comment.user_name

    @admin.display(description=_("poster"), ordering="user_name")
    def poster_and_address(self, comment: Comment) -> str:
        return format_html(
            '{}<br><small class="list-detail">{}</small>',
            comment.user_name,
            comment.ip_address or "—",
        )

    @admin.display(description=_("comment"))
    def excerpt(self, comment: Comment) -> str:
        return format_html(
            '{}<br><small class="list-detail">{}</small>',
            truncatechars(comment.body, 140),
            format_lazy(
                _("on {story}"), story=truncatechars(comment.article.headline, 60)
            ),
        )

    @admin.display(description=_("status"), ordering="status")
    def state(self, comment: Comment) -> str:
        """The status as a coloured badge, with why it is held or removed
        and how many reports wait on it."""
        why = comment.get_hold_rule_display() or comment.get_removal_reason_display()
        reports = comment.open_report_count  # type: ignore[attr-defined]  # get_queryset's
        return format_html(
            '<span class="status-badge status-{}">{}</span>{}{}',
            comment.status,
            comment.get_status_display(),
            format_html('<br><small class="list-detail">{}</small>', why)
            if why
            else "",
            format_html(
                '<br><strong class="list-reports">{}</strong>',
                ngettext("%d open report", "%d open reports", reports) % reports,
            )
            if reports
            else "",
        )

    @admin.display(description=_("article"))
    def article_on_site(self, comment: Comment) -> str:
        return format_html(
            '<a href="{}">{}</a> (<a href="{}">{}</a>)',
            comment.article.get_absolute_url(),
            comment.article,
            reverse("admin:articles_article_change", args=[comment.article_id]),
            _("in the admin"),
        )

    def has_add_permission(self, request) -> bool:
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        comment = self.get_object(request, object_id)
        poster = None
        can_see_addresses = self.has_address_permission(request)
        if comment is not None:
            addresses = (
                {comment.ip_address}
                if comment.ip_address and can_see_addresses
                else set()
            )
            readers = {comment.reader_key} - {""}
            poster = workspace.poster_histories(
                {comment.user_name}, addresses, readers
            )(comment)
        extra_context = {
            **(extra_context or {}),
            "can_moderate": self.has_moderate_permission(request),
            "can_see_addresses": can_see_addresses,
            "decisions": Decision,
            "removals": [
                (Decision.REMOVE.value_for(reason), reason) for reason in Reason
            ],
            "poster": poster,
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def has_delete_permission(self, request, obj=None) -> bool:
        # Removal hides; only a superuser erases, e.g. for a legal request.
        return request.user.is_superuser

    def delete_model(self, request, obj):
        moderation.delete([obj])

    def delete_queryset(self, request, queryset):
        moderation.delete(queryset)

    def has_moderate_permission(self, request) -> bool:
        return Decision.APPROVE.allowed(request.user)

    def has_address_permission(self, request) -> bool:
        return request.user.has_perm("comments.can_see_addresses")

    @admin.action(
        permissions=["moderate"],
        description=_("Approve (publish, or keep and dismiss the reports)"),
        location=EVERYWHERE,
    )
    def approve(self, request, queryset):
        changed = moderation.approve(queryset, by=request.user)
        self.message_user(
            request,
            ngettext("Approved %d comment.", "Approved %d comments.", changed)
            % changed,
        )

    @admin.action(
        permissions=["moderate"],
        description=_("Restore removed comments"),
        location=EVERYWHERE,
    )
    def restore(self, request, queryset):
        changed = moderation.restore(queryset, by=request.user)
        self.message_user(
            request,
            ngettext("Restored %d comment.", "Restored %d comments.", changed)
            % changed,
        )

    def has_pick_permission(self, request) -> bool:
        return Decision.PICK.allowed(request.user)

    @admin.action(
        permissions=["pick"],
        description=_("Make editors' picks"),
        location=EVERYWHERE,
    )
    def pick(self, request, queryset):
        changed = moderation.pick(queryset, by=request.user)
        self.message_user(
            request,
            ngettext(
                "%d comment is now an editors' pick.",
                "%d comments are now editors' picks.",
                changed,
            )
            % changed,
        )

    @admin.action(
        permissions=["pick"],
        description=_("No longer editors' picks"),
        location=EVERYWHERE,
    )
    def unpick(self, request, queryset):
        changed = moderation.unpick(queryset, by=request.user)
        self.message_user(
            request,
            ngettext(
                "%d comment is no longer an editors' pick.",
                "%d comments are no longer editors' picks.",
                changed,
            )
            % changed,
        )
