"""A database made before tips and the newsletter left the articles app,
with a row in every table, migrates without losing one."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE_THE_MOVE = [
    ("articles", "0003_tips_and_newsletter"),
    ("comments", "0005_trigram_search"),
]


def migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


def fill_every_table(apps) -> dict:
    now = timezone.now()
    user = apps.get_model("auth", "User").objects.create(username="mod")
    section = apps.get_model("articles", "Section").objects.create(
        name="World", slug="world"
    )
    article = apps.get_model("articles", "Article").objects.create(
        headline="Sea walls",
        slug="sea-walls",
        section=section,
        summary="s",
        byline="b",
        source="Newsroom",
        body="Body.",
        status="published",
        published_at=now,
    )
    Comment = apps.get_model("comments", "Comment")
    published = Comment.objects.create(
        article=article, user_name="Lena", body="Kept.", status="published"
    )
    Comment.objects.create(
        article=article,
        user_name="Held",
        body="Waiting.",
        status="held",
        hold_rule="premoderation",
    )
    apps.get_model("comments", "Report").objects.create(
        comment=published, reason="spam", reporter_ip="192.0.2.9"
    )
    apps.get_model("comments", "ModerationEvent").objects.create(
        comment=published, action="approved", moderator=user
    )
    apps.get_model("comments", "Ban").objects.create(
        ip_address="192.0.2.66", reason="abusive", created_by=user
    )
    apps.get_model("comments", "BannedWord").objects.create(word="spamword")
    apps.get_model("articles", "Tip").objects.create(
        name="Ines", email="ines@example.org", story="The ferry is late."
    )
    apps.get_model("articles", "Subscriber").objects.create(
        email="reader@example.org", confirmed_at=now
    )
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    tip_type, _ = ContentType.objects.get_or_create(app_label="articles", model="tip")
    view_tip, _ = Permission.objects.get_or_create(
        content_type=tip_type, codename="view_tip", defaults={"name": "Can view"}
    )
    return {"view_tip": view_tip.pk}


def test_migrating_keeps_every_row_of_every_table():
    executor = migrate([*BEFORE_THE_MOVE, ("tips", None), ("newsletter", None)])
    state = executor.loader.project_state(
        [
            *BEFORE_THE_MOVE,
            ("contenttypes", "0002_remove_content_type_name"),
            ("auth", "0012_alter_user_first_name_max_length"),
        ]
    )
    before = fill_every_table(state.apps)

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    from django.contrib.auth.models import Permission

    from articles.models import Article, Section
    from comments.models import Ban, BannedWord, Comment, ModerationEvent, Report
    from newsletter.models import Subscriber
    from tips.models import Tip

    assert Section.objects.get().slug == "world"
    article = Article.objects.get()
    assert article.comment_count == 1  # counted when the field arrived
    assert Comment.objects.count() == 2
    # Only the held comment is marked as never seen by readers.
    assert set(Comment.objects.values_list("user_name", "was_public")) == {
        ("Lena", True),
        ("Held", False),
    }
    report = Report.objects.get()
    assert report.reason == "spam"
    # Reports learned their network and outcome when holding began to count
    # networks.
    assert (report.reporter_network, report.outcome) == ("192.0.2.0/24", "open")
    assert ModerationEvent.objects.get().moderator.username == "mod"
    assert Ban.objects.get().ip_address == "192.0.2.66"
    assert BannedWord.objects.get().word == "spamword"
    assert Tip.objects.get().story == "The ferry is late."
    assert Subscriber.objects.confirmed().get().email == "reader@example.org"
    # Permissions (and so the groups holding them) follow the moved models.
    assert (
        Permission.objects.get(content_type__app_label="tips", codename="view_tip").pk
        == before["view_tip"]
    )
