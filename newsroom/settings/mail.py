"""E-mail, error reports and the alerts that tell moderators comments
wait."""

from . import environment as env

# E-mail (newsletter confirmations): printed to the console unless
# EMAIL_HOST names an SMTP server. Django 6.1's MAILERS.
if env.text("EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": env.text("EMAIL_HOST"),
                "port": env.whole("EMAIL_PORT", 587),
                "username": env.text("EMAIL_HOST_USER"),
                "password": env.text("EMAIL_HOST_PASSWORD"),
                "use_tls": env.flag("EMAIL_USE_TLS", True),
                "timeout": 10,
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = env.text("DEFAULT_FROM_EMAIL", "Newsroom <newsroom@localhost>")

# Logging: every unhandled error (Django's "Internal Server Error: <path>"),
# every 503 and every warning to standard error, where gunicorn and the
# service manager keep it; errors also to ADMINS by e-mail when it is set
# ("Name=address" pairs, comma-separated). Records name the path, never a
# reader's address or what they typed.
ADMINS = [
    tuple(item.split("=", 1)) for item in env.items("DJANGO_ADMINS", []) if "=" in item
]
SERVER_EMAIL = env.text("DJANGO_SERVER_EMAIL", DEFAULT_FROM_EMAIL)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"}
    },
    "filters": {"quiet_suspicious": {"()": "newsroom.log.QuietSuspiciousRequests"}},
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stderr",
            "formatter": "plain",
            "filters": ["quiet_suspicious"],
        },
        # At most one mail per kind of error every few minutes (log.py).
        "mail_admins": {
            "class": "newsroom.log.MailAdminsHandler",
            "level": "ERROR",
            "formatter": "plain",
            "filters": ["quiet_suspicious"],
        },
    },
    "root": {"handlers": ["stderr", "mail_admins"], "level": "WARNING"},
    "loggers": {
        # Django's own handlers print only with debug on; send its records
        # to the root handlers instead.
        "django": {"handlers": [], "level": "WARNING", "propagate": True},
    },
}

# Alerts to moderators when comments wait: e-mail to the Moderators group,
# and Slack-compatible JSON to a webhook when one is set; at most one digest
# per NEWSROOM_ALERT_MINUTES. Links in them start with NEWSROOM_SITE_URL.
NEWSROOM_ALERT_MINUTES = env.whole("NEWSROOM_ALERT_MINUTES", 5)
NEWSROOM_ALERT_WEBHOOK_URL = env.text("NEWSROOM_ALERT_WEBHOOK_URL")
NEWSROOM_SITE_URL = env.text("NEWSROOM_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
