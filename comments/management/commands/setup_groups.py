"""Create the Moderators and Editors groups, or bring their permissions up to date."""

from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand

# Least privilege: moderators decide on comments and posters and only read
# articles; editors write articles and only read comments. Both may close a
# story's comments. Nobody but a superuser deletes a comment or a ban.
GROUP_PERMISSIONS = {
    "Moderators": [
        "articles.view_article",
        "articles.view_section",
        "articles.close_comments",
        "comments.view_comment",
        "comments.can_moderate",
        "comments.view_report",
        "comments.view_moderationevent",
        "comments.view_ban",
        "comments.add_ban",
        "comments.change_ban",
        "comments.view_bannedword",
        "comments.add_bannedword",
        "comments.change_bannedword",
        "comments.delete_bannedword",
    ],
    "Editors": [
        "articles.add_article",
        "articles.change_article",
        "articles.delete_article",
        "articles.view_article",
        "articles.close_comments",
        "articles.add_section",
        "articles.change_section",
        "articles.view_section",
        "articles.view_tip",
        "articles.change_tip",
        "articles.view_subscriber",
        "comments.view_comment",
    ],
}


def sync_groups() -> list[tuple[Group, bool]]:
    """Give each group exactly its permissions; returns (group, created) pairs."""
    result = []
    for name, dotted_names in GROUP_PERMISSIONS.items():
        group, created = Group.objects.get_or_create(name=name)
        group.permissions.set(
            Permission.objects.get(
                content_type__app_label=dotted.split(".")[0],
                codename=dotted.split(".")[1],
            )
            for dotted in dotted_names
        )
        result.append((group, created))
    return result


class Command(BaseCommand):
    help = "Create the Moderators and Editors groups with exactly their permissions."

    def handle(self, *args, **options):
        for group, created in sync_groups():
            if options["verbosity"]:
                verb = "Created" if created else "Updated"
                count = group.permissions.count()
                self.stdout.write(f"{verb} group {group.name} ({count} permissions).")
