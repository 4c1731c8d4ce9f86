"""Moderation: the rules that hold comments, how long addresses are kept,
the flood limits of every public form, and the captcha."""

import shutil

from . import environment as env
from .core import BASE_DIR
from .site import NEWSROOM_SITE_NAME

# Moderation rules. Comments are published at once unless one of these, a
# story's own pre-moderation or a switch moderators turn in the admin
# (comments.CommentSettings) holds them for a moderator.
NEWSROOM_MAX_LINKS = env.whole("NEWSROOM_MAX_LINKS", 2)
NEWSROOM_DUPLICATE_HOURS = env.whole("NEWSROOM_DUPLICATE_HOURS", 24)
# Counted in networks (a /24 or a /48), not addresses: one household or
# office cannot take a comment down on its own.
NEWSROOM_REPORTS_TO_HOLD = env.whole("NEWSROOM_REPORTS_TO_HOLD", 3)
# The model learned from the moderators (triage/) is trained again after
# this many removals, and hourly when anything was decided.
NEWSROOM_RISK_RETRAIN_AFTER = env.whole("NEWSROOM_RISK_RETRAIN_AFTER", 5)
# Minutes a reader may edit or delete their comment, from the browser that
# posted it, until a moderator decides on it or someone replies.
NEWSROOM_EDIT_MINUTES = env.whole("NEWSROOM_EDIT_MINUTES", 15)
# Replies by e-mail: at most one message per follow this often; replies
# that come faster go together in the next, at most this many at once.
NEWSROOM_REPLY_DIGEST_MINUTES = env.whole("NEWSROOM_REPLY_DIGEST_MINUTES", 5)
NEWSROOM_REPLY_DIGEST_MOST = env.whole("NEWSROOM_REPLY_DIGEST_MOST", 20)
# 0 keeps comments open until a moderator closes them.
NEWSROOM_CLOSE_COMMENTS_AFTER_DAYS = env.whole("NEWSROOM_CLOSE_COMMENTS_AFTER_DAYS", 30)
# Days the addresses and browsers of posters, reporters and tip senders are
# kept (bans, duplicates and report counting need them that long); an
# address under an active ban is kept while the ban lasts.
NEWSROOM_RETENTION_DAYS = env.whole("NEWSROOM_RETENTION_DAYS", 30)
# Backups of every comment (`manage.py backup`, or the admin) kept in
# private storage: they hold addresses too, so keep no more days of them
# than the retention period when they run daily.
NEWSROOM_BACKUPS_KEPT = env.whole("NEWSROOM_BACKUPS_KEPT", 7)

# Flood limits per client address: the least time between two uses and the
# most uses in an hour (0 turns a limit off). One for each public form, and
# for what the captcha costs the server.
NEWSROOM_FLOOD_LIMITS = {
    "comments": {
        "interval_seconds": env.whole("NEWSROOM_COMMENT_INTERVAL_SECONDS", 30),
        "per_hour": env.whole("NEWSROOM_COMMENTS_PER_HOUR", 10),
    },
    # Posters' edits of their own comments: a few typos, not a rewrite loop.
    "comment_edits": {
        "interval_seconds": 0,
        "per_hour": env.whole("NEWSROOM_COMMENT_EDITS_PER_HOUR", 20),
    },
    # Confirmation mails for replies by e-mail: per client, and per
    # recipient (an address is also never asked twice within a day).
    "follow_confirmations": {
        "interval_seconds": 0,
        "per_hour": env.whole("NEWSROOM_FOLLOW_CONFIRMATIONS_PER_HOUR", 10),
    },
    "follow_recipient": {
        "interval_seconds": 0,
        "per_hour": env.whole("NEWSROOM_FOLLOW_MAILS_PER_RECIPIENT", 3),
    },
    # Counted per staff account: a journalist answers readers in quick
    # succession, but a stolen account cannot flood the site.
    "staff_comments": {
        "interval_seconds": 0,
        "per_hour": env.whole("NEWSROOM_STAFF_COMMENTS_PER_HOUR", 60),
    },
    # One recommendation per comment is the rule; this bounds a script
    # walking every comment from one address.
    "recommendations": {
        "interval_seconds": 0,
        "per_hour": env.whole("NEWSROOM_RECOMMENDATIONS_PER_HOUR", 300),
    },
    # Bounds a script reporting every comment from one address.
    "reports": {
        "interval_seconds": 0,
        "per_hour": env.whole("NEWSROOM_REPORTS_PER_HOUR", 20),
    },
    "tips": {
        "interval_seconds": env.whole("NEWSROOM_TIP_INTERVAL_SECONDS", 30),
        "per_hour": env.whole("NEWSROOM_TIPS_PER_HOUR", 10),
    },
    "newsletter": {
        "interval_seconds": env.whole("NEWSROOM_NEWSLETTER_INTERVAL_SECONDS", 30),
        "per_hour": env.whole("NEWSROOM_NEWSLETTER_SIGNUPS_PER_HOUR", 10),
    },
    # Counted per recipient, not per client: mails one address may be sent.
    "newsletter_recipient": {
        "interval_seconds": 0,
        "per_hour": env.whole("NEWSROOM_NEWSLETTER_MAILS_PER_RECIPIENT", 3),
    },
    "captcha_failures": {
        "interval_seconds": 0,
        "per_hour": env.whole("NEWSROOM_CAPTCHA_FAILURES_PER_HOUR", 10),
    },
    "captchas": {
        "interval_seconds": 0,
        "per_hour": env.whole("NEWSROOM_CAPTCHAS_PER_HOUR", 60),
    },
    "captcha_audio": {
        "interval_seconds": 0,
        "per_hour": env.whole("NEWSROOM_CAPTCHA_AUDIO_PER_HOUR", 30),
    },
    # The read-only API, per address: generous for a page's own scripts,
    # a bound on a scraper.
    "api": {
        "interval_seconds": 0,
        "per_hour": env.whole("NEWSROOM_API_REQUESTS_PER_HOUR", 3600),
    },
    # Counted per staff account, from whatever addresses the guesses come,
    # for browsers the account never signed in from (staff/sign_in.py).
    "staff_login_failures": {
        "interval_seconds": 0,
        "per_hour": env.whole("NEWSROOM_LOGIN_FAILURES_PER_ACCOUNT", 20),
    },
    # Counted per browser the account signed in from before: the owner's own
    # browser is never locked out by what others guess.
    "staff_login_device_failures": {
        "interval_seconds": 0,
        "per_hour": env.whole("NEWSROOM_LOGIN_FAILURES_PER_DEVICE", 10),
    },
}
# People take longer than this between opening a form and posting; bots don't.
NEWSROOM_MIN_SECONDS_TO_POST = env.whole("NEWSROOM_MIN_SECONDS_TO_POST", 3)
# User names that would pass for the site's own people.
NEWSROOM_RESERVED_NAMES = [
    "moderator",
    "admin",
    "administrator",
    "editor",
    "staff",
    "author",
    NEWSROOM_SITE_NAME,
]

# django-simple-captcha. The challenge is two words from a list we ship
# (protection/captcha.py): the package's own word challenge needs a system
# dictionary this project cannot count on.
CAPTCHA_CHALLENGE_FUNCT = "protection.captcha.challenge"
CAPTCHA_WORDS_DICTIONARY = BASE_DIR / "protection" / "captcha_words.txt"
CAPTCHA_DICTIONARY_MIN_LENGTH = 4
CAPTCHA_DICTIONARY_MAX_LENGTH = 7
CAPTCHA_FONT_SIZE = 34
CAPTCHA_LETTER_ROTATION = (-20, 20)
# Minutes. The package's default of 5 is shorter than writing a comment takes.
CAPTCHA_TIMEOUT = env.whole("NEWSROOM_CAPTCHA_MINUTES", 60)
# The audio alternative needs flite; without it the package serves no audio
# and the template offers none.
CAPTCHA_FLITE_PATH = shutil.which("flite")
CAPTCHA_SOX_PATH = shutil.which("sox")
