"""The site's settings, for the test run: background tasks run where they
are enqueued. The worker has a test of its own (test_comments_alerts.py),
which runs `manage.py db_worker` with the site's own settings."""

from newsroom.settings import *  # noqa: F403 - the site as it is, then the change

TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}

# The test client's requests all run in this process, which the local
# cache serves whole, as Redis serves many.
NEWSROOM_CACHE_IS_SHARED = True
