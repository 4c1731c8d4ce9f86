"""The comments' public pages and answers, a module per concern."""

from .editing import delete_comment, edit_comment
from .posting import form_security, post_comment, write_comment
from .reactions import recommend, recommendation_counts, report_comment
from .reading import ForumView, community_rules, permalink, thread
from .tools import moderation_tools

__all__ = [
    "ForumView",
    "community_rules",
    "delete_comment",
    "edit_comment",
    "form_security",
    "moderation_tools",
    "permalink",
    "post_comment",
    "recommend",
    "recommendation_counts",
    "report_comment",
    "thread",
    "write_comment",
]
