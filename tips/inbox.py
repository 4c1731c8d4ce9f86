"""Every change to a tip: received from a reader, handled by an editor."""

from collections.abc import Iterable
from datetime import datetime

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import User
from django.utils.translation import gettext

from protection import limits

from .models import Tip

FORM = "tips"


def receive(*, tip: Tip, ip_address: str | None) -> Tip:
    """Store a tip sent through the form; raises limits.TooSoon past the limit."""
    limits.take(FORM, ip_address)
    tip.ip_address = ip_address
    tip.save()
    return tip


def mark_handled(tips: Iterable[Tip], *, by: User) -> int:
    targets = [tip for tip in tips if not tip.handled]
    Tip.objects.filter(pk__in=[tip.pk for tip in targets]).update(handled=True)
    if targets:
        LogEntry.objects.log_actions(
            user_id=by.pk,
            queryset=targets,
            action_flag=CHANGE,
            change_message=gettext("Handled"),
        )
    return len(targets)


def forget_addresses(*, before: datetime, keep: Iterable[str]) -> int:
    """Empty the addresses stored with tips sent before a time, except the
    addresses in keep; returns how many."""
    return (
        Tip.objects.filter(created_at__lt=before, ip_address__isnull=False)
        .exclude(ip_address__in=list(keep))
        .update(ip_address=None)
    )
