"""The moderation dashboard: what came in, what was held and removed, who
decided, and how long comments waited."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import dashboard, extensions
from ..moderation import Decision


class DashboardViews(admin.ModelAdmin):
    def get_urls(self):
        return [
            path(
                "dashboard/",
                self.admin_site.admin_view(self.dashboard_view),
                name="comments_comment_dashboard",
            ),
            *super().get_urls(),
        ]

    def dashboard_view(self, request):
        if not Decision.APPROVE.allowed(request.user):
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
                "false_holds": dashboard.false_holds(),
                "notices": [
                    notice
                    for tell in extensions.dashboard_notices
                    if (notice := tell())
                ],
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
