import os

from django.http import HttpResponse
from django.urls import path

from newsroom.urls import urlpatterns as site_urlpatterns

BODY = b"x" * int(os.environ.get("NEWSROOM_BENCH_BYTES", "10000"))


def ceiling(request):
    """The least a Django view can do: the same bytes, through the same middleware."""
    return HttpResponse(BODY)


# After the site's own routes, so that finding it costs what finding the
# article page costs.
urlpatterns = [*site_urlpatterns, path("bench/ceiling/", ceiling)]
handler500 = "newsroom.views.server_error"
