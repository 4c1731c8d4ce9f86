"""Exports and backups: every comment with its history goes out, and comes
back whole."""

import gzip
import io
import json
from xml.etree import ElementTree

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from articles.models import Article
from comments import moderation
from comments.models import Comment, CommentStatus, ModerationEvent, Reason
from portability import backups, exports, imports
from portability.models import Backup, ImportedComment, JobStatus
from portability.storage import private_storage


@pytest.fixture
def conversation(article, make_article, moderator, flood_limit):
    """Comments in every state a newsroom's comments are in."""
    flood_limit("comments")
    other = make_article(slug="ferry-timetable", premoderated=True)
    chief = User.objects.create_user("chief", first_name="Ada", last_name="Chief")

    def post(story, name, body, reply_to=None):
        return moderation.submit(
            article=story,
            user_name=name,
            body=body,
            ip_address="198.51.100.7",
            user_agent="Firefox",
            reply_to=reply_to,
        )

    first = post(article, "Lena", "The wall is overdue.\n\nSecond paragraph.")
    reply = post(article, "Omar", "Overdue by ten years.", reply_to=first)
    post(article, "Lena", "Exactly, Omar.", reply_to=reply)
    rude = post(article, "Troll", "You are all fools.", reply_to=first)
    moderation.remove([rude], by=moderator, reason=Reason.ABUSIVE)
    moderation.pick([first], by=moderator)
    spam = post(article, "Deals", "Buy now")
    moderation.remove([spam], by=moderator, reason=Reason.SPAM)
    moderation.restore([spam], by=moderator)
    moderation.remove([spam], by=moderator, reason=Reason.SPAM)
    moderation.submit_as_staff(
        article=article,
        author=chief,
        body="Thanks for reading: we will follow the vote.",
        ip_address=None,
        user_agent="",
        reply_to=first,
    )
    erased = post(article, "Forgotten", "Please remove me later.")
    moderation.erase([erased], by=moderator)
    held = post(other, "Per", "Will the 06:40 still run?")
    assert held.status == CommentStatus.HELD
    approved = post(other, "Ingrid", "It did last year.", reply_to=held)
    moderation.approve([approved], by=moderator)
    return [article, other]


def signature(comment: Comment | None):
    if comment is None:
        return None
    return (comment.article.slug, comment.created_at, comment.user_name, comment.body)


def everything():
    """Each comment as it is stored, ids left out: they change on import."""
    rows = []
    for comment in Comment.objects.select_related(
        "article", "parent", "reply_to", "author"
    ).order_by("created_at"):
        history = [
            (
                event.action,
                event.moderator.username if event.moderator else None,
                event.reason,
                event.rule,
                event.detail,
                event.previous_status,
                event.created_at,
            )
            for event in comment.history.select_related("moderator")
        ]
        rows.append(
            {
                "comment": signature(comment),
                "status": comment.status,
                "removal_reason": comment.removal_reason,
                "hold_rule": comment.hold_rule,
                "ip_address": comment.ip_address,
                "user_agent": comment.user_agent,
                "author": comment.author.username if comment.author else None,
                "voice": comment.voice,
                "is_pick": comment.is_pick,
                "recommend_count": comment.recommend_count,
                "erased_at": comment.erased_at,
                "thread": signature(comment.parent),
                "reply_to": signature(comment.reply_to),
                "reply_count": comment.reply_count,
                "removed_reply_count": comment.removed_reply_count,
                "history": history,
            }
        )
    return rows


def empty_the_comments():
    Comment.objects.all().delete()
    ImportedComment.objects.all().delete()
    moderation.recount_comments(Article.objects.all())


def test_json_lines_export_then_import_gives_the_same_comments(conversation):
    before = everything()
    for story in conversation:
        story.refresh_from_db()
    counts_before = [(story.slug, story.comment_count) for story in conversation]
    assert counts_before == [("sea-wall", 4), ("ferry-timetable", 1)]
    out = io.BytesIO()
    assert exports.write_json_lines(out) == len(before)
    empty_the_comments()

    out.seek(0)
    report = imports.import_comments(out, kind="newsroom", file_name="backup.jsonl")

    assert report.imported_total == len(before)
    assert not report.unmatched and not report.unreadable
    after = everything()
    for row in after:
        # One more step: the import itself, naming the file.
        imported = row["history"].pop()
        assert imported[0] == ModerationEvent.Action.IMPORTED
        assert imported[4].startswith("backup.jsonl, ")
    assert after == before
    for story in conversation:
        story.refresh_from_db()
    assert [(story.slug, story.comment_count) for story in conversation] == (
        counts_before
    )


def test_json_lines_hold_everything_but_nothing_else(conversation):
    out = io.BytesIO()
    exports.write_json_lines(out)
    header, *lines = out.getvalue().decode().splitlines()

    assert json.loads(header)["format"] == "newsroom-comments"
    records = [json.loads(line) for line in lines]
    first = next(record for record in records if record["text"].startswith("The wall"))
    assert first["story"]["url"].endswith("/story/sea-wall/")
    assert first["ip_address"] == "198.51.100.7"
    assert [step["action"] for step in first["history"]] == ["picked"]
    staff = next(record for record in records if record["badge"])
    assert staff["staff_author"] == "chief"
    assert "password" not in out.getvalue().decode()


def test_wxr_export_is_a_wordpress_file_that_comes_back(conversation):
    before = everything()
    out = io.BytesIO()
    exports.write_wxr(out)

    tree = ElementTree.fromstring(out.getvalue())
    wp = "{http://wordpress.org/export/1.2/}"
    items = tree.findall("channel/item")
    assert sorted(item.find(f"{wp}post_name").text for item in items) == [
        "ferry-timetable",
        "sea-wall",
    ]
    approved = [
        comment.find(f"{wp}comment_approved").text
        for comment in tree.iter(f"{wp}comment")
    ]
    assert sorted(set(approved)) == ["0", "1", "spam", "trash"]

    empty_the_comments()
    out.seek(0)
    report = imports.import_comments(out, kind="wordpress", file_name="site.xml")

    assert report.imported_total == len(before)
    after = everything()
    for row in after:
        row["history"].pop()
    # WordPress keeps no badges, picks or staff accounts, and its times are
    # to the second: those differ, and everything else comes back.
    for row in [*before, *after]:
        for kept_elsewhere in ("author", "voice", "is_pick", "hold_rule"):
            row.pop(kept_elsewhere)
        for key in ("comment", "thread", "reply_to"):
            if row[key]:
                slug, when, name, body = row[key]
                row[key] = (slug, when.replace(microsecond=0), name, body)
    assert sorted(after, key=repr) == sorted(before, key=repr)


def test_export_command_writes_a_file(conversation, tmp_path):
    target = tmp_path / "comments.jsonl"
    call_command("export_comments", "--output", str(target), stderr=io.StringIO())

    assert len(target.read_text().splitlines()) == 1 + Comment.objects.count()


def test_backup_is_dated_compressed_and_only_the_newest_are_kept(
    conversation, settings
):
    settings.NEWSROOM_BACKUPS_KEPT = 2
    made = [
        backups.make(Backup.objects.create(kind=Backup.Kind.JSON_LINES))
        for _ in range(3)
    ]

    kept = list(Backup.objects.order_by("created_at"))
    assert kept == made[1:]
    assert not private_storage().exists(made[0].stored_as)
    newest = made[-1]
    assert newest.status == JobStatus.DONE
    assert newest.stored_as.startswith("backups/newsroom-comments-")
    assert newest.stored_as.endswith(".jsonl.gz")
    with private_storage().open(newest.stored_as) as stored:
        lines = gzip.decompress(stored.read()).decode().splitlines()
    assert len(lines) == 1 + Comment.objects.count() == 1 + newest.comment_count


def test_backup_command(conversation):
    out = io.StringIO()
    call_command("backup", "--keep", "1", stdout=out)

    [backup] = Backup.objects.all()
    assert f"Wrote {backup.stored_as}" in out.getvalue()
    assert private_storage().exists(backup.stored_as)
