"""Where things are kept: the database, the two caches, static files,
uploads and private files (backups, imports)."""

import dj_database_url

from . import environment as env
from .core import BASE_DIR, DEBUG

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env.whole("DJANGO_CONN_MAX_AGE", 60),
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
REDIS_URL = env.text("REDIS_URL")
REDIS_LIMITS_URL = env.text("REDIS_LIMITS_URL") or REDIS_URL
# A cache that hangs must not hang the site: fail fast, and the site carries
# on without it.
REDIS_OPTIONS = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "newsroom.cache.SharedClientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "newsroom",
            # The article page's versions (articles.page_cache.VERSIONS_PREFIX),
            # read on every page, and the word lists' (comments.moderation.
            # word_lists), read on every post: each process keeps copies
            # Redis keeps exact.
            "OPTIONS": REDIS_OPTIONS
            | {"TRACKED_PREFIXES": ["page-versions:", "word-lists:"]},
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

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles")
# Production serves collected, hashed and compressed files through
# WhiteNoise with long cache headers (run `manage.py collectstatic`).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Uploaded comment exports and backups: every poster's address is in
    # them, so the web server never serves this folder.
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": env.path("NEWSROOM_PRIVATE_ROOT", BASE_DIR / "private")
        },
    },
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "newsroom.static_storage.StaticFilesStorage"
    },
}

MEDIA_URL = "media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", BASE_DIR / "media")
# Uploaded photos belong on object storage or the web server in production;
# Django serves them itself only in development and `make serve`.
NEWSROOM_SERVE_MEDIA = env.flag("NEWSROOM_SERVE_MEDIA", DEBUG)
