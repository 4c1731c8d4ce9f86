"""The staff roles, as Django groups with exactly these permissions.

Least privilege: moderators decide on comments and posters and only read
articles; editors write articles, read tips and subscribers, and only read
comments. Both may close a story's comments, set a section's comment rules
and mark editors' picks. Nobody but a superuser deletes a comment or a ban.
The groups are brought in step after every migrate.
"""

from django.contrib.auth.models import Group, Permission

MODERATORS = "Moderators"
EDITORS = "Editors"

ROLE_PERMISSIONS = {
    MODERATORS: [
        "articles.view_article",
        "articles.view_section",
        "articles.set_comment_rules",
        "articles.close_comments",
        "comments.view_comment",
        "comments.can_moderate",
        "comments.can_pick",
        "comments.can_see_addresses",
        "comments.view_report",
        "comments.view_illegalcontentnotice",
        "comments.view_moderationevent",
        "comments.view_ban",
        "comments.add_ban",
        "comments.change_ban",
        "comments.view_posterstanding",
        "comments.add_posterstanding",
        "comments.change_posterstanding",
        "comments.view_commentsettings",
        "comments.change_commentsettings",
        "comments.view_bannedword",
        "comments.add_bannedword",
        "comments.change_bannedword",
        "comments.delete_bannedword",
        "triage.view_sitemodel",
        "triage.change_sitemodel",
    ],
    EDITORS: [
        "articles.add_article",
        "articles.change_article",
        "articles.delete_article",
        "articles.view_article",
        "articles.close_comments",
        "articles.add_section",
        "articles.change_section",
        "articles.view_section",
        "articles.set_comment_rules",
        "tips.view_tip",
        "tips.change_tip",
        "newsletter.view_subscriber",
        "comments.view_comment",
        "comments.can_pick",
    ],
}


def sync_roles() -> list[tuple[Group, bool]]:
    """Give each role's group exactly its permissions; (group, created) pairs."""
    result = []
    for name, dotted_names in ROLE_PERMISSIONS.items():
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
