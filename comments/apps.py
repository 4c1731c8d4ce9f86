from django.apps import AppConfig
from django.db.models.signals import post_migrate


def sync_groups_after_migrate(sender, **kwargs) -> None:
    # Migrations may add permissions; keep the groups in step on every migrate.
    from comments.management.commands.setup_groups import sync_groups

    sync_groups()


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = "Comments"

    def ready(self):
        from . import checks  # noqa: F401 - registers the system checks

        post_migrate.connect(sync_groups_after_migrate, sender=self)
