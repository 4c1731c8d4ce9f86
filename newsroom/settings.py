"""Newsroom settings.

Every setting that differs between a laptop and production comes from an
environment variable. The defaults are safe for development; production sets
DJANGO_DEBUG=false and must then provide DJANGO_SECRET_KEY.
"""

import os
import shutil
from datetime import timedelta
from email.utils import parseaddr
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    if value.strip().lower() in {"1", "true", "yes", "on"}:
        return True
    if value.strip().lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. With DJANGO_DEBUG off (production) "
            "the site refuses to start without a secret key: set "
            "DJANGO_SECRET_KEY to a long random string, for example the output "
            'of: python -c "import secrets; print(secrets.token_urlsafe(50))"'
        )
    SECRET_KEY = "django-insecure-development-only-never-use-in-production"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.forms",
    "captcha",
    # django-axes and django-tasks-db, named for the admin (newsroom/apps.py).
    "newsroom.apps.LoginProtectionConfig",
    "corsheaders",
    "newsroom.apps.BackgroundTasksConfig",
    # Shared services: they import no feature app.
    "protection",
    # Features: comments may import articles, never the reverse.
    "articles",
    "comments",
    "tips",
    "newsletter",
    "privacy",
    "portability",
    "api",
    "demo",
    # Last: its roles name the permissions of the apps above.
    "staff",
]

MIDDLEWARE = [
    # Outermost: it checks the language of every answer, cached ones too.
    "newsroom.middleware.EdgeLanguageMiddleware",
    # A null character in an address is a 400, before anything reads it.
    "protection.middleware.NullCharacterMiddleware",
    # Then: a cached article page is answered here, with the headers the
    # rest of the stack gave it when it was rendered.
    "articles.middleware.ArticlePageCacheMiddleware",
    # Answers the API's cross-origin requests, for the origins configured.
    "corsheaders.middleware.CorsMiddleware",
    "protection.middleware.TrustedProxyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "comments.middleware.ModeratorHintMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "newsroom.middleware.ServiceUnavailableMiddleware",
    "axes.middleware.AxesMiddleware",
]
if not DEBUG:
    # Production serves collected static files itself; in development the
    # staticfiles app serves them from the source folders.
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
        "whitenoise.middleware.WhiteNoiseMiddleware",
    )

ROOT_URLCONF = "newsroom.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "articles.context_processors.site",
            ],
        },
    },
]

# Widgets render with the project's templates, so the captcha widget can be ours.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

WSGI_APPLICATION = "newsroom.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Readers post concurrently: WAL lets reads go on during a write, and
    # IMMEDIATE transactions wait for the lock instead of failing with
    # "database is locked" halfway through.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

# Two caches. "default" holds rendered article pages and their versions;
# "limits" holds the flood limits' counts. Redis in production, shared by
# every worker and app server: limits may live in a Redis of their own
# (REDIS_LIMITS_URL) that evicts nothing, while pages may be evicted
# (docs/deploy.md). Every key either writes expires. Without Redis, each
# process keeps its own in memory; page retirements then reach the other
# processes through the database (articles/page_cache.py), and
# gunicorn.conf.py runs one worker so that the limits stay whole.
REDIS_URL = os.environ.get("REDIS_URL", "")
REDIS_LIMITS_URL = os.environ.get("REDIS_LIMITS_URL", "") or REDIS_URL
# A cache that hangs must not hang the site: fail fast, and the site carries
# on without it.
REDIS_OPTIONS = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "newsroom.cache.SharedClientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "newsroom",
            "OPTIONS": REDIS_OPTIONS,
        },
        "limits": {
            "BACKEND": "newsroom.cache.SharedClientRedisCache",
            "LOCATION": REDIS_LIMITS_URL,
            "KEY_PREFIX": "newsroom",
            "OPTIONS": REDIS_OPTIONS,
        },
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
        },
        # Its own store, so that pages culled from the other never take a
        # count with them.
        "limits": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "limits",
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        },
    }
NEWSROOM_CACHE_IS_SHARED = bool(REDIS_URL)


AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# English and Simplified Chinese. The reader's choice is a cookie set by
# the language links in every page's footer; until they choose, the
# browser's Accept-Language decides. Stories stay in the language they
# were written in; the site around them follows the reader.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("zh-hans", "简体中文")]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["newsroom.formats"]
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
# Production serves collected, hashed and compressed files through
# WhiteNoise with long cache headers (run `manage.py collectstatic`).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Uploaded comment exports and backups: every poster's address is in
    # them, so the web server never serves this folder.
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": os.environ.get("NEWSROOM_PRIVATE_ROOT", BASE_DIR / "private")
        },
    },
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
# Uploaded photos belong on object storage or the web server in production;
# Django serves them itself only in development and `make serve`.
NEWSROOM_SERVE_MEDIA = env_bool("NEWSROOM_SERVE_MEDIA", DEBUG)

# Background work (alerts to moderators, cleaning stale rows) is stored in
# the database and run by a worker, `manage.py db_worker`, so that no
# reader waits on it; `make run` and `make serve` start one beside the site.
TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
}

# Security. Readers never log in; only staff have sessions, and they end.
SESSION_COOKIE_AGE = int(os.environ.get("NEWSROOM_STAFF_SESSION_HOURS", "8")) * 3600
SESSION_COOKIE_HTTPONLY = True
MESSAGE_STORAGE = "django.contrib.messages.storage.cookie.CookieStorage"
CSRF_FAILURE_VIEW = "newsroom.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "media-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}
# How many reverse proxies (load balancer, CDN) stand in front of the site.
# Their X-Forwarded-For entries are trusted to name the client; anything
# further left was written by the client and is ignored.
NEWSROOM_TRUSTED_PROXIES = int(os.environ.get("NEWSROOM_TRUSTED_PROXIES", "0"))
if NEWSROOM_TRUSTED_PROXIES:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool(
    "DJANGO_SECURE_COOKIES", not DEBUG
)
SECURE_HSTS_SECONDS = int(
    os.environ.get("DJANGO_SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000")
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", True)

# The admin: its own address, and brute-force protection on its login.
NEWSROOM_ADMIN_URL = os.environ.get("NEWSROOM_ADMIN_URL", "admin/").strip("/") + "/"
AXES_FAILURE_LIMIT = int(os.environ.get("NEWSROOM_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["ip_address", ["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "staff.views.paused"
# A browser the account signed in from before is limited on its own, never
# paused with its address (staff/sign_in.py).
AXES_WHITELIST_CALLABLE = "staff.sign_in.from_a_known_browser"
# TrustedProxyMiddleware has already put the real client in REMOTE_ADDR.
AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)

# E-mail (newsletter confirmations): printed to the console unless
# EMAIL_HOST names an SMTP server. Django 6.1's MAILERS.
if os.environ.get("EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ["EMAIL_HOST"],
                "port": int(os.environ.get("EMAIL_PORT", "587")),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", True),
                "timeout": 10,
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Newsroom <newsroom@localhost>"
)

# Logging: every unhandled error (Django's "Internal Server Error: <path>"),
# every 503 and every warning to standard error, where gunicorn and the
# service manager keep it; errors also to ADMINS by e-mail when it is set
# ("Name=address" pairs, comma-separated). Records name the path, never a
# reader's address or what they typed.
ADMINS = [
    tuple(item.split("=", 1)) for item in env_list("DJANGO_ADMINS", []) if "=" in item
]
SERVER_EMAIL = os.environ.get("DJANGO_SERVER_EMAIL", DEFAULT_FROM_EMAIL)
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
NEWSROOM_ALERT_MINUTES = int(os.environ.get("NEWSROOM_ALERT_MINUTES", "5"))
NEWSROOM_ALERT_WEBHOOK_URL = os.environ.get("NEWSROOM_ALERT_WEBHOOK_URL", "")
NEWSROOM_SITE_URL = os.environ.get("NEWSROOM_SITE_URL", "http://127.0.0.1:8000").rstrip(
    "/"
)

# The site itself.
NEWSROOM_SITE_NAME = os.environ.get("NEWSROOM_SITE_NAME", "Newsroom")
NEWSROOM_SITE_TAGLINE = os.environ.get(
    "NEWSROOM_SITE_TAGLINE", "Independent news, and the conversation around it"
)
# "Label=URL" pairs separated by commas, e.g.
# "Mastodon=https://social.example/@news,Android app=https://play.example/news".
# Unset, the follow links are not shown.
NEWSROOM_FOLLOW_LINKS = [
    tuple(item.split("=", 1))
    for item in env_list("NEWSROOM_FOLLOW_LINKS", [])
    if "=" in item
]

# Moderation rules. Comments are published at once unless one of these, a
# story's own pre-moderation or a switch moderators turn in the admin
# (comments.CommentSettings) holds them for a moderator.
NEWSROOM_MAX_LINKS = int(os.environ.get("NEWSROOM_MAX_LINKS", "2"))
NEWSROOM_DUPLICATE_HOURS = int(os.environ.get("NEWSROOM_DUPLICATE_HOURS", "24"))
# Counted in networks (a /24 or a /48), not addresses: one household or
# office cannot take a comment down on its own.
NEWSROOM_REPORTS_TO_HOLD = int(os.environ.get("NEWSROOM_REPORTS_TO_HOLD", "3"))
# 0 keeps comments open until a moderator closes them.
NEWSROOM_CLOSE_COMMENTS_AFTER_DAYS = int(
    os.environ.get("NEWSROOM_CLOSE_COMMENTS_AFTER_DAYS", "30")
)
# Days the addresses and browsers of posters, reporters and tip senders are
# kept (bans, duplicates and report counting need them that long); an
# address under an active ban is kept while the ban lasts.
NEWSROOM_RETENTION_DAYS = int(os.environ.get("NEWSROOM_RETENTION_DAYS", "30"))
# Backups of every comment (`manage.py backup`, or the admin) kept in
# private storage: they hold addresses too, so keep no more days of them
# than the retention period when they run daily.
NEWSROOM_BACKUPS_KEPT = int(os.environ.get("NEWSROOM_BACKUPS_KEPT", "7"))

# The read-only JSON API (/api/v1/) answers pages on other origins only
# when they are listed here, comma-separated (https://app.example.com).
CORS_ALLOWED_ORIGINS = env_list("NEWSROOM_API_ALLOWED_ORIGINS", [])
CORS_URLS_REGEX = r"^/api/"
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_ALLOW_CREDENTIALS = False
CORS_EXPOSE_HEADERS = ("ETag", "Retry-After")

# Where readers send requests about their data; the privacy page shows it.
NEWSROOM_PRIVACY_CONTACT = os.environ.get(
    "NEWSROOM_PRIVACY_CONTACT", parseaddr(DEFAULT_FROM_EMAIL)[1]
)
# Flood limits per client address: the least time between two uses and the
# most uses in an hour (0 turns a limit off). One for each public form, and
# for what the captcha costs the server.
NEWSROOM_FLOOD_LIMITS = {
    "comments": {
        "interval_seconds": int(
            os.environ.get("NEWSROOM_COMMENT_INTERVAL_SECONDS", "30")
        ),
        "per_hour": int(os.environ.get("NEWSROOM_COMMENTS_PER_HOUR", "10")),
    },
    # Counted per staff account: a journalist answers readers in quick
    # succession, but a stolen account cannot flood the site.
    "staff_comments": {
        "interval_seconds": 0,
        "per_hour": int(os.environ.get("NEWSROOM_STAFF_COMMENTS_PER_HOUR", "60")),
    },
    # One recommendation per comment is the rule; this bounds a script
    # walking every comment from one address.
    "recommendations": {
        "interval_seconds": 0,
        "per_hour": int(os.environ.get("NEWSROOM_RECOMMENDATIONS_PER_HOUR", "300")),
    },
    # Bounds a script reporting every comment from one address.
    "reports": {
        "interval_seconds": 0,
        "per_hour": int(os.environ.get("NEWSROOM_REPORTS_PER_HOUR", "20")),
    },
    "tips": {
        "interval_seconds": int(os.environ.get("NEWSROOM_TIP_INTERVAL_SECONDS", "30")),
        "per_hour": int(os.environ.get("NEWSROOM_TIPS_PER_HOUR", "10")),
    },
    "newsletter": {
        "interval_seconds": int(
            os.environ.get("NEWSROOM_NEWSLETTER_INTERVAL_SECONDS", "30")
        ),
        "per_hour": int(os.environ.get("NEWSROOM_NEWSLETTER_SIGNUPS_PER_HOUR", "10")),
    },
    # Counted per recipient, not per client: mails one address may be sent.
    "newsletter_recipient": {
        "interval_seconds": 0,
        "per_hour": int(os.environ.get("NEWSROOM_NEWSLETTER_MAILS_PER_RECIPIENT", "3")),
    },
    "captcha_failures": {
        "interval_seconds": 0,
        "per_hour": int(os.environ.get("NEWSROOM_CAPTCHA_FAILURES_PER_HOUR", "10")),
    },
    "captchas": {
        "interval_seconds": 0,
        "per_hour": int(os.environ.get("NEWSROOM_CAPTCHAS_PER_HOUR", "60")),
    },
    "captcha_audio": {
        "interval_seconds": 0,
        "per_hour": int(os.environ.get("NEWSROOM_CAPTCHA_AUDIO_PER_HOUR", "30")),
    },
    # The read-only API, per address: generous for a page's own scripts,
    # a bound on a scraper.
    "api": {
        "interval_seconds": 0,
        "per_hour": int(os.environ.get("NEWSROOM_API_REQUESTS_PER_HOUR", "3600")),
    },
    # Counted per staff account, from whatever addresses the guesses come,
    # for browsers the account never signed in from (staff/sign_in.py).
    "staff_login_failures": {
        "interval_seconds": 0,
        "per_hour": int(os.environ.get("NEWSROOM_LOGIN_FAILURES_PER_ACCOUNT", "20")),
    },
    # Counted per browser the account signed in from before: the owner's own
    # browser is never locked out by what others guess.
    "staff_login_device_failures": {
        "interval_seconds": 0,
        "per_hour": int(os.environ.get("NEWSROOM_LOGIN_FAILURES_PER_DEVICE", "10")),
    },
}
# People take longer than this between opening a form and posting; bots don't.
NEWSROOM_MIN_SECONDS_TO_POST = int(os.environ.get("NEWSROOM_MIN_SECONDS_TO_POST", "3"))
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
CAPTCHA_TIMEOUT = int(os.environ.get("NEWSROOM_CAPTCHA_MINUTES", "60"))
# The audio alternative needs flite; without it the package serves no audio
# and the template offers none.
CAPTCHA_FLITE_PATH = shutil.which("flite")
CAPTCHA_SOX_PATH = shutil.which("sox")
