"""Settings for the benchmark's servers: production settings, plus a ceiling view."""

import os

from newsroom.settings import *  # noqa: F403 - the site as it is, then the changes

ROOT_URLCONF = "bench.urls"

if os.environ.get("NEWSROOM_BENCH_NO_CACHE"):
    # "Cold": nothing cached at all, every request goes to the database.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
