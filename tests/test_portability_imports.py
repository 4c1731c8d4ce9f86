"""Importing comments from Disqus and WordPress exports (tests/exports/,
files written for these tests in each format's published shape)."""

import gc
import io
import json
import tracemalloc
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles import page_cache
from bench.import_at_scale import write_disqus_export
from comments import extensions
from comments.models import Comment, CommentStatus, HoldRule, ModerationEvent, Reason
from portability import imports
from portability.models import ImportedComment
from portability.sources import NEWSROOM_FORMAT, UnreadableExport

EXPORTS = Path(__file__).parent / "exports"


@pytest.fixture
def stories(make_article):
    return {
        slug: make_article(slug=slug, headline=slug.replace("-", " ").title())
        for slug in ("sea-wall", "ferry-timetable", "lighthouse-reunion")
    }


def import_file(name: str, kind: str, **options) -> imports.ImportReport:
    with (EXPORTS / name).open("rb") as stream:
        return imports.import_comments(stream, kind=kind, file_name=name, **options)


def by_name(story, name: str) -> Comment:
    return Comment.objects.get(article=story, user_name=name)


def test_disqus_comments_land_on_their_stories_in_their_threads(stories):
    report = import_file("disqus.xml", "disqus")

    wall = stories["sea-wall"]
    first = Comment.objects.get(article=wall, body__startswith="Good to see")
    assert first.user_name == "Marit Olsen"
    assert first.status == CommentStatus.PUBLISHED
    assert first.parent is None
    assert first.ip_address == "198.51.100.23"
    assert first.created_at.isoformat() == "2019-03-01T09:15:00+00:00"
    # Markup dropped, paragraphs kept, entities decoded.
    assert first.body == (
        "Good to see the council act before the spring tides.\n\n"
        "The old wall was fifty years old & cracked."
    )
    reply = Comment.objects.get(article=wall, body__startswith="Cracked where")
    assert reply.parent == first and reply.reply_to == first
    assert "2018 survey (https://surveys.example.org/wall-2018)" in reply.body
    assert reply.ip_address == "2001:db8::7"
    # A reply to a reply joins the thread and says whom it answers.
    answer = Comment.objects.get(article=wall, body__startswith="At the north end")
    assert answer.parent == first and answer.reply_to == reply
    assert answer.body == "At the north end, by the slipway.\nI walk past it daily."
    assert answer.is_pick

    assert report.imported_total == 9
    assert report.made_top_level == 1
    assert len(report.unmatched) == 1


def test_each_disqus_status_becomes_ours(stories):
    import_file("disqus.xml", "disqus")
    wall = stories["sea-wall"]

    spam = by_name(wall, "Best Deals")
    assert (spam.status, spam.removal_reason) == (CommentStatus.REMOVED, Reason.SPAM)
    deleted = Comment.objects.get(article=wall, body="I take back what I said.")
    assert (deleted.status, deleted.removal_reason) == (
        CommentStatus.REMOVED,
        Reason.OTHER,
    )
    assert deleted.ip_address is None  # "not-an-address" is not kept
    pending = Comment.objects.get(article=wall, body__startswith="Waiting for approval")
    assert (pending.status, pending.hold_rule) == (
        CommentStatus.HELD,
        HoldRule.IMPORTED,
    )
    assert pending.user_name == imports.NAMELESS


def test_hostile_markup_becomes_harmless_text(stories, client):
    import_file("disqus.xml", "disqus")
    pending = Comment.objects.get(body__startswith="Waiting for approval")

    assert pending.body == (
        "Waiting for approval: hello look <script>not a tag</script> café — done"
    )
    assert "onerror" not in pending.body
    assert "javascript" not in pending.body
    assert "document.cookie" not in pending.body
    # On the page, the literal text is escaped like any reader's.
    Comment.objects.filter(pk=pending.pk).update(
        status=CommentStatus.PUBLISHED, hold_rule=""
    )
    page_cache.invalidate_comments("sea-wall")
    html = client.get("/story/sea-wall/").content.decode()
    assert "&lt;script&gt;not a tag&lt;/script&gt;" in html
    assert "<script>not a tag" not in html


def test_replies_before_their_comment_or_without_it(stories):
    import_file("disqus.xml", "disqus")
    ferry = stories["ferry-timetable"]

    early = by_name(ferry, "Ingrid Dahl")
    question = Comment.objects.get(article=ferry, body__startswith="Will the 06:40")
    assert early.parent == question and early.reply_to == question
    orphan = Comment.objects.get(article=ferry, body__startswith="Answering a comment")
    assert orphan.parent is None and orphan.reply_to is None


def test_unmatched_threads_are_reported_not_guessed(stories):
    report = import_file("disqus.xml", "disqus")

    assert not Comment.objects.filter(article=stories["lighthouse-reunion"]).exists()
    assert not Comment.objects.filter(body__contains="reunion").exists()
    [unmatched] = report.unmatched.values()
    assert unmatched.title == "Lighthouse keepers' reunion"
    assert unmatched.comments == 2
    text = "\n".join(report.lines())
    assert "Not imported: 2 comments in 1 thread" in text
    assert "https://blog.harbourgazette.example/?p=888" in text


def test_a_mapping_file_matches_what_addresses_cannot(stories):
    with (EXPORTS / "disqus-mapping.csv").open(encoding="utf-8") as rows:
        mapping = imports.read_mapping(rows)

    report = import_file("disqus.xml", "disqus", mapping=mapping)

    reunion = stories["lighthouse-reunion"]
    top = by_name(reunion, "Old Keeper")
    assert by_name(reunion, "Anna Vik").parent == top
    assert not report.unmatched


def test_a_thread_that_fits_two_stories_is_not_guessed(make_article):
    # Its address names one story, its identifier another.
    make_article(slug="sea-wall")
    make_article(slug="sea-wall-2019")

    report = import_file("disqus.xml", "disqus")

    assert (
        not Comment.objects.exists()
        or not Comment.objects.filter(body__startswith="Good to see").exists()
    )
    assert "several stories (sea-wall, sea-wall-2019)" in "\n".join(report.lines())


def test_importing_twice_imports_nothing_twice(stories):
    import_file("disqus.xml", "disqus")
    first = sorted(Comment.objects.values_list("pk", "body", "status"))

    again = import_file("disqus.xml", "disqus")

    assert sorted(Comment.objects.values_list("pk", "body", "status")) == first
    assert again.imported_total == 0
    assert again.already_imported == 9


def test_counts_and_pages_are_brought_up_to_date(stories, client):
    before = client.get("/story/sea-wall/").content.decode()
    assert "Good to see the council" not in before

    import_file("disqus.xml", "disqus")

    wall = stories["sea-wall"]
    wall.refresh_from_db()
    assert wall.comment_count == 3  # published: the comment and two replies
    top = Comment.objects.get(article=wall, body__startswith="Good to see")
    assert top.reply_count == 2
    assert top.removed_reply_count == 1
    after = client.get("/story/sea-wall/").content.decode()
    assert "Good to see the council" in after
    assert "Cheap watches" not in after


def test_history_says_where_each_comment_came_from(stories):
    import_file("disqus.xml", "disqus")

    spam = Comment.objects.get(user_name="Best Deals")
    [step] = spam.history.all()
    assert step.action == ModerationEvent.Action.IMPORTED
    assert step.reason == Reason.SPAM
    assert step.detail.startswith("disqus.xml, ")
    assert step.moderator is None


def test_dry_run_reports_and_imports_nothing(stories):
    report = import_file("disqus.xml", "disqus", dry_run=True)

    assert not Comment.objects.exists()
    assert report.imported_total == 9
    assert report.lines()[1].startswith("Would import 9 comments on 2 stories")


def test_wordpress_comments_statuses_and_threads(stories):
    report = import_file("wordpress.xml", "wordpress", mapping={"41": "sea-wall"})

    wall = stories["sea-wall"]
    hanna = Comment.objects.get(article=wall, user_name="Hanna Lind", parent=None)
    assert hanna.status == CommentStatus.PUBLISHED
    assert hanna.created_at.isoformat() == "2024-10-31T10:20:00+00:00"
    assert hanna.body == (
        "At last. My cellar flooded twice last winter.\n\n"
        "Thanks to everyone who came to the meeting."
    )
    olle = by_name(wall, "Olle")
    assert olle.parent == hanna
    assert olle.body == (
        "Same here — twice. The flood map "
        "(https://valleycourier.example/flood-map) shows our street."
    )
    question = Comment.objects.get(article=wall, body="Which street, Olle?")
    assert question.status == CommentStatus.HELD
    assert question.parent == hanna and question.reply_to == olle
    spam = by_name(wall, "casino-bonus")
    assert (spam.status, spam.removal_reason) == (CommentStatus.REMOVED, Reason.SPAM)
    trashed = by_name(wall, "Rude Reader")
    assert trashed.status == CommentStatus.REMOVED
    assert trashed.body == "You are all idiots"
    # Pingbacks are not readers' comments; the page "About us" is no story.
    assert not Comment.objects.filter(user_name="Another Blog").exists()
    assert report.skipped_notices == 1
    assert report.imported_total == 5
    text = "\n".join(report.lines())
    assert "Not imported: 1 comment in 1 thread" in text
    assert "About us <https://valleycourier.example/about/>" in text
    # A page without comments is no loss, and not listed.
    assert "harbour-photo" not in text


def test_refuses_entity_expansion(stories):
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b'<disqus xmlns="http://disqus.com"><post><message>&lol2;</message></post></disqus>'
    )
    with pytest.raises(UnreadableExport, match="entities"):
        imports.import_comments(io.BytesIO(bomb), kind="disqus", file_name="bomb.xml")
    assert not Comment.objects.exists()


def test_refuses_external_entities(stories):
    external = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<disqus xmlns="http://disqus.com"><post><message>&x;</message></post></disqus>'
    )
    with pytest.raises(UnreadableExport):
        imports.import_comments(io.BytesIO(external), kind="disqus", file_name="x.xml")


def test_the_wrong_kind_of_file_is_refused_clearly(stories):
    with pytest.raises(UnreadableExport, match="not a Disqus export"):
        import_file("wordpress.xml", "disqus")
    with pytest.raises(UnreadableExport, match="not well-formed"):
        imports.import_comments(
            io.BytesIO(b"<disqus><post>"), kind="disqus", file_name="cut.xml"
        )


def test_command_reports_and_refuses_clearly(stories, tmp_path):
    out = io.StringIO()
    call_command(
        "import_comments",
        "disqus",
        str(EXPORTS / "disqus.xml"),
        "--mapping",
        str(EXPORTS / "disqus-mapping.csv"),
        "--no-progress",
        stdout=out,
    )
    assert "Imported 11 comments on 3 stories" in out.getvalue()

    broken = tmp_path / "broken.xml"
    broken.write_text("<rss><channel><item>")
    with pytest.raises(CommandError, match=r"broken\.xml could not be read"):
        call_command("import_comments", "wordpress", str(broken), "--no-progress")


def test_import_memory_does_not_grow_with_the_file(
    make_article, tmp_path, monkeypatch, request
):
    """Generated Disqus exports of 1,000 and 4,000 comments, in batches of
    100: four times the file must not take anything like four times the
    memory (a reader that kept each element, or an importer that kept each
    comment, would). bench/import_at_scale.py measures 100,000."""
    monkeypatch.setattr(imports.importer, "BATCH", 100)
    for n in range(20):
        make_article(slug=f"story-{n}")
    # Garbage collected often, so that the peak is what the import holds,
    # not how long the collector waited.
    thresholds = gc.get_threshold()
    gc.set_threshold(100, 1, 1)
    request.addfinalizer(lambda: gc.set_threshold(*thresholds))

    def peak_memory(comments: int) -> int:
        ImportedComment.objects.all().delete()  # each file imports whole
        export = tmp_path / f"export-{comments}.xml"
        write_disqus_export(export, comments, stories=20)
        gc.collect()
        tracemalloc.start()
        with export.open("rb") as stream:
            report = imports.import_comments(
                stream, kind="disqus", file_name=export.name
            )
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert report.imported_total == comments
        return peak

    # Comments are scored a batch at a time and the scores kept nowhere;
    # under tracemalloc the models' arithmetic would take most of the time.
    with extensions.risk_scorers.emptied():
        peak_memory(200)  # whatever is loaded once, loaded before measuring
        small, large = peak_memory(1000), peak_memory(4000)
    # Twice, not four times: what a worker ran before leaves the collector
    # a little more or less to do (1.1x alone, 1.6x once after the
    # PostgreSQL suite); a reader or importer that kept each comment grows
    # nearly fourfold.
    assert large < 2 * small, f"peak memory {small:,} B, then {large:,} B"


def test_replies_in_any_order_find_their_threads(article):
    def post(key: str, parent: str = "") -> str:
        answers = f'<parent dsq:id="{parent}"/>' if parent else ""
        return (
            f'<post dsq:id="{key}"><message>Post {key}</message>'
            f"<createdAt>2020-01-01T00:00:0{key[-1]}Z</createdAt>"
            f'<author><name>{key}</name></author><thread dsq:id="t"/>{answers}</post>'
        )

    export = (
        '<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">'
        '<thread dsq:id="t"><link>https://old.example/story/sea-wall/</link></thread>'
        + post("c3", "b2")
        + post("b2", "a1")
        + post("a1")
        + post("e5", "d4")
        + post("d4", "x9")
        + "</disqus>"
    ).encode()

    report = imports.import_comments(
        io.BytesIO(export), kind="disqus", file_name="shuffled.xml"
    )

    a, b, c, d, e = (
        Comment.objects.get(user_name=name) for name in ("a1", "b2", "c3", "d4", "e5")
    )
    assert (b.parent, b.reply_to) == (a, a)
    assert (c.parent, c.reply_to) == (a, b)
    assert d.parent is None  # it answers a comment the file does not hold
    assert (e.parent, e.reply_to) == (d, d)
    assert report.made_top_level == 1
    article.refresh_from_db()
    assert article.comment_count == 5


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_the_same_file_imported_twice_at_once_is_stored_once(make_article):
    # Two workers (threads, each with its own connection) race through the
    # same file; the unique (origin, id) row decides which stores each.
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection

    make_article(slug="sea-wall")
    make_article(slug="ferry-timetable")

    def run(_):
        try:
            return import_file("disqus.xml", "disqus")
        finally:
            connection.close()

    with ThreadPoolExecutor(2) as pool:
        reports = list(pool.map(run, range(2)))

    assert Comment.objects.count() == 9
    assert ImportedComment.objects.count() == 9
    assert sum(report.imported_total for report in reports) == 9
    assert sum(report.already_imported for report in reports) == 9


def test_a_comment_that_cannot_be_read_is_reported_and_the_rest_imported(article):
    export = (
        b'<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">'
        b'<thread dsq:id="t"><link>https://old.example/story/sea-wall/</link></thread>'
        b'<post dsq:id="1"><message>Dated</message><createdAt>2020-01-01T00:00:00Z'
        b'</createdAt><author><name>A</name></author><thread dsq:id="t"/></post>'
        b'<post dsq:id="2"><message>Undated</message><createdAt>yesterday</createdAt>'
        b'<author><name>B</name></author><thread dsq:id="t"/></post>'
        b"</disqus>"
    )

    report = imports.import_comments(
        io.BytesIO(export), kind="disqus", file_name="odd.xml"
    )

    assert list(Comment.objects.values_list("body", flat=True)) == ["Dated"]
    assert "comment 2: not a date: 'yesterday'" in "\n".join(report.lines())


def test_refuses_any_document_type_as_it_says(stories):
    plain_doctype = (
        b'<?xml version="1.0"?><!DOCTYPE disqus>'
        b'<disqus xmlns="http://disqus.com"><post><message>Hi</message></post></disqus>'
    )
    with pytest.raises(UnreadableExport, match="document type"):
        imports.import_comments(
            io.BytesIO(plain_doctype), kind="disqus", file_name="d.xml"
        )


def newsroom_line(key: str, text: str) -> bytes:
    row = {
        "id": key,
        "story": {"slug": "sea-wall", "headline": "Sea wall"},
        "thread": None,
        "reply_to": None,
        "user_name": "Reader",
        "text": text,
        "posted_at": "2026-11-01T10:00:00+00:00",
        "status": "published",
    }
    return json.dumps(row).encode() + b"\n"


NEWSROOM_HEADER = b'{"format": "%s", "site": "old"}\n' % NEWSROOM_FORMAT.encode()


def test_a_huge_line_is_reported_without_being_read_whole(stories):
    export = (
        NEWSROOM_HEADER
        + b'{"id": "1", "text": "'
        + b"x" * (15 * 1024 * 1024)
        + b'"}\n'
        + newsroom_line("2", "After the huge one.")
    )
    tracemalloc.start()
    try:
        report = imports.import_comments(
            io.BytesIO(export), kind="newsroom", file_name="big.jsonl"
        )
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert peak < 5 * 1024 * 1024
    assert Comment.objects.get().body == "After the huge one."
    assert any("longer than" in line for line in report.lines())


def test_comments_past_the_length_limit_are_reported_not_imported(stories):
    export = (
        NEWSROOM_HEADER
        + newsroom_line("1", "word " * 700)
        + newsroom_line("2", "e" + "\u0301" * 20_000)
        + newsroom_line("3", "Short and fine.")
    )

    report = imports.import_comments(
        io.BytesIO(export), kind="newsroom", file_name="long.jsonl"
    )

    assert list(Comment.objects.values_list("body", flat=True)) == ["Short and fine."]
    reported = "\n".join(report.lines())
    assert "comment 1: longer than the 3,000 characters" in reported
    assert "comment 2: longer than" in reported
