"""The comments app's named extension points (protection.hooks.Hook): what
other apps add to a comment's life without the comments app importing them,
as django-contrib-comments' signals do. Apps register in their ready()."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from protection.hooks import Hook

from .models import Comment

# After a reader's comment is stored: (request, comment, the form's cleaned
# data) -> a sentence for the reader about what else happened, or "".
after_posting: Hook[Callable[[HttpRequest, Comment, dict[str, Any]], str]] = Hook(
    "after a reader posts"
)

# After a recorded change to comments commits: (the comments, the history's
# action or "" for a new comment, their status now or None when unchanged).
after_change: Hook[Callable[[Sequence[Comment], str, str | None], None]] = Hook(
    "after a recorded change"
)

# Before a reader's comment is stored: (request, the user name) -> why this
# browser may not post under that name (it is another reader's), or "".
name_checks: Hook[Callable[[HttpRequest, str], str]] = Hook("whose name is it")

# The name this browser's reader confirmed lately (request) -> the name, or
# "": posting under it needs no captcha.
known_names: Hook[Callable[[HttpRequest], str]] = Hook("names readers confirmed")

# The e-mail address this browser's reader confirmed, as a keyed digest that
# never shows the address (request) -> the digest, or "": stored with the
# comments it posts, so that bans and watches can name the reader wherever
# they post from.
confirmed_readers: Hook[Callable[[HttpRequest], str]] = Hook("confirmed readers")


@dataclass(frozen=True)
class Risk:
    """How likely a moderator is to remove a comment (0 to 1), and the words
    that weighed most."""

    score: float
    words: tuple[str, ...] = ()


# Something the moderation dashboard should say () -> a sentence, or "".
dashboard_notices: Hook[Callable[[], str]] = Hook("dashboard notices")

# Comments' risks, scored on this server: [(user name, text), ...] -> a
# Risk for each, or None where the scorer cannot say. The highest counts.
risk_scorers: Hook[Callable[[Sequence[tuple[str, str]]], list[Risk | None]]] = Hook(
    "risk scores"
)


def known_name(request: HttpRequest) -> str:
    return next(filter(None, (known(request) for known in known_names)), "")


def reader_key(request: HttpRequest) -> str:
    return next(
        filter(None, (confirmed(request) for confirmed in confirmed_readers)), ""
    )


def risk_of_each(comments: Sequence[tuple[str, str]]) -> list[Risk | None]:
    """The highest risk each scorer gave each (user name, text)."""
    each: list[Risk | None] = [None] * len(comments)
    for score in risk_scorers:
        for position, risk in enumerate(score(comments)):
            best = each[position]
            if risk is not None and (best is None or risk.score > best.score):
                each[position] = risk
    return each


def risk_of(user_name: str, body: str) -> Risk | None:
    return risk_of_each([(user_name, body)])[0]


def risk_fields(risk: Risk | None) -> dict[str, Any]:
    """A comment's risk fields for a score (or for none)."""
    if risk is None:
        return {"risk": None, "risk_reason": ""}
    return {"risk": risk.score, "risk_reason": ", ".join(risk.words)[:200]}
