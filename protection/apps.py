from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProtectionConfig(AppConfig):
    name = "protection"
    verbose_name = _("Reader-facing protection")

    def ready(self):
        from . import checks  # noqa: F401 - registers the system checks
