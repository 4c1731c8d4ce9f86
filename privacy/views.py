from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe


@require_safe
def notice(request: HttpRequest) -> HttpResponse:
    """What the site stores about readers, why, and for how long."""
    return render(
        request,
        "privacy/notice.html",
        {
            "retention_days": settings.NEWSROOM_RETENTION_DAYS,
            "edit_minutes": settings.NEWSROOM_EDIT_MINUTES,
            "contact": settings.NEWSROOM_PRIVACY_CONTACT,
        },
    )
