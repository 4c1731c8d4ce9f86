"""The servers bench/run.py measures, started on loopback and stopped after:
gunicorn with the project's configuration, the nginx edge, and wrk to load
them."""

import http.cookiejar
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
# Debian puts it in /usr/sbin, which is on root's PATH only.
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
PYTHON = sys.executable
CONNECTIONS = 16
STORY = "/story/bench-story/"
REDIS_DATABASES = {"warm": 14, "after a comment": 13}


def cached(env: dict[str, str], redis: str, server: str) -> dict[str, str]:
    """The server's own Redis database, emptied; its local memory without Redis."""
    if not redis:
        return env
    url = f"{redis}/{REDIS_DATABASES[server]}"
    subprocess.run(["redis-cli", "-u", url, "flushdb"], check=True, capture_output=True)
    return env | {"REDIS_URL": url}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen) -> None:
    for _ in range(150):
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            if process.poll() is not None:
                break
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer")


@contextmanager
def gunicorn(env: dict[str, str], application: str = "newsroom.wsgi"):
    port = free_port()
    process = subprocess.Popen(
        [
            *(PYTHON, "-m", "gunicorn", "-c", "newsroom/gunicorn.conf.py"),
            # The steady state: a recycled worker re-imports the site and
            # starts with an empty local cache, which within a few seconds'
            # measure says more about start-up than about a request.
            *("--max-requests", "0", application),
        ],
        cwd=PROJECT,
        env=env | {"GUNICORN_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": "2"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + STORY, process)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


@contextmanager
def edge(directory: Path, upstream: str):
    """The nginx edge we ship, in front of upstream; it also serves the
    static files, the page's saved bytes among them."""
    port = free_port()
    subprocess.run(
        [PROJECT / "deploy" / "nginx" / "render.sh"],
        env=os.environ
        | {
            "NEWSROOM_EDGE_DIR": str(directory / "edge"),
            "NEWSROOM_EDGE_LISTEN": f"127.0.0.1:{port}",
            "NEWSROOM_EDGE_UPSTREAM": upstream.removeprefix("http://"),
            "DJANGO_STATIC_ROOT": str(directory / "static"),
            "DJANGO_MEDIA_ROOT": str(directory / "media"),
        },
        check=True,
    )
    config = directory / "edge" / "nginx.conf"
    process = subprocess.Popen(
        [
            *(NGINX, "-e", str(config.parent / "error.log")),
            *("-c", str(config), "-g", "daemon off;"),
        ]
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/static/page.html", process)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


def wrk(url: str, seconds: int, script: Path | None = None) -> dict[str, float]:
    command = [
        "wrk",
        "-t2",
        f"-c{CONNECTIONS}",
        f"-d{seconds}s",
        "--latency",
        *(["-s", str(script)] if script else []),
        url,
    ]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": rate,
        "p50": to_ms(re.search(r"50%\s+([\d.]+\w+)", output).group(1)),
        "p99": to_ms(re.search(r"99%\s+([\d.]+\w+)", output).group(1)),
        "errors": int(bad.group(1)) if bad else 0,
    }


def to_ms(value: str) -> float:
    number, unit = re.match(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


POST_SCRIPT = """
local threads = 0
setup = function(thread)
  thread:set("id", threads)
  threads = threads + 1
end
counter = 0
request = function()
  counter = counter + 1
  local body = {body}
  return wrk.format("POST", "{path}", {{
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = "csrftoken={cookie}",
  }}, body)
end
"""
# wrk's threads (-t2): each numbers its requests, so no two send the same.
THREADS = 2
# Each post from a reader of their own, as on a busy story (django-contrib-
# comments' duplicate check reads every earlier comment under the same
# name, so one name for all would slow it down post after post).
READER = '"Reader+" .. id .. "-" .. counter'


def post_script(
    base: str, directory: Path, path: str = STORY + "comments/", first: int = 0
) -> Path:
    """A wrk script posting comments to path with captchas the seed stored
    (50,000 of them), from the first-th on."""
    fields, cookie = form_fields(base + "/comments/form-security/")
    body = (
        f'"csrfmiddlewaretoken={fields["csrfmiddlewaretoken"]}'
        '&captcha_1=bench"'
        ' .. "&captcha_0=bench" .. string.format("%035d",'
        f" ({first} + counter * {THREADS} + id) % 50000)"
        f' .. "&user_name=" .. {READER}'
        ' .. "&body=Benchmark+comment+" .. id .. "+" .. counter'
    )
    script = directory / f"post-{first}.lua"
    script.write_text(POST_SCRIPT.format(body=body, path=path, cookie=cookie))
    return script


def contrib_post_script(base: str, directory: Path) -> Path:
    """A wrk script posting comments through django-contrib-comments' own
    form, as its comment form on the story page fills it in."""
    fields, cookie = form_fields(base + "/bench/contrib-comments" + STORY)
    wanted = ("csrfmiddlewaretoken", "content_type", "object_pk", "timestamp")
    hidden = urllib.parse.urlencode(
        {name: fields[name] for name in (*wanted, "security_hash")}
    )
    body = (
        f'"{hidden}&email=reader%40example.org&url=&honeypot='
        '&next=%2Fstory%2Fbench-story%2F"'
        f' .. "&name=" .. {READER}'
        ' .. "&comment=Benchmark+comment+" .. id .. "+" .. counter'
    )
    script = directory / "contrib-post.lua"
    script.write_text(
        POST_SCRIPT.format(
            body=body, path="/bench/contrib-comments/post/", cookie=cookie
        )
    )
    return script


def form_fields(url: str) -> tuple[dict[str, str], str]:
    """The hidden fields of the forms at url, and the CSRF cookie it set."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    html = opener.open(url).read().decode()
    fields = dict(
        re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', html)
    )
    cookie = next(c.value for c in jar if c.name == "csrftoken")
    return fields, cookie
