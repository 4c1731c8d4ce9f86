from django.apps import AppConfig


class ProtectionConfig(AppConfig):
    name = "protection"
    verbose_name = "Reader-facing protection"

    def ready(self):
        from . import checks  # noqa: F401 - registers the system checks
