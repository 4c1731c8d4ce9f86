from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from . import sign_in


@never_cache
def login(request: HttpRequest) -> HttpResponse:
    """The admin's own sign-in page (with StaffLoginForm), which remembers
    the browser and tells the owner of wrong passwords tried meanwhile."""
    response = admin.site.login(request)
    if request.method == "POST" and request.user.is_authenticated:
        sign_in.remember_device(request, response)
        sign_in.tell_of_failures(request)
    return response


def paused(request: HttpRequest, credentials: dict | None = None) -> HttpResponse:
    """django-axes' AXES_LOCKOUT_CALLABLE: the site's own 429 page, saying
    for how many minutes the address is paused."""
    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds()) // 60)
    response = render(request, "429.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(minutes * 60)
    return response
