"""Browser tests: Playwright driving the system's Chromium against live_server.

Playwright cannot download its own browser on our machines, so it launches
Debian's Chromium headless shell (package chromium-headless-shell): the same
engine as the full browser at half its cost. When that is missing the tests
fail, not skip: `make test` and CI install it.
"""

import io
import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from captcha.models import CaptchaStore
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from playwright.sync_api import expect

from articles.models import Article

from ..support import DatabaseSnapshot

CHROMIUM = os.environ.get(
    "NEWSROOM_CHROMIUM", "/usr/lib/chromium/chromium-headless-shell"
)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session", autouse=True)
def orm_beside_playwright():
    # Playwright's sync API runs an event loop in the test's thread; the
    # tests still need the ORM (to set up data, and to read the captcha's
    # answer as a person reads the picture), which Django refuses there
    # unless told it is safe.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


def open_settled(page, url: str) -> None:
    """Open a page and wait until every request it made has answered (the
    captcha, a signed-in editor's tools): the page as its reader sees it,
    without networkidle's half second of silence on every page."""
    pending: set = set()

    def started(request):
        pending.add(request)

    def ended(request):
        pending.discard(request)

    listeners = {"request": started, "requestfinished": ended, "requestfailed": ended}
    for event, listener in listeners.items():
        page.on(event, listener)
    try:
        page.goto(url)
        while pending:
            page.wait_for_timeout(20)
    finally:
        for event, listener in listeners.items():
            page.remove_listener(event, listener)


def watched(page) -> list[str]:
    """The page answers within ten seconds, and what goes wrong in its
    scripts is written down: a module that fails to load or throws fails
    the test, even where the page's no-JavaScript fallback would have hidden
    it. (A resource the server refuses, as a limit does on purpose, is the
    test's business.)"""
    page.set_default_timeout(10_000)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: (
            errors.append(message.text)
            if message.type == "error"
            and not message.text.startswith("Failed to load resource")
            else None
        ),
    )
    return errors


@pytest.fixture
def page(page):
    """pytest-playwright's page, watched."""
    errors = watched(page)
    yield page
    assert not errors, errors


@pytest.fixture
def open_page(browser):
    """Pages of their own (a phone, no JavaScript, another language, a
    second person), each in its own browser context, watched like page."""
    opened = []

    def open_(**context_options):
        context = browser.new_context(**context_options)
        page = context.new_page()
        opened.append((context, watched(page)))
        return page

    yield open_
    for context, _errors in opened:
        context.close()
    errors = [error for _context, errors in opened for error in errors]
    assert not errors, errors


# The demo's staff accounts (demo_site) share the demo's password; Maria is
# the tests' own moderator.
DEMO_PASSWORD = "newsroom-demo"
MARIA_PASSWORD = "queue-keeper-2026"


@pytest.fixture
def maria(db) -> User:
    """A moderator."""
    user = User.objects.create_user("maria", password=MARIA_PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def sign_in(
    page, live_server, username: str, password: str = DEMO_PASSWORD, then: str = ""
) -> None:
    """Sign in to the admin as staff do, then go on to then (an address of
    the site) or to the admin's front page."""
    page.goto(f"{live_server.url}/admin/login/?next={then or '/admin/'}")
    # By the fields' ids: the labels are in the browser's language.
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("#login-form [type=submit]").click()
    expect(page.locator("#user-tools")).to_be_visible()


def solve_captcha(page) -> None:
    """Type the word the captcha picture shows, read from the captcha store."""
    key = page.locator("input[name=captcha_0]").input_value()
    answer = CaptchaStore.objects.get(hashkey=key).response
    page.get_by_label("Enter the two words you see:").fill(answer)


ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


_loaded_demo: list[DatabaseSnapshot] = []


@pytest.fixture
def demo_site(settings):
    """The demo stories, comments and photos, as `make run` shows them:
    loaded once, then put back from a snapshot into a database that holds
    nothing yet."""
    media = Path(settings.MEDIA_ROOT)
    if _loaded_demo and DatabaseSnapshot.possible() and nothing_stored_yet():
        _loaded_demo[0].put_back(media)
        return
    settings.DEBUG = True  # load_demo refuses to run in production
    call_command("load_demo", stdout=io.StringIO())
    settings.DEBUG = False
    if not _loaded_demo and DatabaseSnapshot.possible():
        _loaded_demo.append(DatabaseSnapshot(media))


def nothing_stored_yet() -> bool:
    return not (User.objects.exists() or Article.objects.exists())


def serious_accessibility_violations(page) -> list[str]:
    """What axe-core finds serious or critical on the page as it is now."""
    results = Axe().run(page)
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} elements)"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def screenshot(page, name: str, **options) -> None:
    """Keep a picture of the page (or of a part of it, a locator) for people
    to look at (not committed)."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{name}.png", **options)


def has_no_horizontal_scroll(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
