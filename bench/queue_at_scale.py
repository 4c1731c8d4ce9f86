"""Seed 1,000,000 comments into PostgreSQL and time the moderation queue
and workspace.

    .venv/bin/python bench/queue_at_scale.py [--comments 1000000]

Uses the database in BENCH_DATABASE_URL (default: a `newsroom_bench` database
on 127.0.0.1, created if missing). For each view a moderator opens, prints the
wall time of the admin page, its queries, and the plan of the slowest query.
"""

import argparse
import os
import sys
import time
from pathlib import Path

import psycopg

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

DEFAULT_URL = "postgres://127.0.0.1:5432/newsroom_bench"


def ensure_database(url: str) -> None:
    name = url.rsplit("/", 1)[1]
    server = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(server, autocommit=True) as admin:
        exists = admin.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (name,)
        ).fetchone()
        if not exists:
            admin.execute(f'CREATE DATABASE "{name}"')


def seed(total: int) -> None:
    from django.db import connection, transaction

    from articles.models import Article, Section
    from comments.models import Comment
    from comments.moderation import recount_comments

    if Comment.objects.count() >= total:
        print(f"Already seeded: {Comment.objects.count():,} comments.")
        return
    section, _ = Section.objects.get_or_create(slug="bench", defaults={"name": "Bench"})
    Article.objects.bulk_create(
        Article(
            headline=f"Bench story {n}",
            slug=f"bench-story-{n}",
            section=section,
            summary="s",
            byline="b",
            source="Newsroom",
            body="Body.",
            status="published",
        )
        for n in range(200)
    )
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        # Mostly published; 0.5 % held and 1 % removed, as on a real site.
        cursor.execute(
            """
            INSERT INTO comments_comment
                (article_id, user_name, body, created_at, status, hold_rule,
                 hold_detail, removal_reason, ip_address, user_agent, fingerprint)
            SELECT a.ids[1 + n %% array_length(a.ids, 1)],
                   'reader' || (n %% 50000),
                   'Comment number ' || n || ' about the harbour, the ferries and the bakery.',
                   now() - (n || ' seconds')::interval,
                   CASE WHEN n %% 200 = 0 THEN 'held'
                        WHEN n %% 100 = 1 THEN 'removed' ELSE 'published' END,
                   CASE WHEN n %% 200 = 0 THEN 'premoderation' ELSE '' END,
                   '',
                   CASE WHEN n %% 100 = 1 THEN 'spam' ELSE '' END,
                   ('10.' || (n / 65536 %% 256) || '.' || (n / 256 %% 256) || '.' || (n %% 256))::inet,
                   'bench',
                   md5(n::text)
            FROM generate_series(1, %s) AS n,
                 (SELECT array_agg(id) AS ids FROM articles_article) AS a
            """,
            [total],
        )
        cursor.execute(
            """
            INSERT INTO comments_report (comment_id, reason, reporter_ip, created_at, resolved)
            SELECT id, 'abusive', '192.0.2.1', now(), false
            FROM comments_comment WHERE status = 'published' AND id % 997 = 0
            """
        )
    recount_comments(Article.objects.filter(section=section))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE comments_comment; ANALYZE comments_report;")
    print(f"Seeded {total:,} comments in {time.perf_counter() - started:.1f} s.")


def measure() -> None:
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    user, _ = User.objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    views = {
        "queue (needs attention)": "/admin/comments/comment/",
        "all comments, first page": "/admin/comments/comment/?queue=all",
        "filter: held": "/admin/comments/comment/?queue=all&status__exact=held",
        "filter: removed as spam": "/admin/comments/comment/?queue=all&removal_reason__exact=spam",
        "filter: reported": "/admin/comments/comment/?queue=reported",
        "search by user name": "/admin/comments/comment/?queue=all&q=reader4242",
        "search by address": "/admin/comments/comment/?queue=all&q=10.0.16.3",
        "workspace, 50 cards": "/admin/comments/comment/workspace/",
        "workspace: held": "/admin/comments/comment/workspace/?queue=held",
        "workspace: reported": "/admin/comments/comment/workspace/?queue=reported",
        "admin front page": "/admin/",
    }
    print(f"\n{'view':32} {'ms':>8} {'queries':>8}  slowest query (ms)")
    plans = []
    for label, url in views.items():
        client.get(url)  # warm the connection and caches
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            elapsed = (time.perf_counter() - started) * 1000
        assert response.status_code == 200, (url, response.status_code)
        slowest = max(queries.captured_queries, key=lambda q: float(q["time"]))
        print(
            f"{label:32} {elapsed:8.1f} {len(queries):8}  {float(slowest['time']) * 1000:.1f}"
        )
        plans.append((label, slowest["sql"]))
    for label, sql in plans:
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN ANALYZE " + sql)
            plan = "\n    ".join(row[0] for row in cursor.fetchall())
        print(f"\n-- {label}\n    {plan}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=1_000_000)
    args = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    ensure_database(url)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    seed(args.comments)
    measure()


if __name__ == "__main__":
    main()
