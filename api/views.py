"""The read-only JSON API, for the site's own pages and apps: comment
counts for many stories at once, a story's conversation a page at a time
(the same threads, order and rules as the story page), and the latest
comments. Only what the page shows (documents.py); each answer is cached,
carries an ETag, and counts against the address's hourly limit. Other
origins may read it only when settings.CORS_ALLOWED_ORIGINS names them."""

import hashlib
import json
import logging
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.cache import cache
from django.core.paginator import InvalidPage
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.views.decorators.http import require_safe

from articles import page_cache
from articles.models import Article
from comments import switches, threads
from comments.models import Comment
from protection import limits
from protection.numbers import whole_number
from protection.outages import without_cache

from . import documents

logger = logging.getLogger(__name__)

MAX_STORIES = 100
LATEST_DEFAULT, LATEST_MAX = 20, 50
# Far past any story's last page, and short enough to read in no time.
MAX_PAGE = 1_000_000
COUNTS_MAX_AGE = 10
# The latest comments are kept a second: a removed comment leaves them as
# soon as it leaves a cached story page.
LATEST_MAX_AGE = 1
SHARED_CACHE_CONTROL = {"public": True, "max_age": 0, "s_maxage": 1}


def rate_limited(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def limited(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            limits.take("api", request.META.get("REMOTE_ADDR"))
        except limits.TooSoon as too_soon:
            response = problem(
                "Too many requests from this address; try again later.", status=429
            )
            response["Retry-After"] = str(too_soon.retry_after)
            return response
        return view(request, *args, **kwargs)

    return limited


def problem(message: str, *, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


def answer(
    request: HttpRequest, body: bytes, cache_control: dict[str, Any]
) -> HttpResponse:
    """A JSON answer with an ETag of its bytes: 304 when the client has it."""
    etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
    response = HttpResponse(body, content_type="application/json")
    response["ETag"] = etag
    patch_cache_control(response, **cache_control)
    return get_conditional_response(request, etag=etag, response=response) or response


def _encoded(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def _cached(key: str, seconds: int, make: Callable[[], bytes]) -> bytes:
    body = None
    with without_cache("API answer made afresh"):
        body = cache.get(key)
    if body is None:
        body = make()
        with without_cache("API answer not kept"):
            cache.set(key, body, seconds)
    return body


@require_safe
@rate_limited
def comment_counts(request: HttpRequest) -> HttpResponse:
    """?story=<slug>&story=<slug>…: each published story's comment count; a
    slug that names no published story is left out."""
    slugs = sorted({slug for slug in request.GET.getlist("story") if slug})
    if not slugs:
        return problem("Name at least one story: ?story=<slug>.", status=400)
    if len(slugs) > MAX_STORIES:
        return problem(f"Ask for {MAX_STORIES} stories at most.", status=400)
    key = "api:counts:" + hashlib.sha256("\n".join(slugs).encode()).hexdigest()

    def make() -> bytes:
        counts = dict(
            Article.objects.published()
            .filter(slug__in=slugs)
            .values_list("slug", "comment_count")
        )
        return _encoded({"counts": counts})

    body = _cached(key, COUNTS_MAX_AGE, make)
    return answer(request, body, {"public": True, "max_age": COUNTS_MAX_AGE})


@require_safe
@rate_limited
def story_comments(request: HttpRequest, slug: str) -> HttpResponse:
    """?sort=newest|oldest|recommended|picks&page=N: a page of the story's
    threads, as the story page shows them. Kept under the story page's own
    versions, so a moderator's decision reaches it at once."""
    sort = request.GET.get("sort", threads.DEFAULT_SORT)
    if sort not in threads.Sort.values:
        orders = ", ".join(threads.Sort.values)
        return problem(f"Unknown sort; use one of: {orders}.", status=400)
    number = whole_number(request.GET.get("page", "1"), low=1, high=MAX_PAGE)
    if number is None:
        return problem("The page is a number from 1.", status=400)
    variant = f"api:{sort}:{number}"
    # Recommendations do not retire the page: its order by them is made
    # again as often as the story page's.
    freshness = threads.SORT_CHOICE.refresh_bucket(sort)
    versions, cached = page_cache.lookup(slug, variant, request.get_host(), freshness)
    if cached is not None:
        return answer(request, cached.content, SHARED_CACHE_CONTROL)
    article = Article.objects.published().filter(slug=slug).first()
    if article is None:
        return problem("No published story has this slug.", status=404)
    with_removed = switches.current().state_removal_reasons
    try:
        page = threads.page(article, sort, number, with_removed=with_removed)
    except InvalidPage:
        return problem("There is no such page of comments.", status=404)
    url = documents.absolute(request.path)
    body = _encoded(
        {
            "story": documents.story(article),
            "sort": sort,
            "page": page.number,
            "pages": page.paginator.num_pages,
            "threads": [documents.thread(thread) for thread in page.object_list],
            "previous": f"{url}?sort={sort}&page={page.previous_page_number()}"
            if page.has_previous()
            else None,
            "next": f"{url}?sort={sort}&page={page.next_page_number()}"
            if page.has_next()
            else None,
        }
    )
    if versions is not None:
        page_cache.store(variant, versions, freshness, page_cache.CachedPage([], body))
    return answer(request, body, SHARED_CACHE_CONTROL)


@require_safe
@rate_limited
def latest_comments(request: HttpRequest) -> HttpResponse:
    """?limit=N (at most 50): the newest published comments on the site."""
    limit = whole_number(
        request.GET.get("limit", str(LATEST_DEFAULT)), low=1, high=LATEST_MAX
    )
    if limit is None:
        return problem(f"The limit is a number from 1 to {LATEST_MAX}.", status=400)

    def make() -> bytes:
        comments = (
            Comment.objects.public()
            .select_related("article")
            .order_by("-created_at", "-id")[:limit]
        )
        return _encoded({"comments": [documents.latest(item) for item in comments]})

    body = _cached(f"api:latest:{limit}", LATEST_MAX_AGE, make)
    return answer(request, body, SHARED_CACHE_CONTROL)
