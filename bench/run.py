"""How fast the article page is, next to what Django can serve at all.

    .venv/bin/python bench/run.py [--seconds 3] [--rounds 5] [--comments 0 50 500]

For each number of comments (or threads of replies, "50x5"), seeds a story on a fresh SQLite database,
starts the production server (gunicorn, 2 workers) on loopback and measures
with wrk (installed from Debian's packages if missing): the ceiling (a
minimal Django view returning as many bytes as the article page), the
article page warm (cached) and cold (no cache at all), the same page with
its comments served by django-contrib-comments (cold, for comparison), the
comment POST path, the captcha image and the recommendation counts a
story page's script fetches. Prints requests/s, p50 and p99
latency, each as a ratio to the ceiling, and the queries one article
request costs; and, steadier on a small shared machine, the CPU each page
costs in process, with no server or wrk (bench/in_process.py).
"""

import argparse
import http.cookiejar
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
CONNECTIONS = 16
# The same story with its comments served by django-contrib-comments.
CONTRIB = "/bench/contrib-comments"


def ensure_wrk() -> str:
    if not shutil.which("wrk"):
        print("Installing wrk from Debian's packages...")
        sudo = [] if os.geteuid() == 0 else ["sudo"]
        subprocess.run([*sudo, "apt-get", "install", "-y", "-qq", "wrk"], check=True)
    return shutil.which("wrk")


def environment(database: Path, **extra: str) -> dict[str, str]:
    return os.environ | {
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "bench-only-" + "k" * 40,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_SECURE_COOKIES": "false",
        "NEWSROOM_COMMENT_INTERVAL_SECONDS": "0",
        "NEWSROOM_COMMENTS_PER_HOUR": "0",
        "NEWSROOM_CAPTCHAS_PER_HOUR": "0",
        "NEWSROOM_CAPTCHA_FAILURES_PER_HOUR": "0",
        "NEWSROOM_MIN_SECONDS_TO_POST": "0",
        "NEWSROOM_DUPLICATE_HOURS": "0",
        **extra,
    }


def manage(env: dict[str, str], *args: str) -> str:
    return python(env, "manage.py", *args)


def python(env: dict[str, str], *args: str) -> str:
    """What the project's Python prints, run in the project with env."""
    return subprocess.run(
        [PYTHON, *args],
        cwd=PROJECT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


SEED = """
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from articles.models import Article, Section
from captcha.models import CaptchaStore
from comments.models import Comment
from comments.moderation import recount_comments
import datetime, django.utils.timezone as tz, django_comments
section = Section.objects.create(name="World", slug="world")
article = Article.objects.create(
    headline="Harbour towns race to raise sea walls", slug="bench-story",
    section=section, summary="A summary.", byline="Mara Ellison", source="Newsroom",
    body="\\n\\n".join(["A paragraph of the story, long enough to read like one."] * 8),
    status="published")
threads = Comment.objects.bulk_create(
    Comment(article=article, user_name=f"Reader {n}", body=f"Comment {n}: " + "words " * 30,
            ip_address="192.0.2.1", recommend_count=n % 7, is_pick=n % 10 == 0)
    for n in range(COMMENTS))
Comment.objects.bulk_create(
    Comment(article=article, user_name=f"Replier {n}", body=f"Reply {n}: " + "words " * 20,
            ip_address="192.0.2.2", parent=top, reply_to=top)
    for top in threads for n in range(REPLIES))
recount_comments([article])
# The same comments again, for the page served by django-contrib-comments.
ContribComment = django_comments.get_model()
ContribComment.objects.bulk_create(
    ContribComment(content_object=article, site_id=1, user_name=f"Reader {n}",
                   comment=f"Comment {n}: " + "words " * 30, submit_date=tz.now(),
                   ip_address="192.0.2.1") for n in range(COMMENTS * (1 + REPLIES)))
# Issued just now, as far as the captcha's lifetime can tell.
expiry = tz.now() + datetime.timedelta(minutes=55)
CaptchaStore.objects.bulk_create(
    CaptchaStore(challenge="BENCH", response="bench", hashkey=f"bench{n:035d}", expiration=expiry)
    for n in range(50000))
client = Client(HTTP_HOST="127.0.0.1")
cache.clear()
with CaptureQueriesContext(connection) as cold:
    page = client.get("/story/bench-story/")
with CaptureQueriesContext(connection) as warm:
    client.get("/story/bench-story/")
print(len(page.content), len(cold), len(warm))
"""


def in_process(env: dict[str, str], paths: list[str]) -> dict[str, float]:
    """Milliseconds of CPU per request for each path, with no server or wrk."""
    output = python(env, "-m", "bench.in_process", *paths)
    return {
        path: float(ms) for path, ms in (line.split() for line in output.splitlines())
    }


def print_in_process(env: dict[str, str], story: str) -> None:
    ceiling = "/bench/ceiling/"
    warm = in_process(env, [ceiling, story])
    cold = in_process(
        env | {"NEWSROOM_BENCH_NO_CACHE": "1"}, [ceiling, story, CONTRIB + story]
    )
    print("  in process, CPU per request (no HTTP server, no wrk):")
    for label, ms, ceiling_ms in [
        ("ceiling", warm[ceiling], warm[ceiling]),
        ("article page, warm", warm[story], warm[ceiling]),
        ("article page, cold", cold[story], cold[ceiling]),
        ("django-contrib-comments page, cold", cold[CONTRIB + story], cold[ceiling]),
    ]:
        print(f"    {label:34} {ms:7.2f} ms {ceiling_ms / ms:7.3f}x ceiling")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def server(env: dict[str, str]):
    port = free_port()
    process = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "-c",
            "newsroom/gunicorn.conf.py",
            # The steady state: a recycled worker re-imports the site and
            # starts with an empty local cache, which within a few seconds'
            # measure says more about start-up than about a request.
            "--max-requests",
            "0",
            "newsroom.wsgi",
        ],
        cwd=PROJECT,
        env=env | {"GUNICORN_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": "2"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/bench/ceiling/", timeout=2)
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError("gunicorn did not start")
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
  local body = "csrfmiddlewaretoken={token}"
    .. "&user_name=Bench+reader&captcha_1=bench"
    .. "&captcha_0=bench" .. string.format("%035d", (counter * {threads} + id) % 50000)
    .. "&body=Benchmark+comment+" .. id .. "+" .. counter
  return wrk.format("POST", "/story/bench-story/comments/", {{
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = "csrftoken={cookie}",
  }}, body)
end
"""


def post_script(base: str, directory: Path) -> Path:
    """A wrk script posting comments with captchas the seed stored."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    fragment = opener.open(base + "/comments/form-security/").read().decode()
    fields = dict(re.findall(r'name="(csrfmiddlewaretoken)" value="([^"]+)"', fragment))
    cookie = next(c.value for c in jar if c.name == "csrftoken")
    script = directory / "post.lua"
    script.write_text(
        POST_SCRIPT.format(
            token=fields["csrfmiddlewaretoken"],
            cookie=cookie,
            threads=2,
        )
    )
    return script


def compare(
    targets: dict[str, str],
    ceiling_url: str,
    seconds: int,
    rounds: int,
    script: Path | None = None,
) -> dict[str, float]:
    """Alternate the ceiling and each target; print the best round of each.

    Other work on a small shared machine can only slow a measure down, and
    here it moves the same measure by half from one run to the next; the
    best of several rounds, taken back to back, is the least disturbed.
    Returns each target's best requests/s.
    """
    # Every worker loads its templates, connections and cache first. (Not
    # with a script: its posts would use up the captchas the measure needs.)
    for url in [ceiling_url, *([] if script else targets.values())]:
        wrk(url, 1)
    ceilings = []
    results = {label: [] for label in targets}
    for _ in range(rounds):
        ceilings.append(wrk(ceiling_url, seconds)["rps"])
        for label, url in targets.items():
            results[label].append(wrk(url, seconds, script))
    best = {}
    for label in targets:
        result = max(results[label], key=lambda r: r["rps"])
        errors = sum(r["errors"] for r in results[label])
        best[label] = result["rps"]
        print(
            f"  {label:36} {result['rps']:7.0f} req/s "
            f"{result['rps'] / max(ceilings):6.2f}x ceiling"
            f"   p50 {result['p50']:7.2f} ms   p99 {result['p99']:7.2f} ms"
            + (f"  ({errors} errors)" if errors else "")
        )
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--comments",
        nargs="+",
        default=["0", "50", "500", "50x5"],
        help="numbers of comments; TxR is T threads of R replies each",
    )
    args = parser.parse_args()
    ensure_wrk()
    print(
        f"gunicorn, 2 workers, SQLite; wrk, 2 threads, {CONNECTIONS} connections, "
        f"{args.seconds} s per measure, best of {args.rounds} rounds each, back to back "
        f"with the ceiling; {os.cpu_count()} cores.\n"
    )
    for shape in args.comments:
        comments, _, replies = shape.partition("x")
        with tempfile.TemporaryDirectory() as directory:
            directory = Path(directory)
            database = directory / "bench.sqlite3"
            env = environment(database)
            manage(env, "migrate", "-v0")
            manage(env, "collectstatic", "--no-input", "-v0")
            size, cold_queries, warm_queries = map(
                int,
                manage(
                    env,
                    "shell",
                    "-v",
                    "0",
                    "-c",
                    SEED.replace("COMMENTS", comments).replace(
                        "REPLIES", replies or "0"
                    ),
                )
                .split("\n")[-2]
                .split(),
            )
            env["NEWSROOM_BENCH_BYTES"] = str(size)
            label = (
                f"{comments} threads of {replies} replies"
                if replies
                else f"{comments} comments"
            )
            print(
                f"{label}: page {size:,} bytes; queries per article "
                f"request: {cold_queries} cold, {warm_queries} warm"
            )
            story = "/story/bench-story/"
            seconds, rounds = args.seconds, args.rounds
            print_in_process(env, story)
            with server(env) as base:
                ceiling = base + "/bench/ceiling/"
                urllib.request.urlopen(base + story).read()
                compare({"article page, warm": base + story}, ceiling, seconds, rounds)
                if shape == args.comments[-1]:
                    image = base + "/captcha/image/bench" + "0" * 35 + "/"
                    compare({"captcha image": image}, ceiling, seconds, rounds=1)
                    # What a recommendation costs readers of the cached page:
                    # the page stays as it is; its script fetches this.
                    counts = base + story + "comments/recommendations/"
                    compare(
                        {"recommendation counts": counts}, ceiling, seconds, rounds=1
                    )
                    compare(
                        {"comment POST": base + story},
                        ceiling,
                        seconds,
                        rounds=1,
                        script=post_script(base, directory),
                    )
            with server(env | {"NEWSROOM_BENCH_NO_CACHE": "1"}) as base:
                cold = compare(
                    {
                        "article page, cold": base + story,
                        "django-contrib-comments page, cold": base + CONTRIB + story,
                    },
                    base + "/bench/ceiling/",
                    seconds,
                    rounds,
                )
                print(
                    f"  cold, ours against django-contrib-comments: "
                    f"{cold['article page, cold'] / cold['django-contrib-comments page, cold']:.1f}x"
                )
            print()


if __name__ == "__main__":
    main()
