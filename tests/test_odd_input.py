"""Odd input to every address the project defines: never a 500.

The addresses come from the URL resolver, so a new view is covered without
being added here. Each is asked, by a reader and by a superuser, by GET and
POST, with every parameter any page reads set to odd values (Unicode
digits, huge and negative numbers, text that is not a number, NUL, a long
string, an array where one value is expected), and once with a query
string that is not UTF-8.
"""

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import URLResolver, get_resolver

from comments import moderation
from comments.models import Comment, HoldRule

pytestmark = pytest.mark.django_db

ODD_VALUES = ["²", "①", "99999999999999999999999", "-1", "1.5", "\x00x", "x" * 3000]
HUGE = ODD_VALUES[2]
# Every parameter a page of the site reads, and Django admin's own.
PARAMETERS = [
    *("page", "sort", "limit", "story", "q", "v", "reply_to", "partial"),
    *("queue", "comment", "decision", "next", "query", "then", "body"),
    *("user_name", "captcha_0", "captcha_1", "reason", "note", "email", "name"),
    *("o", "p", "e", "all", "action", "_selected_action", "index", "status"),
    *("article", "section", "format", "token", "kind", "dry_run", "key"),
]
PATH_VALUES = {
    "int": ["1", "99999999999999999999999"],
    "path": ["1", "²", "99999999999999999999999", "-1"],
    "slug": ["sea-wall", "no-such-story"],
    "str": ["en", "1", "²"],
    "regex": ["comments", "x", "²"],
}
# Answered by nobody's data but the superuser's own session.
NOT_POSTED = ("logout/",)


def every_address() -> list[tuple[str, str]]:
    """(route as written, kind of its parameters) for each URL pattern."""

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                yield prefix + str(pattern.pattern)

    return sorted(set(walk(get_resolver().url_patterns)))


def concrete_paths(route: str) -> list[str]:
    """Addresses that the route matches, with real and odd values."""
    converters = re.findall(r"<(?:(\w+):)?\w+>", route)
    if "(?P<" in route:
        kind = "regex"
    elif converters:
        kind = converters[0] or "str"
    else:
        return ["/" + route.strip("^$")]
    paths = []
    for value in PATH_VALUES[kind]:
        path = re.sub(r"<(?:\w+:)?\w+>", value, route)
        path = re.sub(r"\(\?P<\w+>[^)]*\)", value, path)
        paths.append("/" + path.replace("^", "").replace("$", "").replace("\\", ""))
    return paths


def odd_queries() -> list[dict]:
    """Every parameter "²"; every parameter a huge number, twice over; every
    parameter with a null character (PostgreSQL refuses it in text); and
    every parameter one of the other odd values in turn."""
    return [
        dict.fromkeys(PARAMETERS, "²"),
        {name: [HUGE, HUGE] for name in PARAMETERS},
        dict.fromkeys(PARAMETERS, "\x00x"),
        {
            name: ODD_VALUES[number % len(ODD_VALUES)]
            for number, name in enumerate(PARAMETERS)
        },
    ]


@pytest.fixture
def site_with_one_of_each(article):
    """A comment, a thread with a reply, a held comment and a superuser,
    stored at once and counted once."""
    published = {"article": article, "ip_address": "192.0.2.1"}
    make = Comment.objects.create
    make(user_name="Reader", body="A thoughtful comment.", **published)
    reply_to = make(user_name="Reader", body="Another.", **published)
    make(
        user_name="Reader",
        body="A reply.",
        parent=reply_to,
        reply_to=reply_to,
        **published,
    )
    make(
        user_name="Reader",
        body="Waiting.",
        status=Comment.Status.HELD,
        hold_rule=HoldRule.PREMODERATION,
        was_public=False,
        **published,
    )
    moderation.recount_comments([article])
    # Not the "1" every path is asked with, which a delete page deletes.
    return User.objects.create_superuser("chief", password="chief-pass-123", pk=4242)


@pytest.mark.parametrize("route", every_address())
def test_odd_input_never_gets_a_server_error(site_with_one_of_each, route):
    superuser = site_with_one_of_each
    reader = Client(raise_request_exception=False)
    staff = Client(raise_request_exception=False)
    staff.force_login(superuser)
    failures = []

    def check(response, *what) -> None:
        if response.status_code >= 500:
            error = response.exc_info[1] if response.exc_info else response.status_code
            failures.append((*what, repr(error)[:200]))

    for path in concrete_paths(route):
        for client in [staff] if route.startswith("admin/") else [reader, staff]:
            for data in odd_queries():
                check(client.get(path, data), path, "GET", data)
                if not path.endswith(NOT_POSTED):
                    check(client.post(path, data), path, "POST", data)
            check(
                client.get(path, QUERY_STRING="page=%FF&sort=%C0%80&q=%FE"),
                path,
                "not UTF-8",
            )
    assert failures == []


def test_every_url_pattern_is_asked():
    routes = every_address()

    assert len(routes) > 150
    assert "story/<slug:slug>/" in routes
    assert any(route.endswith("workspace/decide/") for route in routes)
