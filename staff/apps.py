from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def sync_roles_after_migrate(sender, **kwargs) -> None:
    # Migrations may add permissions; keep the groups in step on every migrate.
    from .roles import sync_roles

    sync_roles()


class StaffConfig(AppConfig):
    name = "staff"
    verbose_name = _("Staff")

    def ready(self):
        post_migrate.connect(sync_roles_after_migrate, sender=self)
