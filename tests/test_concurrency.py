"""Attacks and crowds against the real server (gunicorn with the project's
configuration), where concurrency matters and the test client cannot tell.

On SQLite (the embedded default: one worker with threads, the limits in its
local cache) and on PostgreSQL + Redis (several workers sharing Redis; in
.ci/run's PostgreSQL stage, skipped elsewhere with the reason):

- many readers posting at once lose nothing and get no error;
- one solved captcha replayed 20 times at once posts once;
- 10 posts at once from one address store one;
- 100 wrong captcha answers from one address end in 429s;
- 20 recommendations of one comment at once from one address count once;
- 20 reports of one comment at once from 20 networks hold it once.
"""

import atexit
import contextlib
import http.cookiejar
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import NamedTuple

import psycopg
import pytest
import redis

from .support import PROJECT, collected_static, free_port, manage, migrated_sqlite

# The server the PostgreSQL stage runs on; the tests make their own databases.
POSTGRES_URL = os.environ.get("DATABASE_URL", "").rsplit("/", 1)[0]
LIMITS_OFF = {
    "NEWSROOM_COMMENT_INTERVAL_SECONDS": "0",
    "NEWSROOM_COMMENTS_PER_HOUR": "0",
    "NEWSROOM_CAPTCHAS_PER_HOUR": "0",
    "NEWSROOM_CAPTCHA_FAILURES_PER_HOUR": "0",
    "NEWSROOM_COMMENT_EDITS_PER_HOUR": "0",
}

pytestmark = pytest.mark.load


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Database:
    """A fresh database of the test's own, read directly as a person reads
    the captcha picture."""

    def __init__(self, kind: str, tmp_path: Path):
        self.kind = kind
        if kind == "sqlite":
            self.path = tmp_path / "site.sqlite3"
            self.url = f"sqlite:///{self.path}"
        else:
            self.name = f"newsroom_load_{os.getpid()}_{time.monotonic_ns()}"
            self.url = f"{POSTGRES_URL}/{self.name}"
            with psycopg.connect(f"{POSTGRES_URL}/postgres", autocommit=True) as admin:
                admin.execute(f'CREATE DATABASE "{self.name}"')

    def copy(self, template: "Database") -> None:
        """Become a copy of another database of the same kind."""
        if self.kind == "sqlite":
            with (
                sqlite3.connect(template.path) as source,
                sqlite3.connect(self.path) as copy,
            ):
                source.backup(copy)
            return
        with psycopg.connect(f"{POSTGRES_URL}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE "{self.name}"')
            admin.execute(f'CREATE DATABASE "{self.name}" TEMPLATE "{template.name}"')

    def drop(self) -> None:
        if self.kind == "postgresql":
            with psycopg.connect(f"{POSTGRES_URL}/postgres", autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    def one(self, sql: str, *params):
        if self.kind == "sqlite":
            with sqlite3.connect(self.path, timeout=20) as connection:
                return connection.execute(sql, params).fetchone()[0]
        with psycopg.connect(self.url) as connection:
            return connection.execute(sql.replace("?", "%s"), params).fetchone()[0]

    def captcha_answer(self, key: str) -> str:
        return self.one(
            "select response from captcha_captchastore where hashkey = ?", key
        )

    def comments(self) -> int:
        return self.one("select count(*) from comments_comment")


@pytest.fixture(
    params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)]
)
def database(request, tmp_path):
    database = Database(request.param, tmp_path)
    yield database
    database.drop()


@pytest.fixture
def say(request, capsys):
    """Tell the person watching what a long, otherwise silent step is doing."""
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")

    def write(message: str) -> None:
        with capsys.disabled():
            reporter.write_line(f"  [{request.node.name}] {message}")

    return write


@contextlib.contextmanager
def run_site(database: Database, tmp_path: Path, say, **settings: str):
    """Migrate, add a story, start gunicorn; yields the story's URL."""
    env = prepare_site(database, tmp_path, say, **settings)
    with app_server(env, tmp_path, say) as server:
        yield server.url + "/story/busy/"


def prepare_site(database: Database, tmp_path: Path, say, **settings: str) -> dict:
    """A fresh database with one story, and the environment its app servers
    run with."""
    template, static = site_template(database.kind, say)
    database.copy(template)
    env = site_environment(database, static) | settings
    if "REDIS_URL" in env:
        # Each test's site starts with an empty cache: no limits counted and
        # no pages cached by an earlier one.
        redis.Redis.from_url(env["REDIS_URL"]).flushdb()
    return env


def site_environment(database: Database, static: Path) -> dict:
    return os.environ | {
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DATABASE_URL": database.url,
        "DJANGO_STATIC_ROOT": str(static),
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "concurrency-test-key-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_SECURE_COOKIES": "false",
        "NEWSROOM_MIN_SECONDS_TO_POST": "0",
        "GUNICORN_THREADS": "8",
    }


# Per kind of database, for this test process: a migrated database with the
# story, made once and copied for each test.
_templates: dict[str, Database] = {}


def site_template(kind: str, say) -> tuple[Database, Path]:
    if kind not in _templates:
        say(f"making a {kind} database with one story, once")
        directory = Path(tempfile.mkdtemp(prefix="newsroom-site-"))
        atexit.register(shutil.rmtree, directory, ignore_errors=True)
        template = Database(kind, directory)
        atexit.register(template.drop)
        env = site_environment(template, collected_static())
        if kind == "sqlite":
            migrated_sqlite(template.path)
        else:
            manage(env, "migrate", "-v0")
        manage(
            env,
            "shell",
            "-c",
            "from articles.models import Article, Section; "
            "s = Section.objects.create(name='World', slug='world'); "
            "Article.objects.create(headline='Busy story', slug='busy', section=s, "
            "summary='s', byline='b', source='Newsroom', body='Body.', "
            "status='published')",
        )
        _templates[kind] = template
    return _templates[kind], collected_static()


class AppServer(NamedTuple):
    url: str
    process: subprocess.Popen


@contextlib.contextmanager
def app_server(env: dict, tmp_path: Path, say, name: str = "gunicorn"):
    """gunicorn with the project's configuration on a port of its own; stops
    it gracefully afterwards."""
    port = free_port()
    log = tmp_path / f"{name}-{port}.log"
    workers = env.get("WEB_CONCURRENCY") or ("several" if "REDIS_URL" in env else "1")
    say(f"starting {name} ({workers} workers, as newsroom/gunicorn.conf.py says)")
    with open(log, "w") as output:
        server = subprocess.Popen(
            [
                *(sys.executable, "-m", "gunicorn", "newsroom.wsgi"),
                *("-c", "newsroom/gunicorn.conf.py", "--bind", f"127.0.0.1:{port}"),
            ],
            cwd=PROJECT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(base + "/story/busy/", timeout=5)
                break
            # Not up yet, refused, or (a first request on a busy machine)
            # slower than the probe waits: ask again until the deadline.
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError(log.read_text()) from None
                time.sleep(0.2)
        yield AppServer(base, server)
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert "database is locked" not in log.read_text()


class Reader:
    """A browser: it keeps cookies and does not follow redirects."""

    def __init__(self, url: str):
        self.url = url
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
            NoRedirects,
        )

    def open_form(self) -> dict[str, str]:
        """What the story page's script fetches when the reader starts to write."""
        self.opener.open(self.url, timeout=30).read()
        security = self.url.split("/story/")[0] + "/comments/form-security/"
        page = self.opener.open(security, timeout=30).read().decode()
        return dict(
            re.findall(r'name="(csrfmiddlewaretoken|captcha_0)" value="([^"]*)"', page)
        )

    def post(self, fields: dict[str, str]) -> int:
        return self.send(self.url + "comments/", fields)

    def token(self, address: str) -> str:
        """Open a page with a form, as the reader does before sending it."""
        page = self.opener.open(address, timeout=30).read().decode()
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]

    def send(self, address: str, fields: dict[str, str], **headers: str) -> int:
        request = urllib.request.Request(
            address, data=urllib.parse.urlencode(fields).encode(), headers=headers
        )
        try:
            return self.opener.open(request, timeout=30).status
        except urllib.error.HTTPError as error:
            return error.code


def post_comment(database: Database, url: str, user_name: str, body: str) -> int:
    """Post a comment through the form; returns its id."""
    poster = Reader(url)
    fields = poster.open_form()
    poster.post(
        fields
        | {
            "captcha_1": database.captcha_answer(fields["captcha_0"]),
            "user_name": user_name,
            "body": body,
        }
    )
    return database.one("select max(id) from comments_comment")


def at_once(count: int, work) -> list:
    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(work, range(count)))


def test_many_readers_posting_at_once_lose_nothing(database, tmp_path, say):
    readers, comments_each = 20, 5

    def post_ten(number: int) -> list[int]:
        reader, statuses = Reader(url), []
        for comment in range(comments_each):
            fields = reader.open_form()
            statuses.append(
                reader.post(
                    fields
                    | {
                        "captcha_1": database.captcha_answer(fields["captcha_0"]),
                        "user_name": f"Reader {number}",
                        "body": f"Comment {comment} from reader {number}",
                    }
                )
            )
        return statuses

    with run_site(database, tmp_path, say, WEB_CONCURRENCY="4", **LIMITS_OFF) as url:
        say(f"{readers} readers posting {comments_each} comments each, at once")
        statuses = [status for each in at_once(readers, post_ten) for status in each]

    assert statuses == [302] * readers * comments_each
    assert database.comments() == readers * comments_each


def test_one_solved_captcha_replayed_at_once_posts_once(database, tmp_path, say):
    with run_site(database, tmp_path, say, **LIMITS_OFF) as url:
        reader = Reader(url)
        fields = reader.open_form()
        fields |= {
            "captcha_1": database.captcha_answer(fields["captcha_0"]),
            "user_name": "Replayer",
            "body": "The same post, twenty times at once.",
        }
        say("one solved captcha sent 20 times at once")
        statuses = at_once(20, lambda _: reader.post(fields))

    assert sorted(statuses) == [302] + [400] * 19
    assert database.comments() == 1


def test_ten_posts_at_once_from_one_address_store_one(database, tmp_path, say):
    limits = LIMITS_OFF | {"NEWSROOM_COMMENT_INTERVAL_SECONDS": "30"}
    with run_site(database, tmp_path, say, **limits) as url:
        readers = [Reader(url) for _ in range(10)]
        posts = []
        for number, reader in enumerate(readers):
            fields = reader.open_form()
            posts.append(
                fields
                | {
                    "captcha_1": database.captcha_answer(fields["captcha_0"]),
                    "user_name": f"Flooder {number}",
                    "body": f"Post {number}, all sent at the same moment.",
                }
            )
        say("10 posts from one address at once, 30 seconds apart allowed")
        statuses = at_once(10, lambda number: readers[number].post(posts[number]))

    assert sorted(statuses) == [302] + [429] * 9
    assert database.comments() == 1


def test_a_hundred_wrong_answers_from_one_address_end_in_429s(database, tmp_path, say):
    limits = LIMITS_OFF | {"NEWSROOM_CAPTCHA_FAILURES_PER_HOUR": "10"}
    with run_site(database, tmp_path, say, **limits) as url:

        def guess(number: int) -> int:
            reader = Reader(url)
            return reader.post(
                reader.open_form()
                | {
                    "captcha_1": "not words",
                    "user_name": "Guesser",
                    "body": f"Guess {number}",
                }
            )

        say("100 blind guesses at the captcha, 10 at a time")
        with ThreadPoolExecutor(10) as pool:
            statuses = list(pool.map(guess, range(100)))

    assert statuses.count(429) >= 90
    assert set(statuses) <= {400, 429}
    assert database.comments() == 0


def test_twenty_recommendations_at_once_from_one_address_count_once(
    database, tmp_path, say
):
    with run_site(database, tmp_path, say, **LIMITS_OFF) as url:
        pk = post_comment(
            database, url, "Worth reading", "A comment others will want to recommend."
        )
        recommend = url.split("/story/")[0] + f"/comments/{pk}/recommend/"
        readers = [Reader(url) for _ in range(20)]
        tokens = [reader.token(recommend) for reader in readers]

        def click(number: int) -> int:
            return readers[number].send(
                recommend,
                {"csrfmiddlewaretoken": tokens[number]},
                Accept="application/json",
            )

        say("20 browsers on one address recommend one comment at once")
        statuses = at_once(20, click)

    assert statuses == [200] * 20
    assert database.one("select count(*) from comments_recommendation") == 1
    assert (
        database.one("select recommend_count from comments_comment where id = ?", pk)
        == 1
    )


def test_twenty_reports_at_once_from_twenty_networks_hold_once(database, tmp_path, say):
    # One proxy in front, as production has: each reader's address comes in
    # X-Forwarded-For, so that the readers can be in different networks.
    with run_site(
        database, tmp_path, say, NEWSROOM_TRUSTED_PROXIES="1", **LIMITS_OFF
    ) as url:
        pk = post_comment(
            database, url, "Disliked", "A view some readers would rather not see."
        )
        report = url.split("/story/")[0] + f"/comments/{pk}/report/"
        readers = [Reader(url) for _ in range(20)]
        tokens = [reader.token(report) for reader in readers]

        def send(number: int) -> int:
            return readers[number].send(
                report,
                {"csrfmiddlewaretoken": tokens[number], "reason": "abusive"},
                **{"X-Forwarded-For": f"100.{64 + number}.0.1"},
            )

        say("20 readers in 20 networks report one comment at once")
        statuses = at_once(20, send)

    assert statuses == [302] * 20
    assert database.one("select count(*) from comments_report") == 20
    assert (
        database.one("select status from comments_comment where id = ?", pk) == "held"
    )
    held = "select count(*) from comments_moderationevent where action = 'held'"
    assert database.one(held) == 1
    assert database.one("select comment_count from articles_article") == 0


def test_an_import_in_another_process_reaches_the_running_site_within_a_second(
    database, tmp_path, say
):
    # Without REDIS_URL this is the embedded default: each process keeps its
    # own cache, and the command's change must still reach the server's.
    env = prepare_site(database, tmp_path, say)
    export = tmp_path / "one-comment.jsonl"
    export.write_text(
        '{"format": "newsroom-comments", "site": "old"}\n'
        '{"id": "1", "story": {"slug": "busy"}, "thread": null, "reply_to": null, '
        '"user_name": "Archived reader", "text": "From the old system.", '
        '"posted_at": "2026-11-01T10:00:00+00:00", "status": "published"}\n'
    )
    with app_server(env, tmp_path, say) as server:
        story = server.url + "/story/busy/"
        for _ in range(2):  # rendered, then cached
            page = urllib.request.urlopen(story, timeout=30).read().decode()
            assert "From the old system." not in page
        say("importing a comment with manage.py, beside the running server")
        manage(env, "import_comments", "newsroom", str(export), "--no-progress")
        imported_at = time.monotonic()
        while "From the old system." not in (
            urllib.request.urlopen(story, timeout=30).read().decode()
        ):
            assert time.monotonic() - imported_at < 1.5, "still the old page"
            time.sleep(0.05)


def test_ten_edits_at_once_from_the_posters_browser_each_see_the_last(
    database, tmp_path, say
):
    with run_site(database, tmp_path, say, **LIMITS_OFF) as url:
        poster = Reader(url)
        fields = poster.open_form()
        poster.post(
            fields
            | {
                "captcha_1": database.captcha_answer(fields["captcha_0"]),
                "user_name": "Hasty",
                "body": "First thoughts.",
            }
        )
        pk = database.one("select max(id) from comments_comment")
        edit = url.split("/story/")[0] + f"/comments/{pk}/edit/"
        tokens = [poster.token(edit) for _ in range(10)]

        def change(number: int) -> int:
            return poster.send(
                edit, {"csrfmiddlewaretoken": tokens[number], "body": f"Take {number}"}
            )

        say("the poster's browser sends ten edits of one comment at once")
        statuses = at_once(10, change)

    assert statuses == [302] * 10
    final = database.one("select body from comments_comment where id = ?", pk)
    before = [
        database.one(
            "select previous_body from comments_moderationevent "
            "where comment_id = ? and action = 'edited' order by id limit 1 offset ?",
            pk,
            step,
        )
        for step in range(10)
    ]
    # One after the other: each edit saw the text the one before it left.
    assert sorted([*before, final]) == sorted(
        ["First thoughts.", *(f"Take {number}" for number in range(10))]
    )


def test_edits_racing_a_moderators_removal_stop_at_the_decision(
    database, tmp_path, say
):
    env = prepare_site(database, tmp_path, say, **LIMITS_OFF)
    with app_server(env, tmp_path, say) as server:
        url = server.url + "/story/busy/"
        poster = Reader(url)
        fields = poster.open_form()
        poster.post(
            fields
            | {
                "captcha_1": database.captcha_answer(fields["captcha_0"]),
                "user_name": "Hasty",
                "body": "Take 0-0",
            }
        )
        pk = database.one("select max(id) from comments_comment")
        edit = server.url + f"/comments/{pk}/edit/"
        token = poster.token(edit)
        decided = threading.Event()

        def keep_editing(number: int) -> list[int]:
            statuses = []
            for take in range(1, 30):
                statuses.append(
                    poster.send(
                        edit,
                        {"csrfmiddlewaretoken": token, "body": f"Take {number}-{take}"},
                    )
                )
                if decided.is_set() and statuses[-1] == 403:
                    break
            return statuses

        say("the poster keeps editing while a moderator removes the comment")
        with ThreadPoolExecutor(5) as pool:
            edits = [pool.submit(keep_editing, number) for number in range(5)]
            manage(
                env,
                "shell",
                "-c",
                "from django.contrib.auth.models import User; "
                "from comments import moderation; from comments.models import Comment; "
                "by = User.objects.create_user('racer', is_staff=True); "
                f"moderation.remove([Comment.objects.get(pk={pk})], by=by, "
                "reason='spam')",
            )
            decided.set()
            statuses = [status for each in edits for status in each.result()]

    assert set(statuses) <= {302, 403} and 302 in statuses and 403 in statuses
    assert database.one("select status from comments_comment where id = ?", pk) == (
        "removed"
    )
    removed_at = database.one(
        "select id from comments_moderationevent where comment_id = ? "
        "and action = 'removed'",
        pk,
    )
    # No edit got in after the decision, and each one before it counted.
    assert (
        database.one(
            "select count(*) from comments_moderationevent where comment_id = ? "
            "and action = 'edited' and id > ?",
            pk,
            removed_at,
        )
        == 0
    )
    assert database.one(
        "select count(*) from comments_moderationevent where comment_id = ? "
        "and action = 'edited'",
        pk,
    ) == statuses.count(302)
