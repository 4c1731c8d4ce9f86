"""The comments' models, a module per concern; every name is importable
from comments.models as before."""

from .choices import (
    COMMENTS_PER_PAGE,
    CommentStatus,
    HoldRule,
    OutsideStaffedHours,
    QueueOrder,
    Reason,
    ReportOutcome,
    Standing,
    Voice,
    staff_display_name,
    staff_voice,
)
from .comment import Comment, CommentQuerySet, Recommendation, most_discussed_stories
from .history import ModerationEvent
from .posters import (
    Ban,
    BanQuerySet,
    PosterDecision,
    PosterNote,
    PosterQuerySet,
    PosterStanding,
    StandingQuerySet,
)
from .reports import IllegalContentNotice, Report, ReportQuerySet
from .scopes import ModeratorScope
from .switches import BannedWord, CommentSettings

__all__ = [
    "COMMENTS_PER_PAGE",
    "Ban",
    "BanQuerySet",
    "BannedWord",
    "Comment",
    "CommentQuerySet",
    "CommentSettings",
    "CommentStatus",
    "HoldRule",
    "IllegalContentNotice",
    "ModerationEvent",
    "ModeratorScope",
    "OutsideStaffedHours",
    "PosterDecision",
    "PosterNote",
    "PosterQuerySet",
    "PosterStanding",
    "QueueOrder",
    "Reason",
    "Recommendation",
    "Report",
    "ReportOutcome",
    "ReportQuerySet",
    "Standing",
    "StandingQuerySet",
    "Voice",
    "most_discussed_stories",
    "staff_display_name",
    "staff_voice",
]
