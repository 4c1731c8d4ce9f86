"""Every public function of the state-change modules, found by looking, not
listed: a new one that forgets to retire the cached page or to keep the
stored comment count exact fails here without anyone adding a case. And
every decision a moderator takes on a card goes through the one recorder."""

import hashlib
import importlib
import inspect
import pkgutil
from datetime import timedelta
from types import ModuleType

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import User
from django.core.cache import cache
from django.utils import timezone

from articles import publishing
from articles.models import Article, Section
from comments import moderation
from comments.models import (
    Ban,
    Comment,
    CommentSettings,
    ModerationEvent,
    PosterStanding,
    Reason,
    Standing,
)
from comments.moderation import Decision, recorder

pytestmark = pytest.mark.django_db

# The moderation core's modules that only describe (the recorder itself,
# the decisions' names, their lengths, the risk score no page shows) change
# nothing of their own.
DESCRIBING = {"recorder", "decisions", "durations", "scores"}
MODERATION_MODULES = [
    importlib.import_module(f"{moderation.__name__}.{name}")
    for _finder, name, _package in pkgutil.iter_modules(moderation.__path__)
    if name not in DESCRIBING
]
STATE_CHANGE_MODULES = [*MODERATION_MODULES, publishing]


def public_functions(module: ModuleType) -> list:
    return [
        function
        for name, function in inspect.getmembers(module, inspect.isfunction)
        if function.__module__ == module.__name__ and not name.startswith("_")
    ]


STATE_CHANGES = [
    function for module in STATE_CHANGE_MODULES for function in public_functions(module)
]


def test_the_state_change_modules_are_found():
    names = {function.__name__ for function in STATE_CHANGES}
    assert {"submit", "approve", "remove", "restore", "close_comments"} <= names
    assert {"pick", "ban", "erase", "report", "change_settings"} <= names


@pytest.fixture
def scene(article, make_article, make_comment, moderator):
    """A story with a comment in each state, replies, another story, and a ban."""
    other = make_article()
    paulina = make_comment(article, user_name="Paulina")
    # The story's section is strict, for the change that applies its rules.
    sections = Section.objects.filter(pk=article.section_id)
    sections.update(new_stories_premoderated=True, new_stories_closed=True)
    return {
        "article": article,
        "articles": [article, other],
        "sections": sections,
        "comment": paulina,
        "reply_to": paulina,
        "comments": [
            make_comment(article, user_name="Also published", ip_address="192.0.2.4"),
            make_comment(
                article, user_name="Replied", parent=paulina, reply_to=paulina
            ),
            make_comment(
                article,
                user_name="Held reply",
                parent=paulina,
                status=Comment.Status.HELD,
            ),
            make_comment(
                article,
                user_name="Removed reply",
                parent=paulina,
                status=Comment.Status.REMOVED,
            ),
            make_comment(article, status=Comment.Status.HELD, user_name="Held"),
            make_comment(article, status=Comment.Status.REMOVED, user_name="Gone"),
            make_comment(other, user_name="Elsewhere"),
        ],
        "by": moderator,
        "reason": Reason.SPAM,
        "user_name": "Newcomer",
        "body": "A comment nobody has written before.",
        "ip_address": "198.51.100.9",
        "user_agent": "Test browser",
        "reporter_ip": "198.51.100.10",
        "new_ban": Ban(ip_address="198.51.100.11", reason=Reason.SPAM),
        "bans": [Ban.objects.create(ip_address="198.51.100.12", reason=Reason.SPAM)],
        "new_standing": PosterStanding(
            standing=Standing.WATCHED, ip_address="198.51.100.13"
        ),
        "standings": [
            PosterStanding.objects.create(
                standing=Standing.TRUSTED, ip_address="198.51.100.14"
            )
        ],
        "expires_at": None,
        "switches": CommentSettings(pk=1, close_all=True),
        "note": "",
        "text": "A note for the other moderators.",
        "author": User.objects.create_user(
            "reporter", first_name="Ines", last_name="Halvorsen", is_staff=True
        ),
        "browser": "b" * 32,
        # Retention: everything stored so far is past the period.
        "before": timezone.now() + timedelta(days=1),
        "keep": [],
        # Every comment's poster still holds its edit key.
        "secret": with_edit_keys(Comment.objects.all()),
    }


def with_edit_keys(comments) -> str:
    secret = "s" * 43
    comments.update(edit_key=hashlib.sha256(secret.encode()).hexdigest())
    return secret


# A poster edits a comment nobody has answered (one with replies is refused;
# deleting it is not).
UNANSWERED = {moderation.edit}


# Changes that by design leave the cached page as it is: what they change
# reaches readers another way.
MERGED_INTO_THE_PAGE = {
    # Recommendation counts are served on their own and merged by the
    # page's script (tests/test_comments_conversation.py), so that a click
    # costs no re-render of a page every reader shares.
    moderation.recommend,
}


# Stores a batch of an import; the import counts and retires the pages of
# every story it touched once, at its end, with recount_comments (tested in
# tests/test_portability_imports.py).
PART_OF_AN_IMPORT = {moderation.store_imported}


def call(function, scene: dict):
    parameters = inspect.signature(function).parameters
    missing = [
        name
        for name, parameter in parameters.items()
        if name not in scene and parameter.default is inspect.Parameter.empty
    ]
    assert not missing, (
        f"Teach this test a value for {missing} to call {function.__qualname__}"
    )
    values = {name: scene[name] for name in parameters if name in scene}
    if function in UNANSWERED:
        values["comment"] = scene["comments"][0]
    return function(**values)


def assert_counts_exact() -> None:
    for article in Article.objects.all():
        published = Comment.objects.published().filter(article=article).count()
        assert article.comment_count == published, article.slug
    for thread in Comment.objects.filter(parent__isnull=True):
        replies = Comment.objects.published().filter(parent=thread).count()
        assert thread.reply_count == replies, thread.user_name
        # Only the removed replies readers saw leave a line.
        seen = Comment.objects.removed().filter(parent=thread, was_public=True)
        assert thread.removed_reply_count == seen.count(), thread.user_name


@pytest.mark.parametrize(
    "function",
    [
        function
        for function in STATE_CHANGES
        if function not in MERGED_INTO_THE_PAGE | PART_OF_AN_IMPORT
    ],
    ids=lambda f: f.__qualname__,
)
def test_every_state_change_retires_the_cached_page(client, scene, function, settings):
    settings.NEWSROOM_REPORTS_TO_HOLD = 1  # one report changes the page
    url = scene["article"].get_absolute_url()
    client.get(url)

    call(function, scene)

    served = client.get(url)
    cache.clear()
    assert served.content.decode() == client.get(url).content.decode()


@pytest.mark.parametrize(
    "function",
    [function for function in STATE_CHANGES if function not in PART_OF_AN_IMPORT],
    ids=lambda f: f.__qualname__,
)
def test_every_state_change_keeps_the_stored_comment_count_exact(
    scene, function, settings
):
    settings.NEWSROOM_REPORTS_TO_HOLD = 1

    call(function, scene)

    assert_counts_exact()


def test_counts_stay_exact_through_a_comment_s_whole_life(scene):
    moderator, comments = scene["by"], scene["comments"]
    steps = [
        lambda: moderation.remove(comments, by=moderator, reason=Reason.ABUSIVE),
        lambda: moderation.restore(comments, by=moderator),
        lambda: moderation.approve(comments, by=moderator),
        lambda: moderation.remove(comments[:1], by=moderator, reason=Reason.SPAM),
        lambda: moderation.remove(comments[:1], by=moderator, reason=Reason.SPAM),
        lambda: moderation.delete(comments[1:]),
    ]
    for step in steps:
        step()
        assert_counts_exact()


@pytest.mark.parametrize(
    "action", ["approve", "remove_spam", "restore", "delete_selected"]
)
def test_bulk_admin_actions_keep_the_count_exact(superuser_client, scene, action):
    ids = [comment.pk for comment in scene["comments"]]
    before = set(Comment.objects.values_list("pk", "status"))
    # "post" confirms the deletion; the other actions ignore it.
    data = {"action": action, ACTION_CHECKBOX_NAME: ids, "post": "yes"}

    response = superuser_client.post("/admin/comments/comment/?queue=all", data)

    assert response.status_code == 302
    assert set(Comment.objects.values_list("pk", "status")) != before
    assert_counts_exact()


def test_deleting_one_comment_in_the_admin_keeps_the_count_exact(
    superuser_client, scene
):
    comment = scene["comment"]

    superuser_client.post(
        f"/admin/comments/comment/{comment.pk}/delete/", {"post": "yes"}
    )

    assert not Comment.objects.filter(pk=comment.pk).exists()
    assert_counts_exact()
    page = superuser_client.get(scene["article"].get_absolute_url())
    assert f'id="comment-{comment.pk}"' not in page.content.decode()


@pytest.fixture
def recorded(monkeypatch):
    """What each module of the moderation core asked the recorder to write."""
    calls = []

    def spy(comments, **written):
        calls.append({"comments": list(comments), **written})
        return recorder.record(comments, **written)

    for module in MODERATION_MODULES:
        if getattr(module, "record", None) is recorder.record:
            monkeypatch.setattr(module, "record", spy)
    return calls


# Each decision, taken on a comment in the state it applies to, and what it
# changes on the story page.
DECISIONS = {
    Decision.APPROVE: (Comment.Status.HELD, True),
    Decision.REMOVE: (Comment.Status.PUBLISHED, True),
    Decision.BAN: (Comment.Status.PUBLISHED, True),
    Decision.BAN_NAME: (Comment.Status.PUBLISHED, True),
    Decision.WATCH: (Comment.Status.PUBLISHED, False),
    Decision.TRUST: (Comment.Status.PUBLISHED, False),
    Decision.PICK: (Comment.Status.PUBLISHED, True),
    Decision.UNPICK: (Comment.Status.PUBLISHED, True),
    Decision.UNDO: (Comment.Status.PUBLISHED, True),
}


def test_every_decision_is_covered():
    assert set(DECISIONS) == set(Decision)


@pytest.mark.parametrize("decision", list(DECISIONS), ids=str)
def test_every_decision_writes_its_record_through_the_one_recorder(
    client, scene, recorded, decision, moderator
):
    status, shows_on_the_page = DECISIONS[decision]
    comment = scene["comment"]
    Comment.objects.filter(pk=comment.pk).update(
        status=status,
        hold_rule="premoderation" if status == Comment.Status.HELD else "",
        is_pick=decision == Decision.UNPICK,
    )
    moderation.recount_comments(scene["articles"])
    if decision == Decision.UNDO:
        moderation.remove([comment], by=moderator, reason=Reason.SPAM)
    url = scene["article"].get_absolute_url()
    before = client.get(url).content.decode()
    steps = comment.history.count()
    logged = LogEntry.objects.filter(user=moderator).count()
    recorded.clear()

    outcome = moderation.take(
        decision,
        Comment.objects.get(pk=comment.pk),
        by=moderator,
        reason=Reason.OFF_TOPIC if decision == Decision.REMOVE else None,
    )

    assert outcome.done, outcome.message
    assert recorded, "no change went through the recorder"
    assert all(call["by"] == moderator for call in recorded)
    assert comment.history.count() > steps
    assert ModerationEvent.objects.filter(comment=comment).latest("pk").moderator == (
        moderator
    )
    assert LogEntry.objects.filter(user=moderator).count() > logged
    assert_counts_exact()
    served = client.get(url).content.decode()
    cache.clear()
    fresh = client.get(url).content.decode()
    assert served == fresh
    assert (served != before) == shows_on_the_page
