"""What the story page's script needs to let staff decide on its comments."""

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from articles.models import Article

from .. import workspace
from ..models import CommentStatus, Reason
from ..moderation import Decision

HELD_SHOWN = 50


@require_safe
def moderation_tools(request: HttpRequest, slug: str) -> HttpResponse:
    """For a moderator reading a story: its held comments, and what the
    story page's script needs to decide on them and on the published ones;
    for a journalist, what it needs to mark editors' picks. Nobody else
    learns anything here, not even that it exists."""
    can_moderate = Decision.APPROVE.allowed(request.user)
    if not (can_moderate or Decision.PICK.allowed(request.user)):
        raise Http404
    article = get_object_or_404(Article, slug=slug)
    held = (
        article.comments.held().order_by("created_at")[:HELD_SHOWN]
        if can_moderate
        else []
    )
    response = JsonResponse(
        {
            "decide_url": reverse("admin:comments_comment_decide"),
            "csrf_token": get_token(request),
            # The decisions this moderator may take, by name.
            "decisions": {
                decision.name.lower(): {
                    "value": decision.value,
                    "label": str(decision.label),
                }
                for decision in Decision
                if decision.allowed(request.user)
            },
            "removals": [[reason.value, str(reason.label)] for reason in Reason],
            # Comments whose address other names post from, with those names.
            "shared": workspace.shared_addresses(
                article.comments.exclude(status=CommentStatus.REMOVED)
            )
            if can_moderate
            else {},
            "held": [
                {
                    "pk": comment.pk,
                    "user_name": comment.user_name,
                    "body": comment.body,
                    "rule": str(comment.get_hold_rule_display()),
                }
                for comment in held
            ],
        }
    )
    patch_cache_control(response, private=True, no_store=True)
    return response
