"""Original demo content, written for this project, and generated lead
photos."""

from .conversations import (
    BANNED_WORDS,
    DEMO_JOURNALIST,
    DEMO_READER_IPS,
    HELD_COMMENTS,
    ILLEGAL_CONTENT_NOTICES,
    NOTICE_REPORTER_IP,
    PICKS,
    REMOVED_COMMENTS,
    REPLIES,
)
from .photos import lead_photo
from .stories import ARTICLES, SECTIONS

__all__ = [
    "ARTICLES",
    "BANNED_WORDS",
    "DEMO_JOURNALIST",
    "DEMO_READER_IPS",
    "HELD_COMMENTS",
    "ILLEGAL_CONTENT_NOTICES",
    "NOTICE_REPORTER_IP",
    "PICKS",
    "REMOVED_COMMENTS",
    "REPLIES",
    "SECTIONS",
    "lead_photo",
]
