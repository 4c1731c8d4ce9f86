import os

from django.http import HttpResponse
from django.urls import path

from newsroom.urls import urlpatterns as site_urlpatterns

BODY = b"x" * int(os.environ.get("NEWSROOM_BENCH_BYTES", "10000"))


def ceiling(request):
    """The least a Django view can do: the same bytes, through the same middleware."""
    return HttpResponse(BODY)


urlpatterns = [path("bench/ceiling/", ceiling), *site_urlpatterns]
