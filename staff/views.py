from django.contrib import admin
from django.http import HttpRequest, HttpResponse
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
