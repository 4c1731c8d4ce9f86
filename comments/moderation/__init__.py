"""Every change to a comment's state, and to who may comment, happens here.

The comment form, the admin, the management commands and the tasks all
call these functions (other apps import them from this module only), so
the rules and the history are written in one place. Each change ends in
`recorder.record`, one transaction that writes the comment's history, the
admin's log, the stored counts of comments, and retires the cached pages.

One module per concern:

- posting: a reader's or staff member's comment, and the rules that hold it
- reports: readers' reports and notices, and the hold they put on a comment
- status: approve, remove, restore, undo
- picks: editors' picks and readers' recommendations
- posters: bans, watching and trust, and how long each lasts
- decisions: each decision a moderator takes on one comment, named once
- durations: how long bans and watching last, and the undo window
- editing: a poster editing or deleting their own comment for a few minutes
- erasure: deletion, erasure and forgetting addresses
- imports: comments stored as another system had them, and recounts
- site_switches: the site's comment switches
- word_lists: the banned words and staff names posts are checked against
- recorder: the one way each of them is written down
"""

from .decisions import Decision, Outcome, take
from .durations import (
    BAN_DURATIONS,
    DEFAULT_BAN,
    UNDO_WINDOW,
    edit_window,
    editable_until,
    ends_at,
)
from .editing import NotEditable, Refusal, edit, refusal, withdraw
from .erasure import (
    FORGOTTEN_BROWSER,
    delete,
    erase,
    forget_address,
    forget_addresses,
    forget_ended_decisions,
    forget_ended_decisions_about,
)
from .imports import recount_comments, store_imported
from .picks import AlreadyRecommended, pick, recommend, unpick
from .posters import (
    ban,
    ban_posters,
    lift,
    lift_standings,
    note_poster,
    set_standing,
    trust,
    watch,
)
from .posting import (
    FORM,
    CommentsClosed,
    PosterBanned,
    submit,
    submit_as_staff,
)
from .recorder import Retire, record
from .reports import report
from .site_switches import change_settings
from .status import approve, remove, restore, undo
from .word_lists import ERASED_NAME
from .word_lists import changed as word_lists_changed

__all__ = [
    "BAN_DURATIONS",
    "DEFAULT_BAN",
    "ERASED_NAME",
    "FORGOTTEN_BROWSER",
    "FORM",
    "UNDO_WINDOW",
    "AlreadyRecommended",
    "CommentsClosed",
    "Decision",
    "NotEditable",
    "Outcome",
    "PosterBanned",
    "Refusal",
    "Retire",
    "approve",
    "ban",
    "ban_posters",
    "change_settings",
    "delete",
    "edit",
    "edit_window",
    "editable_until",
    "ends_at",
    "erase",
    "forget_address",
    "forget_addresses",
    "forget_ended_decisions",
    "forget_ended_decisions_about",
    "lift",
    "lift_standings",
    "note_poster",
    "pick",
    "recommend",
    "record",
    "recount_comments",
    "refusal",
    "remove",
    "report",
    "restore",
    "set_standing",
    "store_imported",
    "submit",
    "submit_as_staff",
    "take",
    "trust",
    "undo",
    "unpick",
    "watch",
    "withdraw",
    "word_lists_changed",
]
