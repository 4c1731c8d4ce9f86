"""Many readers posting at once to the real server (gunicorn, 4 workers).

Every comment is stored, none gets a 500 or "database is locked", on
SQLite (the embedded default) and on PostgreSQL (in .ci/run's PostgreSQL
stage; skipped elsewhere, with the reason).
"""

import contextlib
import http.cookiejar
import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg
import pytest

PROJECT = Path(__file__).resolve().parent.parent
CLIENTS = 20
COMMENTS_PER_CLIENT = 10
# The server the PostgreSQL stage runs on; the test makes its own database.
POSTGRES_URL = os.environ.get("DATABASE_URL", "").rsplit("/", 1)[0]

pytestmark = pytest.mark.load


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_environment(database_url: str, static_root: Path) -> dict[str, str]:
    return os.environ | {
        "DATABASE_URL": database_url,
        "DJANGO_STATIC_ROOT": str(static_root),
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "concurrency-test-key-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_SECURE_COOKIES": "false",
        "NEWSROOM_COMMENT_INTERVAL_SECONDS": "0",
        "NEWSROOM_COMMENTS_PER_HOUR": "0",
        "NEWSROOM_MIN_SECONDS_TO_POST": "0",
    }


@pytest.fixture
def say(request, capsys):
    """Tell the person watching what a long, otherwise silent step is doing."""
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")

    def write(message: str) -> None:
        with capsys.disabled():
            reporter.write_line(f"  [{request.node.name}] {message}")

    return write


@contextlib.contextmanager
def run_site(database_url: str, log: Path, say):
    """Migrate, add a story, start gunicorn; yields the story's URL."""
    say("migrating a fresh database and collecting static files")
    env = server_environment(database_url, log.parent / "static")
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "-v0"], cwd=PROJECT, env=env, check=True)
    subprocess.run(
        [*manage, "collectstatic", "--no-input", "-v0"],
        cwd=PROJECT,
        env=env,
        check=True,
    )
    subprocess.run(
        [
            *manage,
            "shell",
            "-c",
            "from articles.models import Article, Section; "
            "s = Section.objects.create(name='World', slug='world'); "
            "Article.objects.create(headline='Busy story', slug='busy', section=s, "
            "summary='s', byline='b', source='Newsroom', body='Body.', "
            "status='published')",
        ],
        cwd=PROJECT,
        env=env,
        check=True,
    )
    port = free_port()
    say("starting gunicorn with 4 workers")
    with open(log, "w") as output:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "newsroom.wsgi",
                "--workers",
                "4",
                "--bind",
                f"127.0.0.1:{port}",
                "--error-logfile",
                "-",
            ],
            cwd=PROJECT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        url = f"http://127.0.0.1:{port}/story/busy/"
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(url, timeout=5)
                break
            except (urllib.error.URLError, ConnectionError):
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError(log.read_text()) from None
                time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


def post_comments(url: str, client: int, captcha_answer) -> list[int]:
    """One reader: open the story, read the captcha, post; ten times."""
    cookies = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(cookies), NoRedirects
    )
    statuses = []
    for number in range(COMMENTS_PER_CLIENT):
        opener.open(url, timeout=30).read()  # the story, as the reader opens it
        # What the page's script fetches when the reader starts to write.
        security = url.split("/story/")[0] + "/comments/form-security/"
        page = opener.open(security, timeout=30).read().decode()
        fields = dict(
            re.findall(
                r'name="(csrfmiddlewaretoken|captcha_0|rendered_at)" value="([^"]*)"',
                page,
            )
        )
        data = {
            **fields,
            "captcha_1": captcha_answer(fields["captcha_0"]),
            "user_name": f"Reader {client}",
            "body": f"Comment {number} from reader {client}",
        }
        request = urllib.request.Request(
            url + "comments/", data=urllib.parse.urlencode(data).encode()
        )
        try:
            statuses.append(opener.open(request, timeout=30).status)
        except urllib.error.HTTPError as error:
            statuses.append(error.code)
    return statuses


def hammer(url: str, captcha_answer, say) -> list[int]:
    say(f"{CLIENTS} readers posting {COMMENTS_PER_CLIENT} comments each, at once")
    with ThreadPoolExecutor(CLIENTS) as pool:
        results = pool.map(
            lambda client: post_comments(url, client, captcha_answer), range(CLIENTS)
        )
        return [status for statuses in results for status in statuses]


def test_concurrent_posting_on_sqlite(tmp_path, say):
    database = tmp_path / "site.sqlite3"
    log = tmp_path / "gunicorn.log"

    def captcha_answer(key: str) -> str:
        with sqlite3.connect(database, timeout=20) as connection:
            return connection.execute(
                "select response from captcha_captchastore where hashkey = ?", (key,)
            ).fetchone()[0]

    with run_site(f"sqlite:///{database}", log, say) as url:
        statuses = hammer(url, captcha_answer, say)

    with sqlite3.connect(database) as connection:
        stored = connection.execute("select count(*) from comments_comment").fetchone()[
            0
        ]
    assert statuses == [302] * CLIENTS * COMMENTS_PER_CLIENT
    assert stored == CLIENTS * COMMENTS_PER_CLIENT
    assert "database is locked" not in log.read_text()


@pytest.mark.postgresql
def test_concurrent_posting_on_postgresql(tmp_path, say):
    name = f"newsroom_concurrency_{os.getpid()}"
    admin_url = f"{POSTGRES_URL}/postgres"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    database_url = f"{POSTGRES_URL}/{name}"
    log = tmp_path / "gunicorn.log"

    def captcha_answer(key: str) -> str:
        with psycopg.connect(database_url) as connection:
            return connection.execute(
                "select response from captcha_captchastore where hashkey = %s", (key,)
            ).fetchone()[0]

    try:
        with run_site(database_url, log, say) as url:
            statuses = hammer(url, captcha_answer, say)
        with psycopg.connect(database_url) as connection:
            stored = connection.execute(
                "select count(*) from comments_comment"
            ).fetchone()[0]
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    assert statuses == [302] * CLIENTS * COMMENTS_PER_CLIENT
    assert stored == CLIENTS * COMMENTS_PER_CLIENT
