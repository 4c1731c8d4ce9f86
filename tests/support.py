"""Helpers the tests share: one place, never copied into a test file."""

import atexit
import functools
import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from html import unescape
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
import redis
from django.urls import reverse

from articles import page_cache
from comments import moderation
from comments.moderation import word_lists
from newsroom.cache import stop_tracking

PROJECT = Path(__file__).resolve().parent.parent


def comments_url(article) -> str:
    """Where a story's comment form posts."""
    return reverse("comments:post", args=[article.slug])


def text_of(response) -> str:
    """A page's HTML as a reader reads it: entities as the characters."""
    return unescape(response.content.decode())


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_caches(port: int) -> dict:
    """Both of the site's caches (pages and limits) in one Redis, as
    production configures them; forget_redis(port) when it goes away."""
    production = {
        "BACKEND": "newsroom.cache.SharedClientRedisCache",
        "LOCATION": redis_location(port),
        "KEY_PREFIX": "newsroom",
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.5},
    }
    tracked = {"TRACKED_PREFIXES": [page_cache.VERSIONS_PREFIX, word_lists.PREFIX]}
    return {
        "default": production | {"OPTIONS": production["OPTIONS"] | tracked},
        "limits": production,
    }


def redis_location(port: int) -> str:
    return f"redis://127.0.0.1:{port}/0"


def forget_redis(port: int) -> None:
    """Stop listening to a test's own Redis for changes to the tracked keys."""
    stop_tracking(redis_location(port))


class RedisServer:
    """A Redis server of the test's own, saving its data to disk as Redis
    does by default, so that it can be stopped and restarted from a copy;
    extra arguments configure it (a small maxmemory, a policy)."""

    def __init__(self, directory, *arguments: str):
        if not shutil.which("redis-server"):
            pytest.skip("redis-server is not installed here")
        self.port = free_port()
        self.directory = directory
        self.arguments = arguments
        self.process: subprocess.Popen | None = None
        self.client = redis.Redis(port=self.port)

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                *("redis-server", "--port", str(self.port), "--bind", "127.0.0.1"),
                *("--dir", str(self.directory), "--save", "", "--appendonly", "no"),
                *self.arguments,
            ],
            stdout=subprocess.DEVNULL,
        )
        for _ in range(100):
            try:
                self.client.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("Redis did not start")

    def snapshot(self) -> None:
        self.client.save()

    def stop_without_saving(self) -> None:
        # Started with no save points, Redis saves nothing when terminated;
        # SHUTDOWN NOSAVE took four seconds to return.
        self.process.terminate()
        self.process.wait(timeout=10)

    def stop(self) -> None:
        forget_redis(self.port)
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


CHINESE = {"HTTP_ACCEPT_LANGUAGE": "zh-CN,zh;q=0.9,en;q=0.8"}
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9"}


class VisibleText(HTMLParser):
    """The text a reader sees: no scripts, styles or JSON-LD, and no code
    (cookie names are the same in every language)."""

    def __init__(self):
        super().__init__()
        self.hidden = 0
        self.texts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template", "code"):
            self.hidden += 1
        for name, value in attrs:
            if name in ("alt", "title", "aria-label", "placeholder") and value:
                self.texts.append(value)
        if tag == "meta" and ("name", "description") in attrs:
            self.texts.append(dict(attrs)["content"])

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template", "code"):
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden and data.strip():
            self.texts.append(" ".join(data.split()))


def visible_text(html: str) -> list[str]:
    parser = VisibleText()
    parser.feed(html)
    return parser.texts


# Words that are names in any language: brands, formats and the site's own
# name (a setting, like a masthead).
NAMES = {"X", "Facebook", "LinkedIn", "WhatsApp", "RSS", "Atom", "A\u2212", "A+"}


def untranslated(chinese: str, english: str, allowed: set[str]) -> list[str]:
    """Visible English on the Chinese page: text that is also on the English
    page, holds a Latin word, and is no name, story text or address."""
    english_texts = set(visible_text(english))
    found = []
    for text in visible_text(chinese):
        # A title reads "Name · Site": each piece on its own.
        pieces = [piece for piece in text.split(" · ") if piece not in allowed]
        if not pieces or re.fullmatch(r"(https?://|/|\S+@\S+$).*", text):
            continue
        if text in english_texts and re.search(r"[A-Za-z]{2,}", " ".join(pieces)):
            found.append(text)
    return found


# Tests that run the site in processes of their own start from a migrated
# database and collected static files, made once per test process:
# migrating costs seconds, copying milliseconds.


def manage(env: dict, *arguments: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *arguments], cwd=PROJECT, env=env, check=True
    )


def _scratch_directory(prefix: str) -> Path:
    directory = Path(tempfile.mkdtemp(prefix=prefix))
    atexit.register(shutil.rmtree, directory, ignore_errors=True)
    return directory


@functools.cache
def _migrated_sqlite_template() -> Path:
    template = _scratch_directory("newsroom-migrated-") / "site.sqlite3"
    manage(
        os.environ
        | {
            "DJANGO_SETTINGS_MODULE": "newsroom.settings",
            "DATABASE_URL": f"sqlite:///{template}",
        },
        "migrate",
        "-v0",
    )
    return template


def submit(article, user_name="Lena", body="Good story.", ip="192.0.2.7"):
    """A reader's comment, through the moderation core as the form posts it."""
    return moderation.submit(
        article=article,
        user_name=user_name,
        body=body,
        ip_address=ip,
        user_agent="Test",
    )


def migrated_sqlite(path: Path) -> str:
    """A migrated SQLite database at path; returns its DATABASE_URL."""
    with (
        sqlite3.connect(_migrated_sqlite_template()) as template,
        sqlite3.connect(path) as copy,
    ):
        template.backup(copy)
    return f"sqlite:///{path}"


class DatabaseSnapshot:
    """SQLite's in-memory test database as it was at one moment, put back in
    under a millisecond: Django empties every table after a test that
    commits and makes again what post_migrate makes (80 ms a test), and the
    demo takes half a second to load. The files the rows name (photos) are
    kept beside it."""

    def __init__(self, media: Path | None = None):
        from django.db import connection

        connection.ensure_connection()
        self.copy = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(self.copy)
        self.media = None
        if media is not None and media.exists():
            self.media = _scratch_directory("newsroom-media-") / "media"
            shutil.copytree(media, self.media)

    @staticmethod
    def possible() -> bool:
        """Only for SQLite in memory, outside a transaction."""
        from django.db import connection

        return (
            connection.vendor == "sqlite"
            and connection.is_in_memory_db()
            and not connection.in_atomic_block
        )

    def put_back(self, media: Path | None = None) -> None:
        from django.db import connection

        connection.ensure_connection()
        self.copy.backup(connection.connection)
        if media is not None and self.media is not None:
            shutil.copytree(self.media, media, dirs_exist_ok=True)


@functools.cache
def collected_static() -> Path:
    """The static files as production collects them (hashed, compressed);
    shared, so read only."""
    static = _scratch_directory("newsroom-static-") / "static"
    manage(
        os.environ
        | {
            "DJANGO_SETTINGS_MODULE": "newsroom.settings",
            "DJANGO_DEBUG": "false",
            "DJANGO_SECRET_KEY": "collect-static-" + "k" * 40,
            "DJANGO_STATIC_ROOT": str(static),
        },
        "collectstatic",
        "--no-input",
        "-v0",
    )
    return static


class WebhookReceiver:
    """A newsroom's tool listening for webhooks on a port of its own: it
    keeps each request's headers and body, and answers with status."""

    def __init__(self, status: int = 200):
        self.status = status
        self.received: list[tuple[dict[str, str], bytes]] = []

    def __enter__(self) -> "WebhookReceiver":
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append((dict(self.headers), body))
                self.send_response(receiver.status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        # Checked for shutdown every 50 ms, not serve_forever's 500.
        threading.Thread(
            target=self.server.serve_forever, args=(0.05,), daemon=True
        ).start()
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def payloads(self) -> list[dict]:
        return [json.loads(body) for _headers, body in self.received]
