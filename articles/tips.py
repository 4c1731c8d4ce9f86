"""Story tips from readers: received here, handled by editors in the admin."""

from collections.abc import Iterable

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import AbstractBaseUser

from comments import throttle

from .models import Tip

SCOPE = "tips"


class TooSoon(Exception):
    def __init__(self, retry_after: int):
        super().__init__(retry_after)
        self.retry_after = retry_after


def receive(*, tip: Tip, ip_address: str | None) -> Tip:
    """Store a tip sent through the form; rate-limited like comments."""
    if ip_address and (wait := throttle.seconds_until_allowed(ip_address, SCOPE)):
        raise TooSoon(wait)
    tip.ip_address = ip_address
    tip.save()
    if ip_address:
        throttle.record_post(ip_address, SCOPE)
    return tip


def mark_handled(tips: Iterable[Tip], *, by: AbstractBaseUser) -> int:
    targets = [tip for tip in tips if not tip.handled]
    Tip.objects.filter(pk__in=[tip.pk for tip in targets]).update(handled=True)
    if targets:
        LogEntry.objects.log_actions(
            user_id=by.pk,
            queryset=targets,
            action_flag=CHANGE,
            change_message="Handled",
        )
    return len(targets)
