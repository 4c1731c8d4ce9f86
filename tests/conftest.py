import gc
import os
import re
import sqlite3
from datetime import timedelta

import pytest
from captcha.models import CaptchaStore
from django.core.cache import cache, caches
from django.test import Client, TransactionTestCase
from django.utils import timezone

from articles import page_cache
from articles.models import Article, Section
from comments import moderation, switches
from comments.models import Comment, HoldRule, Reason
from comments.moderation import word_lists

from .support import DatabaseSnapshot

# Tests that start production servers (gunicorn, nginx) and time them run
# one after another on one worker of `make test`, so that the other
# workers' load does not stretch their "within a second".
SERVERS = pytest.mark.xdist_group("servers")


def pytest_sessionstart(session):
    # What every test keeps alive (Django, the apps, the URLs, templates
    # once loaded) is frozen: the collector stops walking it again and
    # again, and runs every 10,000 new objects rather than every 2,000. The
    # collector's share of a run halves (1.4 s to 0.7 s of 9 s).
    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "load" in item.keywords or "edge" in item.keywords:
            item.add_marker(SERVERS)
    if os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        return
    needs_postgresql = pytest.mark.skip(
        reason="needs PostgreSQL: runs in .ci/run's PostgreSQL stage, or with "
        "DATABASE_URL=postgres://HOST:PORT/DB"
    )
    for item in items:
        if "postgresql" in item.keywords:
            item.add_marker(needs_postgresql)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """On SQLite in memory, a test that commits (a live server's, a
    browser's) ends by putting back the database as migrated, not by
    emptying every table: the same state, far sooner. Where that cannot be
    done (another connection holds a lock), Django empties it as usual."""
    with django_db_blocker.unblock():
        migrated = DatabaseSnapshot() if DatabaseSnapshot.possible() else None
    if migrated is None:
        yield
        return
    empty_every_table = TransactionTestCase._fixture_teardown

    def put_back_the_migrated_database(test_case):
        if test_case.available_apps is not None or test_case.serialized_rollback:
            return empty_every_table(test_case)
        try:
            migrated.put_back()
        except sqlite3.OperationalError:
            empty_every_table(test_case)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            TransactionTestCase, "_fixture_teardown", put_back_the_migrated_database
        )
        yield


@pytest.fixture(autouse=True)
def test_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = settings.STORAGES | {
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private"},
        }
    }
    # Real password hashing is slow by design; tests only need it to work.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tests post the moment they open the form; the tests of this guard
    # set it back.
    settings.NEWSROOM_MIN_SECONDS_TO_POST = 0
    # Tests ask for many captchas from one address; the tests of these
    # limits turn them back on.
    off = {"interval_seconds": 0, "per_hour": 0}
    settings.NEWSROOM_FLOOD_LIMITS = settings.NEWSROOM_FLOOD_LIMITS | {
        "captchas": off,
        "captcha_failures": off,
        "captcha_audio": off,
    }
    cache.clear()
    caches["limits"].clear()
    # What this process last read belongs to an earlier test's database.
    page_cache.forget_known_epoch()
    switches.forget()
    word_lists.forget()


@pytest.fixture
def section(db) -> Section:
    return Section.objects.create(name="World", slug="world")


@pytest.fixture
def make_article(section):
    def make(**fields) -> Article:
        number = Article.objects.count() + 1
        defaults = {
            "headline": f"Story number {number}",
            "slug": f"story-{number}",
            "section": section,
            "summary": "A short summary of the story.",
            "byline": "Jo Reporter",
            "source": "Newsroom",
            "body": "First paragraph.\n\nSecond paragraph.",
            "status": Article.Status.PUBLISHED,
            "published_at": timezone.now() - timedelta(hours=1),
        }
        return Article.objects.create(**(defaults | fields))

    return make


@pytest.fixture
def article(make_article) -> Article:
    return make_article(headline="Harbour towns raise their sea wall", slug="sea-wall")


@pytest.fixture
def make_comment():
    def make(article: Article, **fields) -> Comment:
        defaults = {
            "user_name": "Reader",
            "body": "A thoughtful comment.",
            "ip_address": "192.0.2.1",
        }
        # The database insists that held comments say why, removed ones too.
        if fields.get("status") == Comment.Status.HELD:
            defaults["hold_rule"] = HoldRule.PREMODERATION
            defaults["was_public"] = fields.get("hold_rule") == HoldRule.REPORTS
        if fields.get("status") == Comment.Status.REMOVED:
            defaults["removal_reason"] = Reason.OTHER
        comment = Comment.objects.create(article=article, **(defaults | fields))
        # Stored as a fixture, not posted: count it as posting would have.
        moderation.recount_comments([article])
        article.refresh_from_db()
        return comment

    return make


CAPTCHA_KEY = re.compile(r'name="captcha_0" value="([0-9a-f]+)"')


def captcha_from(response) -> dict[str, str]:
    """The hidden fields a browser sends back, and the captcha's answer as a
    person would read it from the picture."""
    html = response.content.decode()
    key = CAPTCHA_KEY.search(html).group(1)
    answer = CaptchaStore.objects.get(hashkey=key).response
    return {"captcha_0": key, "captcha_1": answer}


@pytest.fixture
def comment_data(client, article):
    """Build a valid comment submission with a fresh, solved captcha."""

    def build(**fields) -> dict[str, str]:
        # What the article page's script fetches when the reader starts to type.
        security = client.get("/comments/form-security/")
        data = {"user_name": "Lena", "body": "Well reported, thank you."}
        return data | captcha_from(security) | fields

    return build


@pytest.fixture
def flood_limit(settings):
    """Set one form's flood limits; unnamed limits are off."""

    def set_limit(form: str, *, interval_seconds: int = 0, per_hour: int = 0):
        settings.NEWSROOM_FLOOD_LIMITS = settings.NEWSROOM_FLOOD_LIMITS | {
            form: {"interval_seconds": interval_seconds, "per_hour": per_hour}
        }

    return set_limit


@pytest.fixture
def moderator(db):
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user("mod", password="mod-pass-123", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def moderator_client(moderator):
    """The moderator's own browser, beside the reader's (client)."""
    browser = Client()
    browser.force_login(moderator)
    return browser


@pytest.fixture
def superuser_client(client):
    """The editor-in-chief's browser (the reader's client, signed in)."""
    from django.contrib.auth.models import User

    client.force_login(User.objects.create_superuser("chief", password="pw-123456"))
    return client
