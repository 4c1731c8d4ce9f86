from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "privacy"
    verbose_name = _("Privacy and legal requests")

    def ready(self):
        from protection import housekeeping

        from . import retention

        housekeeping.jobs.register(
            "addresses forgotten", retention.forget_old_addresses
        )
