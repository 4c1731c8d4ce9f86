"""The one way settings read the environment: each value typed, with its
default, and a clear message naming the variable when it cannot be read.
An empty variable counts as unset."""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off"}


def _raw(name: str) -> str | None:
    value = os.environ.get(name, "").strip()
    return value or None


def text(name: str, default: str = "") -> str:
    return _raw(name) or default


def flag(name: str, default: bool) -> bool:
    value = _raw(name)
    if value is None:
        return default
    if value.lower() in TRUE:
        return True
    if value.lower() in FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def whole(name: str, default: int) -> int:
    """A whole number of something (seconds, days, uses): 0 or more."""
    value = _raw(name)
    if value is None:
        return default
    if not value.isdigit():
        raise ImproperlyConfigured(
            f"{name} must be a whole number (0 or more), not {value!r}."
        )
    return int(value)


def path(name: str, default: Path) -> Path:
    value = _raw(name)
    return Path(value) if value else default


def items(name: str, default: list[str] | None = None) -> list[str]:
    """A comma-separated list."""
    value = os.environ.get(name)
    if value is None:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def pairs(name: str) -> list[tuple[str, str]]:
    """Comma-separated "Name=value" pairs, as DJANGO_ADMINS and
    NEWSROOM_FOLLOW_LINKS are written."""
    return [
        (label.strip(), value.strip())
        for label, _equals, value in (item.partition("=") for item in items(name))
        if _equals
    ]
