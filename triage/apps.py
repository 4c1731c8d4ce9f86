from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TriageConfig(AppConfig):
    name = "triage"
    verbose_name = _("Risk scores")

    def ready(self) -> None:
        from comments import extensions
        from protection import housekeeping

        from . import learning, scoring

        extensions.risk_scorers.register("risk score", scoring.score_each)
        extensions.after_change.register("retrain on removals", learning.after_change)
        housekeeping.jobs.register("risk model versions", learning.retrain_if_due)
        extensions.dashboard_notices.register("risk model refused", learning.notice)
