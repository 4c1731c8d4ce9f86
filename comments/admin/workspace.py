"""The moderation workspace: the queue as cards, each decided in place
(from the keyboard, with the script), and the one view every card's and
comment page's decision goes through."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import (
    HttpResponseBadRequest,
    HttpResponseRedirect,
    JsonResponse,
    QueryDict,
)
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from articles.models import Article, Section
from protection.numbers import whole_number

from .. import moderation, workspace
from ..models import (
    Comment,
    CommentSettings,
    HoldRule,
    ModeratorScope,
    QueueOrder,
    Reason,
)
from ..moderation import Decision
from .filters import StoryFilter

WORKSPACE_PAGE = 50


class WorkspaceViews(admin.ModelAdmin):
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
                "workspace/note/",
                self.admin_site.admin_view(self.note_view),
                name="comments_comment_note",
            ),
            *super().get_urls(),
        ]

    def workspace_view(self, request):
        if not Decision.APPROVE.allowed(request.user):
            raise PermissionDenied
        filters = _filters(request.GET)
        scope = ModeratorScope.of(request.user)
        comments = workspace.waiting(**filters, sections=_sections(scope, filters))
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
                "can_see_addresses": request.user.has_perm(
                    "comments.can_see_addresses"
                ),
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
                "sections": Section.objects.filter(pk__in=scope.section_ids())
                if scope and scope.limited
                else Section.objects.all(),
                "scope": scope,
                "all_sections": workspace.ALL_SECTIONS,
                "rules": HoldRule.choices,
                "orders": QueueOrder.choices,
                "decisions": Decision,
                "removals": [
                    (Decision.REMOVE.value_for(reason), reason) for reason in Reason
                ],
                "can_ban": Decision.BAN.allowed(request.user),
                "can_judge_posters": Decision.WATCH.allowed(request.user),
                "waiting": _waiting(comments),
            },
        )

    @method_decorator(require_POST)
    def note_view(self, request):
        """A note on a card's poster, for every card of theirs."""
        if not Decision.APPROVE.allowed(request.user):
            raise PermissionDenied
        comment = _comment_in_scope(request)
        text = request.POST.get("text", "").strip()
        if text:
            moderation.note_poster(comment, text, by=request.user)
            self.message_user(request, _("The note is on every card of this poster."))
        else:
            self.message_user(request, _("Write the note first."), messages.WARNING)
        return _back_to_the_card(request, comment)

    @method_decorator(require_POST)
    def decide_view(self, request):
        """One decision from a card or a comment's page. Returns JSON to the
        workspace's script, or sends a browser without it back to the
        workspace at the next card."""
        try:
            decision, reason = Decision.read(request.POST.get("decision", ""))
        except ValueError:
            return HttpResponseBadRequest(_("Unknown decision."))
        if not decision.allowed(request.user):
            raise PermissionDenied
        comment = _comment_in_scope(request)
        outcome = moderation.take(decision, comment, by=request.user, reason=reason)
        if request.headers.get("Accept") == "application/json":
            # What now waits in the card's queue, for the workspace's header.
            filters = _filters(QueryDict(request.POST.get("query", "")))
            scope = ModeratorScope.of(request.user)
            waiting = _waiting(
                workspace.waiting(**filters, sections=_sections(scope, filters))
            )
            return JsonResponse(
                {
                    "message": outcome.message,
                    "done": outcome.done,
                    "decided": outcome.decided,
                    "waiting": render_to_string(
                        "admin/comments/comment/_waiting.html", waiting
                    ).strip(),
                }
            )
        self.message_user(request, outcome.message)
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


def _sections(scope: ModeratorScope | None, filters: dict[str, str]) -> list[int]:
    """The sections a moderator's queue keeps to: their own, unless they
    chose another section and may."""
    if scope is None or (filters["section"] and not scope.limited):
        return []
    return scope.section_ids()


def _comment_in_scope(request) -> Comment:
    """The comment the form names, if this moderator may decide on it."""
    comment = get_object_or_404(
        Comment.objects.select_related("article"),
        pk=whole_number(request.POST.get("comment", "")),
    )
    scope = ModeratorScope.of(request.user)
    if (
        scope
        and scope.limited
        and comment.article.section_id not in scope.section_ids()
    ):
        raise PermissionDenied
    return comment


def _back_to_the_card(request, comment: Comment) -> HttpResponseRedirect:
    url = reverse("admin:comments_comment_workspace")
    return HttpResponseRedirect(
        f"{url}?{request.POST.get('query', '')}#card-{comment.pk}"
    )


def _filters(query: QueryDict) -> dict[str, str]:
    """The workspace's queue and filters, as its address gives them."""
    filters = {key: query.get(key, "") for key in ("queue", "story", "section", "rule")}
    filters["queue"] = filters["queue"] or "attention"
    order = query.get("order", "")
    filters["order"] = (
        order if order in QueueOrder.values else CommentSettings.current().queue_order
    )
    return filters


def _waiting(comments) -> dict[str, object]:
    """How many comments wait and since when, for the workspace's header."""
    return {"count": comments.count(), "since": workspace.oldest_wait(comments)}
