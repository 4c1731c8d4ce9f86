"""Settings for the benchmark's servers: production settings, plus the same
article page served by django-contrib-comments."""

import os

from newsroom.settings import *  # noqa: F403 - the site as it is, then the changes

ROOT_URLCONF = "bench.urls"
INSTALLED_APPS = [
    *INSTALLED_APPS,  # noqa: F405
    "django.contrib.sites",
    "django_comments",
    "bench",
]
SITE_ID = 1

if os.environ.get("NEWSROOM_BENCH_NO_CACHE"):
    # "Cold": nothing cached at all, every request goes to the database.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}

if os.environ.get("NEWSROOM_BENCH_AFTER_COMMENT"):
    MIDDLEWARE = ["bench.middleware.CommentJustPostedMiddleware", *MIDDLEWARE]  # noqa: F405
