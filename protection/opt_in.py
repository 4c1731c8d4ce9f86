"""Double opt-in, the one way every form that mails an address confirms it
(the newsletter, replies by e-mail): the address is stored unconfirmed, and
confirmed by a signed link naming it and a one-time token. Confirming clears
the token, and a newer link replaces it, so a used or replaced link fails."""

from django.core import signing
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class InvalidLink(Exception):
    """A link that was tampered with, has expired, or was used or replaced."""


class OptInAddress(models.Model):
    """An address that is mailed nothing but its confirmation until its
    owner confirms it."""

    email = models.EmailField(_("e-mail"), unique=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    confirmation_token = models.CharField(
        _("confirmation token"),
        max_length=32,
        blank=True,
        editable=False,
        help_text=_("In the latest confirmation link; empty once confirmed."),
    )

    class Meta:
        abstract = True


def confirmation_token(address: OptInAddress, *, salt: str) -> str:
    """What the confirmation link carries: the address and its one-time token."""
    return signing.dumps([address.email, address.confirmation_token], salt=salt)


def confirm[Address: OptInAddress](
    model: type[Address], token: str, *, salt: str, max_age: int
) -> Address:
    """Confirm the address the link names; raises InvalidLink for a link that
    was tampered with, has expired, was used or was replaced by a newer one."""
    try:
        email, one_time = signing.loads(token, salt=salt, max_age=max_age)
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise InvalidLink from error
    with transaction.atomic():
        address = (
            model._default_manager.select_for_update()
            .filter(email=email, confirmed_at__isnull=True)
            .exclude(confirmation_token="")
            .filter(confirmation_token=one_time)
            .first()
        )
        if address is None:
            raise InvalidLink(email)
        address.confirmed_at = timezone.now()
        address.confirmation_token = ""
        address.save(update_fields=["confirmed_at", "confirmation_token"])
    return address
