"""The site's comment switches: pre-moderate everything, close everything,
staffed hours."""

from django.db import transaction

from .. import switches as switches_on_pages
from ..models import CommentSettings
from .recorder import Retire, record


def change_settings(switches: CommentSettings) -> CommentSettings:
    """Save the site's comment switches; every cached page shows the form or
    the closed notice afresh. (The admin records who changed what.)"""
    with transaction.atomic():
        switches.save()
        record([], retire=Retire.SITE)
        # This process renders with the new switches at once (the others
        # within a second): now, and again once others can read them.
        switches_on_pages.forget()
        transaction.on_commit(switches_on_pages.forget)
    return switches
