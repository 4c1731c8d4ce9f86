"""Create the Moderators and Editors groups, or bring their permissions up to date."""

from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand

# Least privilege: moderators work on comments and only read articles;
# editors write articles and only read comments.
GROUP_PERMISSIONS = {
    "Moderators": [
        "articles.view_article",
        "articles.view_section",
        "comments.view_comment",
        "comments.change_comment",
        "comments.view_report",
    ],
    "Editors": [
        "articles.add_article",
        "articles.change_article",
        "articles.delete_article",
        "articles.view_article",
        "articles.add_section",
        "articles.change_section",
        "articles.view_section",
        "comments.view_comment",
    ],
}


class Command(BaseCommand):
    help = "Create the Moderators and Editors groups with exactly their permissions."

    def handle(self, *args, **options):
        for name, codenames in GROUP_PERMISSIONS.items():
            group, created = Group.objects.get_or_create(name=name)
            permissions = [self.permission(codename) for codename in codenames]
            group.permissions.set(permissions)
            if options["verbosity"]:
                verb = "Created" if created else "Updated"
                self.stdout.write(
                    f"{verb} group {name} ({len(permissions)} permissions)."
                )

    @staticmethod
    def permission(dotted: str) -> Permission:
        app_label, codename = dotted.split(".")
        return Permission.objects.get(
            content_type__app_label=app_label, codename=codename
        )
