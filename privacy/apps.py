from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "privacy"
    verbose_name = "Privacy and legal requests"

    def ready(self):
        from protection import housekeeping

        from . import retention

        housekeeping.jobs["addresses forgotten"] = retention.forget_old_addresses
