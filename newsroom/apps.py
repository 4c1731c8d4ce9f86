"""The libraries' apps under names moderators read in their own language:
the admin lists them by these."""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


class LoginProtectionConfig(AxesAppConfig):
    verbose_name = _("Login protection")


class BackgroundTasksConfig(TasksAppConfig):
    verbose_name = _("Background tasks")  # type: ignore[assignment]
