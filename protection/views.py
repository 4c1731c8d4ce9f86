"""The captcha's own endpoints, bounded per client, and the decorator that
bounds every other page that issues a captcha."""

import io
import logging
from collections.abc import Callable
from functools import wraps

from captcha import views as captcha_views
from captcha.models import CaptchaStore
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from . import captcha_picture, limits
from .outages import without_cache

logger = logging.getLogger(__name__)

UNTYPED_FIELDS = {"csrfmiddlewaretoken", "captcha_0", "captcha_1", "website"}


def too_many(request: HttpRequest, retry_after: int) -> HttpResponse:
    """429, with whatever the reader had typed shown back to them."""
    kept = []
    if request.method == "POST":
        kept = [
            value
            for name in request.POST
            if name not in UNTYPED_FIELDS and (value := request.POST[name]).strip()
        ]
    response = render(
        request,
        "protection/too_many.html",
        {"kept": kept, "minutes": max(1, -(-retry_after // 60))},
        status=429,
    )
    response["Retry-After"] = str(retry_after)
    return response


def issues_captcha(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For a view whose page stores a new captcha: each is a database row
    that lives for an hour, so one address may have only so many an hour."""

    @wraps(view)
    def bounded(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            limits.take("captchas", request.META.get("REMOTE_ADDR"))
        except limits.TooSoon as limited:
            return too_many(request, limited.retry_after)
        return view(request, *args, **kwargs)

    return bounded


@issues_captcha
def captcha_refresh(request: HttpRequest) -> HttpResponse:
    """A new picture for the New image button (django-simple-captcha's view)."""
    return captcha_views.captcha_refresh(request)


@require_safe
def captcha_image(request: HttpRequest, key: str, scale: int) -> HttpResponse:
    """The captcha's picture (captcha_picture.py), at 1x or 2x; drawn once
    per captcha and size, so asking again costs no drawing."""
    store = CaptchaStore.objects.filter(hashkey=key).only("challenge").first()
    if store is None:
        # Gone: expired or used. 410, so that crawlers forget the address.
        return HttpResponse(status=410)
    cache_key = f"captcha-image:{key}:{scale}"
    png = None
    with without_cache("captcha picture drawn afresh"):
        png = cache.get(cache_key)
    if png is None:
        out = io.BytesIO()
        captcha_picture.draw(store.challenge, scale=scale, seed=key).save(out, "PNG")
        png = out.getvalue()
        with without_cache("captcha picture not kept"):
            cache.set(cache_key, png, settings.CAPTCHA_TIMEOUT * 60)
    response = HttpResponse(png, content_type="image/png")
    patch_cache_control(response, private=True, no_store=True)
    return response


@require_safe
def captcha_audio(request: HttpRequest, key: str) -> HttpResponse:
    """The spoken captcha, made once per captcha and kept while it lives:
    the speech engine is the most expensive thing a reader can ask for."""
    try:
        limits.take("captcha_audio", request.META.get("REMOTE_ADDR"))
    except limits.TooSoon as limited:
        return too_many(request, limited.retry_after)
    cache_key = f"captcha-audio:{key}"
    sound = None
    with without_cache("captcha audio made afresh"):
        sound = cache.get(cache_key)
    if sound is None:
        # The whole sound, to keep: a media player's Range request is
        # answered in full, which HTTP allows.
        request.META.pop("HTTP_RANGE", None)
        response = captcha_views.captcha_audio(request, key)
        if response.status_code != 200:
            return response
        sound = b"".join(response.streaming_content)
        # django-ranged-response leaves its file to the garbage collector.
        response.ranged_file.f.close()
        with without_cache("captcha audio not kept"):
            cache.set(cache_key, sound, settings.CAPTCHA_TIMEOUT * 60)
    return HttpResponse(sound, content_type="audio/wav")
