"""The nginx edge we ship (deploy/nginx) in front of the real server: it
keeps story pages for a second, and never what belongs to one reader."""

import contextlib
import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .support import free_port
from .test_concurrency import (
    LIMITS_OFF,
    PROJECT,
    Database,
    Reader,
    app_server,
    at_once,
    manage,
    post_comment,
    prepare_site,
    say,  # noqa: F401 - a fixture
)

pytestmark = pytest.mark.edge
RENDER = PROJECT / "deploy" / "nginx" / "render.sh"
# Debian puts it in /usr/sbin, which is on root's PATH only.
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def render(directory: Path, **values: str) -> Path:
    subprocess.run(
        [RENDER],
        env=os.environ | {"NEWSROOM_EDGE_DIR": str(directory), **values},
        check=True,
    )
    return directory / "nginx.conf"


def nginx(config: Path, *args: str) -> list[str]:
    return [NGINX, "-e", str(config.parent / "error.log"), "-c", str(config), *args]


def test_the_edge_configuration_passes_nginx_t(tmp_path):
    config = render(tmp_path / "edge")

    checked = subprocess.run(nginx(config, "-t"), capture_output=True, text=True)

    assert checked.returncode == 0, checked.stderr
    assert "test is successful" in checked.stderr


class Site:
    def __init__(self, database: Database, app: str, edge: str, tmp_path: Path):
        self.database, self.app, self.edge = database, app, edge
        self.story = edge + "/story/busy/"
        self.tmp_path = tmp_path

    def get(self, url: str, **headers: str):
        with urllib.request.urlopen(
            urllib.request.Request(url, headers=headers), timeout=30
        ) as response:
            return (
                response.status,
                response.headers,
                response.read().decode(errors="replace"),
            )

    def from_the_edge(self, url: str, **headers: str):
        """The edge's own copy: asked again when the copy of the moment
        ended between two requests (copies live for the second they were
        made in, and a busy machine may cross into the next, again and again
        for a while when it is busy enough)."""
        seen = []
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            status, answered, body = self.get(url, **headers)
            if answered["X-Cache-Status"] == "HIT":
                return status, answered, body
            seen.append(answered["X-Cache-Status"])
        raise AssertionError(f"{url} never came from the edge's copy: {seen}")

    def manage_shell(self, code: str) -> None:
        subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", code],
            cwd=PROJECT,
            env=os.environ
            | {
                "DJANGO_SETTINGS_MODULE": "newsroom.settings",
                "DATABASE_URL": self.database.url,
                "DJANGO_SECRET_KEY": "concurrency-test-key-" + "x" * 40,
            },
            check=True,
        )


@contextlib.contextmanager
def edge_in_front_of(upstreams: list[str], env: dict, tmp_path: Path, say):  # noqa: F811
    port = free_port()
    config = render(
        tmp_path / "edge",
        NEWSROOM_EDGE_LISTEN=f"127.0.0.1:{port}",
        NEWSROOM_EDGE_UPSTREAM=" ".join(up.removeprefix("http://") for up in upstreams),
        DJANGO_STATIC_ROOT=env["DJANGO_STATIC_ROOT"],
        DJANGO_MEDIA_ROOT=str(tmp_path / "media"),
    )
    say(f"starting nginx in front of {len(upstreams)} app server(s) (deploy/nginx)")
    edge = subprocess.Popen(nginx(config, "-g", "daemon off;"))
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 10
        while True:
            with contextlib.suppress(OSError):
                urllib.request.urlopen(base + "/healthz", timeout=2)
                break
            assert time.monotonic() < deadline, "nginx did not start"
            time.sleep(0.1)
        yield base
    finally:
        edge.terminate()
        edge.wait(timeout=10)


@pytest.fixture
def site(tmp_path, say):  # noqa: F811 - the fixture imported above
    database = Database("sqlite", tmp_path)
    env = prepare_site(database, tmp_path, say, NEWSROOM_TRUSTED_PROXIES="1")
    with (
        app_server(env, tmp_path, say) as app,
        edge_in_front_of([app.url], env, tmp_path, say) as edge,
    ):
        yield Site(database, app.url, edge, tmp_path)


def test_story_pages_come_from_the_edge_with_the_apps_headers(site):
    _, from_app, _ = site.get(site.app + "/story/busy/")
    _, first, rendered = site.get(site.story)
    _, cached, page = site.from_the_edge(site.story)

    assert first["X-Cache-Status"] in {"MISS", "EXPIRED"}
    assert page == rendered
    for header in [
        "Content-Security-Policy",
        "X-Frame-Options",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Cross-Origin-Opener-Policy",
        "Permissions-Policy",
        "Cache-Control",
    ]:
        assert cached[header] == from_app[header], header
    assert "s-maxage=1" in cached["Cache-Control"]
    assert "X-Accel-Expires" not in cached


def test_the_edge_never_keeps_a_readers_cookie_or_form_token(site):
    reader = Reader(site.story)
    fields = reader.open_form()  # the page, then the form's security fragment
    security = site.edge + "/comments/form-security/"
    _, _, fragment = site.get(security)
    _, fragment_headers, second = site.get(security)

    assert fields["csrfmiddlewaretoken"]
    assert fragment_headers.get("X-Cache-Status") is None  # not even looked up
    assert "csrftoken=" in fragment_headers["Set-Cookie"]
    assert fragment != second  # each reader their own token and captcha
    for _ in range(3):
        status, headers, page = site.get(site.story)
        assert status == 200
        assert headers.get("Set-Cookie") is None
        assert "csrfmiddlewaretoken" not in page
        assert fields["captcha_0"] not in page
    image = site.edge + f"/captcha/image/{fields['captcha_0']}/"
    assert site.get(image)[1].get("X-Cache-Status") is None


def test_a_readers_own_message_is_not_the_shared_copy(site, tmp_path):
    site.from_the_edge(site.story)

    reader = Reader(site.story)
    fields = reader.open_form()
    status = reader.post(
        fields
        | {
            "captcha_1": site.database.captcha_answer(fields["captcha_0"]),
            "user_name": "Lena",
            "body": "Sea walls need upkeep as much as height.",
        }
    )
    assert status == 302
    mine = reader.opener.open(site.story, timeout=30)

    assert mine.headers["X-Cache-Status"] == "BYPASS"
    assert "Thank you! Your comment is published." in mine.read().decode()


def test_a_comment_removed_in_the_admin_leaves_the_edge_within_a_second(site):
    body = "A comment the moderators will remove"
    pk = post_comment(site.database, site.story, "Troll", body)
    site.manage_shell(
        "from django.contrib.auth.models import User; "
        "User.objects.create_superuser('editor', 'editor@example.com', 'edge-test-pw')"
    )
    deadline = time.monotonic() + 3
    while body not in site.get(site.story)[2]:
        assert time.monotonic() < deadline, "the comment never reached the edge"
        time.sleep(0.05)
    site.from_the_edge(site.story)

    moderator = Reader(site.edge + "/admin/")
    login = site.edge + "/admin/login/"
    moderator.send(
        login,
        {
            "csrfmiddlewaretoken": moderator.token(login),
            "username": "editor",
            "password": "edge-test-pw",
            "next": "/admin/",
        },
    )
    changelist = site.edge + "/admin/comments/comment/?queue=all"
    status = moderator.send(
        changelist,
        {
            "csrfmiddlewaretoken": moderator.token(changelist),
            "action": "remove_spam",
            "_selected_action": str(pk),
            "index": "0",
        },
    )
    removed_at = time.monotonic()
    assert status == 302
    assert site.database.one(
        "select status from comments_comment where id = ?", pk
    ) == ("removed")

    # Readers keep coming; each gets the edge's copy or a fresh one. No
    # reader who asks a second after the removal may get it.
    last_shown = 0.0
    while True:
        asked = time.monotonic() - removed_at
        if body not in site.get(site.story)[2]:
            break
        last_shown = asked
        assert asked < 3, "the removed comment stayed on the edge"
        time.sleep(0.02)
    # (A few milliseconds for nginx's clock, which it reads once per event.)
    assert last_shown <= 1.02, f"still on the edge {last_shown:.2f} s after removal"


def test_each_language_has_its_own_copy_at_the_edge(site):
    chinese_browser = {"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8"}
    english_browser = {"Accept-Language": "en-GB,en;q=0.9"}
    chose_chinese = {"Cookie": "django_language=zh-hans", **english_browser}
    chose_english = {"Cookie": "django_language=en", **chinese_browser}
    expected = [
        (english_browser, "en"),
        (chinese_browser, "zh-hans"),
        (chose_chinese, "zh-hans"),
        (chose_english, "en"),
        ({}, "en"),
    ]

    for headers, language in expected + expected:
        _, _, page = site.get(site.story, **headers)
        assert f'<html lang="{language}">' in page, headers
    # Each is kept, and each reader gets their own language's copy.
    for headers, language in expected:
        _, _, page = site.from_the_edge(site.story, **headers)
        assert f'<html lang="{language}">' in page, headers


def test_a_doubled_language_cookie_never_poisons_the_english_copy(site):
    poisoned = {"Cookie": "django_language=; django_language=zh-hans"}
    english_pages = []
    for _ in range(6):
        # Django reads the last cookie and makes a Chinese page, which the
        # edge is told not to keep.
        site.get(site.story, **poisoned)
        _, _, page = site.get(site.story)
        english_pages.append(page)
        time.sleep(0.2)

    assert all('<html lang="en">' in page for page in english_pages)
    _, _, page = site.from_the_edge(site.story)
    assert '<html lang="en">' in page


def test_the_scripts_translations_follow_their_address_not_the_cookie(site):
    for _ in range(3):
        site.get(site.edge + "/jsi18n/?v=en", Cookie="django_language=zh-hans")

    _, _, english = site.get(site.edge + "/jsi18n/?v=en")
    _, _, chinese = site.get(site.edge + "/jsi18n/?v=zh-hans")

    _, _, as_the_app_makes_it = site.get(site.app + "/jsi18n/?v=en")
    assert english == as_the_app_makes_it
    assert english != chinese


def test_odd_accept_language_headers_add_no_copies_at_the_edge(site):
    def copies() -> int:
        return sum(
            1
            for path in (site.tmp_path / "edge" / "cache").rglob("*")
            if path.is_file()
        )

    site.get(site.story)
    before = copies()
    for number in range(60):
        site.get(
            site.story, **{"Accept-Language": f"x-made-up-{number},en;q=0.{number % 9}"}
        )

    assert copies() <= before + 1


def test_the_edge_error_log_names_no_reader(site):
    site_error = None
    try:
        site.get(
            site.edge + "/static/no-such-file.css",
            **{"X-Forwarded-For": "198.51.100.23"},
        )
    except urllib.error.HTTPError as error:
        site_error = error.code

    assert site_error == 404
    log = site.tmp_path / "edge" / "error.log"
    written = log.read_text() if log.exists() else ""
    assert "client:" not in written and "127.0.0.1" not in written


def signed_in_moderator(base: str) -> Reader:
    moderator = Reader(base + "/admin/")
    login = base + "/admin/login/"
    moderator.send(
        login,
        {
            "csrfmiddlewaretoken": moderator.token(login),
            "username": "chief",
            "password": "two-servers-pw",
            "next": "/admin/",
        },
    )
    return moderator


@pytest.mark.postgresql
def test_two_app_servers_behind_the_edge_share_one_truth(tmp_path, say):  # noqa: F811
    if not os.environ.get("REDIS_URL"):
        pytest.skip("needs REDIS_URL: runs in .ci/run's PostgreSQL stage")
    database = Database("postgresql", tmp_path)
    try:
        env = prepare_site(
            database,
            tmp_path,
            say,
            # A load balancer before the edge: readers' addresses arrive in
            # X-Forwarded-For, so that they can come from many networks.
            NEWSROOM_TRUSTED_PROXIES="2",
            WEB_CONCURRENCY="2",
            **LIMITS_OFF | {"NEWSROOM_COMMENT_INTERVAL_SECONDS": "30"},
        )
        manage(
            env,
            "shell",
            "-c",
            "from django.contrib.auth.models import User; "
            "User.objects.create_superuser('chief', 'c@example.com', 'two-servers-pw')",
        )
        with (
            app_server(env, tmp_path, say, "first") as first,
            app_server(env, tmp_path, say, "second") as second,
            edge_in_front_of([first.url, second.url], env, tmp_path, say) as edge,
        ):
            one_truth_across(database, first.url, second.url)
            say("stopping the first server while readers keep coming")
            no_request_lost_when_one_stops(database, edge, first.process)
    finally:
        database.drop()


def one_truth_across(database: Database, first: str, second: str) -> None:
    # A removal through one server is gone through the other within a second.
    body = "Seen through both servers"
    pk = post_comment(database, second + "/story/busy/", "Reader", body)
    assert body in urllib.request.urlopen(second + "/story/busy/").read().decode()
    moderator = signed_in_moderator(first)
    workspace = first + "/admin/comments/comment/workspace/"
    status = moderator.send(
        first + "/admin/comments/comment/workspace/decide/",
        {
            "csrfmiddlewaretoken": moderator.token(workspace),
            "comment": str(pk),
            "decision": "remove:abusive",
        },
    )
    removed_at = time.monotonic()
    assert status in (200, 302)
    while body in urllib.request.urlopen(second + "/story/busy/").read().decode():
        assert time.monotonic() - removed_at < 1.0, "still shown by the other server"
        time.sleep(0.02)

    # One address's flood limit holds across both.
    reader_a, reader_b = Reader(first + "/story/busy/"), Reader(second + "/story/busy/")
    same_address = {"X-Forwarded-For": "198.51.100.7, 10.0.0.1"}
    posted = []
    for reader in (reader_a, reader_b):
        fields = reader.open_form()
        posted.append(
            reader.send(
                reader.url + "comments/",
                fields
                | {
                    "captcha_1": database.captcha_answer(fields["captcha_0"]),
                    "user_name": "Hasty",
                    "body": f"Posting through {reader.url}",
                },
                **same_address,
            )
        )
    assert posted == [302, 429]

    # One solved captcha is used once, whichever server it is sent to.
    fields = reader_a.open_form()
    fields |= {
        "captcha_1": database.captcha_answer(fields["captcha_0"]),
        "user_name": "Replayer",
        "body": "Sent to both servers at once.",
    }
    for reader in (reader_a, reader_b):  # the form's token is for this browser
        reader.opener = reader_a.opener

    def replay(number: int) -> int:
        reader = (reader_a, reader_b)[number % 2]
        return reader.send(
            reader.url + "comments/",
            fields,
            **{"X-Forwarded-For": f"203.0.113.{number + 1}, 10.0.0.1"},
        )

    assert sorted(at_once(10, replay)) == [302] + [400] * 9


def no_request_lost_when_one_stops(database, edge: str, first) -> None:
    stop_at, run_for = 1.0, 4.0
    started = time.monotonic()

    def reader(number: int) -> list[int]:
        statuses = []
        while time.monotonic() - started < run_for:
            visitor = Reader(edge + "/story/busy/")
            fields = visitor.open_form()
            statuses.append(
                visitor.send(
                    visitor.url + "comments/",
                    fields
                    | {
                        "captcha_1": database.captcha_answer(fields["captcha_0"]),
                        "user_name": f"Reader {number}",
                        "body": f"Posted while a server stopped, {len(statuses)}",
                    },
                    **{"X-Forwarded-For": f"100.64.{number}.{len(statuses) + 1}"},
                )
            )
        return statuses

    def stop_first_server(_) -> list[int]:
        time.sleep(stop_at)
        first.terminate()  # gracefully: gunicorn finishes what it started
        return []

    results = at_once(9, lambda n: stop_first_server(n) if n == 8 else reader(n))
    statuses = [status for each in results for status in each]
    assert statuses and set(statuses) == {302}, sorted(set(statuses))
