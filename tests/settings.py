"""The site's settings, for the test run: background tasks run where they
are enqueued. The worker has a test of its own (test_comments_alerts.py),
which runs `manage.py db_worker` with the site's own settings."""

import os

# `make test` runs the suite in several processes (pytest-xdist), and a test
# empties the cache it uses: each process gets a Redis database of its own,
# counting down from the one REDIS_URL names, and so do the servers its
# tests start (they inherit the environment).
if (worker := os.environ.get("PYTEST_XDIST_WORKER")) and os.environ.get("REDIS_URL"):
    number = int(worker.removeprefix("gw"))
    for variable in ("REDIS_URL", "REDIS_LIMITS_URL"):
        if url := os.environ.get(variable):
            base, _slash, database = url.rpartition("/")
            if not database.isdigit():  # no database named: Redis's 0
                base, database = url.rstrip("/"), "0"
            os.environ[variable] = f"{base}/{abs(int(database) - number)}"

from newsroom.settings import *  # noqa: F403 - the site as it is, then the change

TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}

# The test client's requests all run in this process, which the local
# cache serves whole, as Redis serves many.
NEWSROOM_CACHE_IS_SHARED = True
