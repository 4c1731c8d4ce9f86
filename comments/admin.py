import ipaddress
from datetime import timedelta
from typing import cast

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpResponseBadRequest, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import truncatechars
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property, lazy
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.timesince import timesince
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from articles.models import Article, Section
from protection.numbers import whole_number

from . import dashboard, moderation, workspace
from .models import (
    Ban,
    BannedWord,
    Comment,
    CommentSettings,
    HoldRule,
    IllegalContentNotice,
    ModerationEvent,
    PosterStanding,
    Reason,
    Report,
    ReportOutcome,
)

WORKSPACE_PAGE = 50
# The workspace's Ban: the comment removed as abusive, its poster banned.
WORKSPACE_BAN = "7"
WORKSPACE_WATCH = timedelta(days=30)

# Each action works on a selection in the queue and on a comment's own page.
EVERYWHERE = [admin.ActionLocation.CHANGE_LIST, admin.ActionLocation.CHANGE_FORM]

BAN_DURATIONS = {
    "1": (_("1 day"), timedelta(days=1)),
    "7": (_("7 days"), timedelta(days=7)),
    "30": (_("30 days"), timedelta(days=30)),
    "forever": (_("For good"), None),
}


def ban_expiry(duration: str):
    length = BAN_DURATIONS[duration][1]
    return timezone.now() + length if length else None


class DefaultChoiceFilter(admin.SimpleListFilter):
    """A filter that opens on one of its choices, with no "All" of Django's
    own: its value() says which, and its lookups name an "all" if wanted."""

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string(
                    {self.parameter_name: lookup}
                ),
                "display": title,
            }


class QueueFilter(DefaultChoiceFilter):
    """Moderators land on what needs a decision; "All" shows everything."""

    title = _("queue")
    parameter_name = "queue"

    def __init__(self, request, params, model, model_admin):
        self.has_other_filters = any(
            key not in {self.parameter_name, "o", "p"} for key in request.GET
        )
        super().__init__(request, params, model, model_admin)

    def lookups(self, request, model_admin):
        return [
            ("attention", _("Needs attention")),
            ("reported", _("Reported")),
            ("all", _("All comments")),
        ]

    def value(self):
        chosen = super().value()
        if chosen is None and not self.has_other_filters:
            return "attention"
        return chosen

    def queryset(self, request, queryset):
        if self.value() == "attention":
            return queryset.needs_attention()
        if self.value() == "reported":
            return queryset.reported()
        return queryset


class StoryFilter(admin.SimpleListFilter):
    """The stories moderators work on: the latest ones, not every story ever."""

    title = _("story")
    parameter_name = "story"
    RECENT = 20

    def lookups(self, request, model_admin):
        recent = Article.objects.published().only("pk", "headline")[: self.RECENT]
        return [(str(article.pk), article.headline) for article in recent]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(article_id=whole_number(self.value()))
        return queryset


class CappedCountPaginator(Paginator):
    """Counts at most CAP rows, so the queue never counts the whole table.

    Moderators work from the first pages; beyond CAP the page links stop.
    """

    CAP = 10_000

    @cached_property
    def count(self) -> int:
        return cast(QuerySet, self.object_list)[: self.CAP].count()


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
    fields = ("created_at", "action", "moderator", "reason", "rule", "detail")
    readonly_fields = fields


class BanPostersForm(forms.Form):
    duration = forms.ChoiceField(
        label=_("Ban for"),
        choices=[(key, label) for key, (label, _length) in BAN_DURATIONS.items()],
        initial="7",
    )
    reason = forms.ChoiceField(label=_("Reason"), choices=Reason)
    note = forms.CharField(label=_("Note for other moderators"), required=False)


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
class CommentAdmin(admin.ModelAdmin):
    list_display = (
        "created_at",
        "user_name",
        "excerpt",
        "article",
        "status",
        "hold_rule",
        "removal_reason",
        "open_reports",
        "ip_address",
    )
    list_display_links = ("created_at", "user_name")
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
        shown = super().get_list_display(request)
        if self.has_address_permission(request):
            return shown
        return [field for field in shown if field not in self.ADDRESS_FIELDS]

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

    @admin.display(description=_("comment"))
    def excerpt(self, comment: Comment) -> str:
        return truncatechars(comment.body, 80)

    @admin.display(description=_("open reports"), ordering="open_report_count")
    def open_reports(self, comment: Comment) -> int:
        return comment.open_report_count  # type: ignore[attr-defined]  # get_queryset's

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
            poster = workspace.poster_histories({comment.user_name}, addresses)(comment)
        extra_context = {
            **(extra_context or {}),
            "can_moderate": self.has_moderate_permission(request),
            "can_see_addresses": can_see_addresses,
            "reasons": list(Reason),
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
        return request.user.has_perm("comments.can_moderate")

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
        return request.user.has_perm("comments.can_pick")

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

    @admin.action(
        permissions=["ban"],
        description=_("Ban the posters of these comments"),
        location=EVERYWHERE,
    )
    def ban_posters(self, request, queryset):
        form = BanPostersForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            bans = moderation.ban_posters(
                queryset,
                by=request.user,
                reason=form.cleaned_data["reason"],
                expires_at=ban_expiry(form.cleaned_data["duration"]),
                note=form.cleaned_data["note"],
            )
            self.message_user(
                request,
                ngettext("Banned %d poster.", "Banned %d posters.", len(bans))
                % len(bans),
            )
            return None
        return TemplateResponse(
            request,
            "admin/comments/comment/ban_posters.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Ban posters"),
                "opts": self.model._meta,
                "comments": queryset,
                "form": form,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )

    def has_ban_permission(self, request) -> bool:
        return request.user.has_perm("comments.add_ban")

    # The workspace: the queue as cards, decided in place.

    def get_urls(self):
        return [
            path(
                "workspace/",
                self.admin_site.admin_view(self.workspace_view),
                name="comments_comment_workspace",
            ),
            path(
                "workspace/decide/",
                self.admin_site.admin_view(self.decide_view),
                name="comments_comment_decide",
            ),
            path(
                "dashboard/",
                self.admin_site.admin_view(self.dashboard_view),
                name="comments_comment_dashboard",
            ),
            *super().get_urls(),
        ]

    def workspace_view(self, request):
        if not self.has_moderate_permission(request):
            raise PermissionDenied
        filters = {
            key: request.GET.get(key, "")
            for key in ("queue", "story", "section", "rule")
        }
        filters["queue"] = filters["queue"] or "attention"
        comments = workspace.waiting(**filters)
        page = Paginator(
            comments.select_related("article__section", "reply_to").prefetch_related(
                "reports"
            ),
            WORKSPACE_PAGE,
        ).get_page(request.GET.get("page"))
        return TemplateResponse(
            request,
            "admin/comments/comment/workspace.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Moderation workspace"),
                "opts": self.model._meta,
                "page": page,
                "cards": workspace.cards(list(page.object_list)),
                "can_see_addresses": self.has_address_permission(request),
                "filters": filters,
                "query": request.GET.urlencode(),
                "queues": [
                    ("attention", _("Needs attention")),
                    ("held", _("Held")),
                    ("reported", _("Reported")),
                ],
                "stories": Article.objects.published().only("pk", "headline")[
                    : StoryFilter.RECENT
                ],
                "sections": Section.objects.all(),
                "rules": HoldRule.choices,
                "reasons": list(Reason),
                "can_ban": self.has_ban_permission(request),
                "can_judge_posters": request.user.has_perm(
                    "comments.add_posterstanding"
                ),
                "waiting_since": workspace.oldest_wait(comments),
            },
        )

    def dashboard_view(self, request):
        if not self.has_moderate_permission(request):
            raise PermissionDenied
        return TemplateResponse(
            request,
            "admin/comments/comment/dashboard.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Moderation dashboard"),
                "opts": self.model._meta,
                "days": dashboard.DAYS,
                "per_day": dashboard.comments_per_day(),
                "removed": dashboard.removed_by_reason(),
                "held": dashboard.held_by_rule(),
                "moderators": dashboard.decisions_by_moderator(),
                # timesince words it as people say it: "2 hours, 5 minutes".
                "median_wait_began": (
                    timezone.now() - wait
                    if (wait := dashboard.median_wait()) is not None
                    else None
                ),
                "oldest": dashboard.oldest_waiting(),
            },
        )

    @method_decorator(require_POST)
    def decide_view(self, request):
        """One decision from a card. Returns JSON to the workspace's script,
        or sends a browser without it back to the workspace at the next card."""
        decision = request.POST.get("decision", "")
        if decision in ("pick", "unpick"):
            if not self.has_pick_permission(request):
                raise PermissionDenied
        elif not self.has_moderate_permission(request):
            raise PermissionDenied
        comment = get_object_or_404(
            Comment, pk=whole_number(request.POST.get("comment", ""))
        )
        by = request.user
        decided = decision != "undo"
        if decision == "approve":
            done = moderation.approve([comment], by=by)
            message = _("Approved.")
        elif decision.startswith("remove:") and decision[7:] in Reason.values:
            reason = Reason(decision[7:])
            done = moderation.remove([comment], by=by, reason=reason)
            message = _("Removed as %s.") % reason.label.lower()
        elif decision == "ban":
            if not self.has_ban_permission(request):
                raise PermissionDenied
            done = moderation.remove([comment], by=by, reason=Reason.ABUSIVE)
            done += len(
                moderation.ban_posters(
                    [comment],
                    by=by,
                    reason=Reason.ABUSIVE,
                    expires_at=ban_expiry(WORKSPACE_BAN),
                )
            )
            message = _("Removed as abusive, and the poster banned for 7 days.")
        elif decision in ("watch", "trust"):
            if not request.user.has_perm("comments.add_posterstanding"):
                raise PermissionDenied
            if decision == "watch":
                moderation.watch(
                    [comment], by=by, expires_at=timezone.now() + WORKSPACE_WATCH
                )
                message = _("The poster is watched for 30 days.")
            else:
                moderation.trust([comment], by=by)
                message = _("The poster is trusted.")
            # A decision about the poster, not yet about the comment.
            decided, done = False, 1
        elif decision in ("pick", "unpick"):
            if decision == "pick":
                done = moderation.pick([comment], by=by)
                message = _("Now an editors' pick.")
            else:
                done = moderation.unpick([comment], by=by)
                message = _("No longer an editors' pick.")
            # The comment stays where it is, published.
            decided = False
        elif decision == "undo":
            done = moderation.undo(comment, by=by)
            message = _("Undone.")
        else:
            return HttpResponseBadRequest(_("Unknown decision."))
        if not done:
            message = _("Nothing to do: someone has already decided on it.")
        if request.headers.get("Accept") == "application/json":
            return JsonResponse(
                {"message": str(message), "done": bool(done), "decided": decided}
            )
        self.message_user(request, message)
        if request.POST.get("then") == "next-comment":
            following = (
                workspace.waiting(queue="attention").exclude(pk=comment.pk).first()
            )
            if following is not None:
                return HttpResponseRedirect(
                    reverse("admin:comments_comment_change", args=[following.pk])
                )
        url = reverse("admin:comments_comment_workspace")
        query = request.POST.get("query", "")
        next_card = request.POST.get("next", "")
        return HttpResponseRedirect(
            f"{url}?{query}#card-{next_card}"
            if next_card.isdigit()
            else f"{url}?{query}"
        )


class BanForm(forms.ModelForm):
    duration = forms.ChoiceField(
        label=_("Ban for"),
        choices=[(key, label) for key, (label, _length) in BAN_DURATIONS.items()],
        initial="7",
    )

    class Meta:
        model = Ban
        fields = ["ip_address", "user_name", "reason", "note", "comment"]


class ActiveFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("active", _("Active")), ("ended", _("Expired or lifted"))]

    def queryset(self, request, queryset):
        active = queryset.model.objects.active().values("pk")
        if self.value() == "active":
            return queryset.filter(pk__in=active)
        if self.value() == "ended":
            return queryset.exclude(pk__in=active)
        return queryset


class PosterDecisionAdmin(admin.ModelAdmin):
    """Bans, watches and trust: made once, then only lifted."""

    decided_fields: tuple[str, ...] = ()
    search_fields = ("user_name", "=ip_address", "note")
    list_select_related = ("created_by",)
    raw_id_fields = ("comment",)
    actions = ("lift",)

    @admin.display(boolean=True, description=_("active"))
    def is_active(self, decision) -> bool:
        return decision.is_active

    def get_fields(self, request, obj=None):
        if obj is None:
            return self.decided_fields
        return (*self.decided_fields, *self.readonly_fields)

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        # The record does not change; lift it and make a new one instead.
        return (*self.decided_fields, *self.readonly_fields)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if object_id:
            # The record does not change: no Save buttons on it.
            extra_context = {
                **(extra_context or {}),
                "show_save": False,
                "show_save_and_continue": False,
                "show_save_and_add_another": False,
            }
        return super().changeform_view(request, object_id, form_url, extra_context)

    def log_addition(self, request, obj, message):
        """The moderation module has logged it already."""

    def has_delete_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser


@admin.register(Ban)
class BanAdmin(PosterDecisionAdmin):
    form = BanForm
    decided_fields = ("ip_address", "user_name", "reason", "note", "comment")
    list_display = (
        "__str__",
        "reason",
        "created_at",
        "expires_at",
        "is_active",
        "created_by",
        "lifted_at",
    )
    list_filter = (ActiveFilter, "reason", "created_at")
    readonly_fields = (
        "created_by",
        "created_at",
        "expires_at",
        "lifted_at",
        "lifted_by",
    )

    def get_fields(self, request, obj=None):
        if obj is None:
            return ("ip_address", "user_name", "duration", "reason", "note", "comment")
        return super().get_fields(request, obj)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.expires_at = ban_expiry(form.cleaned_data["duration"])
            moderation.ban(obj, by=request.user)

    @admin.action(permissions=["change"], description=_("Lift the selected bans"))
    def lift(self, request, queryset):
        changed = moderation.lift(queryset, by=request.user)
        self.message_user(
            request, ngettext("Lifted %d ban.", "Lifted %d bans.", changed) % changed
        )


@admin.register(PosterStanding)
class PosterStandingAdmin(PosterDecisionAdmin):
    decided_fields = (
        "standing",
        "ip_address",
        "user_name",
        "expires_at",
        "note",
        "comment",
    )
    readonly_fields = ("created_by", "created_at", "lifted_at", "lifted_by")
    list_display = (
        "__str__",
        "standing",
        "created_at",
        "expires_at",
        "is_active",
        "created_by",
        "lifted_at",
    )
    list_filter = (ActiveFilter, "standing", "created_at")

    def save_model(self, request, obj, form, change):
        if not change:
            moderation.set_standing(obj, by=request.user)

    @admin.action(permissions=["change"], description=_("Lift the selected"))
    def lift(self, request, queryset):
        changed = moderation.lift_standings(queryset, by=request.user)
        self.message_user(
            request,
            ngettext("Lifted %d decision.", "Lifted %d decisions.", changed) % changed,
        )


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
        return request.user.has_perm("comments.can_moderate")

    @admin.display(description=_("comment"))
    def comment_link(self, report: Report) -> str:
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:comments_comment_change", args=[report.comment_id]),
            truncatechars(report.comment.body, 80) or report.comment.user_name,
        )


class OutcomeFilter(DefaultChoiceFilter):
    """Open reports first: what still waits for a decision."""

    title = _("outcome")
    parameter_name = "outcome"

    def lookups(self, request, model_admin):
        return [*ReportOutcome.choices, ("all", _("All"))]

    def value(self):
        return super().value() or ReportOutcome.OPEN

    def queryset(self, request, queryset):
        if self.value() == "all":
            return queryset
        return queryset.filter(outcome=self.value())


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
