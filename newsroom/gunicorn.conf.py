"""gunicorn settings: `gunicorn -c newsroom/gunicorn.conf.py newsroom.wsgi`.

Every value can be overridden from the environment.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Behind trusted proxies the site believes X-Forwarded-For, so only those
# proxies may reach it: a client that reached gunicorn directly could name
# any address as its own and walk past bans and limits.
if int(os.environ.get("NEWSROOM_TRUSTED_PROXIES", "0")):
    host = bind.removeprefix("[").rsplit(":", 1)[0].removesuffix("]")
    if not (
        bind.startswith("unix:")
        or host == "localhost"
        or host.startswith("127.")
        or host == "::1"
    ):
        raise SystemExit(
            f"GUNICORN_BIND={bind} with NEWSROOM_TRUSTED_PROXIES set: behind "
            "proxies, bind to loopback (127.0.0.1:PORT) or a unix: socket that "
            "only the proxy on this machine reaches. See docs/deploy.md."
        )
# Workers share the cache only through Redis. Without REDIS_URL each worker
# would keep its own cache, and one worker could serve a page another has
# retired, so a single worker (with threads) serves instead.
default_workers = (
    multiprocessing.cpu_count() * 2 + 1 if os.environ.get("REDIS_URL") else 1
)
workers = int(os.environ.get("WEB_CONCURRENCY", default_workers))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so that a slow leak cannot grow for ever;
# rarely, because a new worker imports the site again and starts with cold
# connections (bench/run.py halved its throughput recycling every 2,000).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "50000"))
max_requests_jitter = max_requests // 10
accesslog = "-"
# No client address, browser or referrer: the privacy page promises that
# addresses are kept only with what readers post, and only for a while.
access_log_format = '%(t)s "%(r)s" %(s)s %(b)s %(M)sms'
errorlog = "-"
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
