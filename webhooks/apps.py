from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    name = "webhooks"
    verbose_name = _("Webhooks")

    def ready(self) -> None:
        from protection import housekeeping

        from . import delivery

        housekeeping.jobs.register("webhook deliveries", delivery.retry_and_forget)
