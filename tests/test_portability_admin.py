"""Imports and backups from the admin: superusers only, run by the task
worker while the page shows their progress."""

import gzip
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from comments.models import Comment
from portability.models import Backup, ImportRun, JobStatus
from portability.storage import private_storage

EXPORTS = Path(__file__).parent / "exports"


@pytest.fixture
def stories(make_article):
    for slug in ("sea-wall", "ferry-timetable", "lighthouse-reunion"):
        make_article(slug=slug)


def upload(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, (EXPORTS / name).read_bytes())


def dry_run_of(name: str, admin_client, capture) -> ImportRun:
    """A finished dry run of an export file, asked for in the admin."""
    with capture(execute=True):
        admin_client.post(
            "/admin/portability/importrun/add/",
            {"format": "disqus", "export_file": upload(name), "dry_run": "on"},
        )
    return ImportRun.objects.get()


def backup_of(admin_client, capture) -> Backup:
    """A finished JSON Lines backup, asked for in the admin."""
    with capture(execute=True):
        admin_client.post("/admin/portability/backup/add/", {"kind": "jsonl"})
    return Backup.objects.get()


def test_moderators_see_neither_imports_nor_backups(moderator_client):
    for page in ("/admin/portability/importrun/", "/admin/portability/backup/"):
        assert moderator_client.get(page).status_code == 403
    assert "Imports, exports and backups" not in (
        moderator_client.get("/admin/").content.decode()
    )


def test_an_upload_is_imported_by_the_worker_with_its_report(
    admin_client, stories, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/admin/portability/importrun/add/",
            {
                "format": "disqus",
                "export_file": upload("disqus.xml"),
                "mapping_file": upload("disqus-mapping.csv"),
            },
        )
    run = ImportRun.objects.get()
    assert response.url == f"/admin/portability/importrun/{run.pk}/change/"
    assert run.status == JobStatus.DONE
    assert run.imported == 11 == Comment.objects.count()
    assert run.percent_read == 100
    page = admin_client.get(response.url).content.decode()
    assert "Imported 11 comments on 3 stories" in page
    assert 'http-equiv="refresh"' not in page
    # The upload is kept privately, never under the media folder.
    assert private_storage().exists(run.stored_as)


def test_a_waiting_import_page_follows_its_progress(admin_client, stories):
    # Without the commit, the worker has not started it.
    admin_client.post(
        "/admin/portability/importrun/add/",
        {"format": "disqus", "export_file": upload("disqus.xml")},
    )
    run = ImportRun.objects.get()
    assert run.status == JobStatus.WAITING
    page = admin_client.get(f"/admin/portability/importrun/{run.pk}/change/")
    assert '<meta http-equiv="refresh" content="2">' in page.content.decode()
    assert '<progress max="100" value="0">' in page.content.decode()


def test_the_wrong_file_is_refused_on_the_form(admin_client, stories):
    response = admin_client.post(
        "/admin/portability/importrun/add/",
        {"format": "disqus", "export_file": upload("wordpress.xml")},
    )
    assert response.status_code == 200
    assert "does not look like a Disqus export" in response.content.decode()
    assert not ImportRun.objects.exists()


def test_a_dry_run_then_for_real_without_uploading_again(
    admin_client, stories, django_capture_on_commit_callbacks
):
    dry = dry_run_of("disqus.xml", admin_client, django_capture_on_commit_callbacks)
    assert dry.report.splitlines()[1].startswith("Would import 9 comments")
    assert not Comment.objects.exists()
    page = admin_client.get(f"/admin/portability/importrun/{dry.pk}/change/")
    assert "would import 9" in page.content.decode()
    listing = admin_client.get("/admin/portability/importrun/").content.decode()
    assert "would import 9" in listing and "imported 9" not in listing

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/admin/portability/importrun/{dry.pk}/import-for-real/"
        )
    real = ImportRun.objects.exclude(pk=dry.pk).get()
    assert response.url == f"/admin/portability/importrun/{real.pk}/change/"
    assert (real.status, real.imported) == (JobStatus.DONE, 9)
    assert Comment.objects.count() == 9
    page = admin_client.get(response.url).content.decode()
    assert "imported 9" in page and "Import for real" not in page


def test_import_for_real_is_an_action_on_the_list_too(
    admin_client, stories, django_capture_on_commit_callbacks
):
    dry = dry_run_of("disqus.xml", admin_client, django_capture_on_commit_callbacks)
    assert "Import for real" in (
        admin_client.get(
            f"/admin/portability/importrun/{dry.pk}/change/"
        ).content.decode()
    )

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            "/admin/portability/importrun/",
            {"action": "import_for_real", "_selected_action": [dry.pk]},
        )
    assert Comment.objects.count() == 9


def test_a_backup_from_the_admin_downloads(
    admin_client, article, make_comment, django_capture_on_commit_callbacks
):
    make_comment(article, body="Kept safe.")
    backup = backup_of(admin_client, django_capture_on_commit_callbacks)
    assert (backup.status, backup.comment_count) == (JobStatus.DONE, 1)

    listing = admin_client.get("/admin/portability/backup/").content.decode()
    assert f"/admin/portability/backup/{backup.pk}/download/" in listing
    download = admin_client.get(f"/admin/portability/backup/{backup.pk}/download/")
    assert download["Content-Disposition"].startswith("attachment;")
    body = gzip.decompress(b"".join(download.streaming_content)).decode()
    assert "Kept safe." in body


def test_deleting_a_backup_deletes_its_file(
    admin_client, article, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post("/admin/portability/backup/add/", {"kind": "wxr"})
    backup = Backup.objects.get()
    assert backup.stored_as.endswith(".xml.gz")
    admin_client.post(f"/admin/portability/backup/{backup.pk}/delete/", {"post": "yes"})
    assert not Backup.objects.exists()
    assert not private_storage().exists(backup.stored_as)


def test_moderators_cannot_download_backups(moderator_client, admin_user):
    backup = Backup.objects.create(status=JobStatus.DONE, stored_as="backups/x.gz")
    response = moderator_client.get(f"/admin/portability/backup/{backup.pk}/download/")
    assert response.status_code == 403


@pytest.mark.parametrize("name", ["a" * 246 + ".xml", "é" * 200 + ".xml"])
def test_an_upload_with_a_very_long_name_is_kept_under_its_record(
    admin_client, stories, name
):
    data = (EXPORTS / "disqus.xml").read_bytes()
    response = admin_client.post(
        "/admin/portability/importrun/add/",
        {"format": "disqus", "export_file": SimpleUploadedFile(name, data)},
    )

    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert run.file_name == name
    assert private_storage().exists(run.stored_as)


def test_an_upload_whose_record_cannot_be_saved_leaves_no_file(admin_client, stories):
    from unittest import mock

    storage = private_storage()
    with (
        mock.patch.object(ImportRun, "save", side_effect=RuntimeError("disk full")),
        pytest.raises(RuntimeError),
    ):
        admin_client.post(
            "/admin/portability/importrun/add/",
            {"format": "disqus", "export_file": upload("disqus.xml")},
        )

    assert not storage.exists("imports") or storage.listdir("imports") == ([], [])


def test_a_backup_imports_back_as_it_downloads_gzip_and_all(
    admin_client, article, make_comment, django_capture_on_commit_callbacks
):
    make_comment(article, body="Kept safe.")
    backup = backup_of(admin_client, django_capture_on_commit_callbacks)
    download = admin_client.get(f"/admin/portability/backup/{backup.pk}/download/")
    compressed = b"".join(download.streaming_content)
    Comment.objects.all().delete()

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/admin/portability/importrun/add/",
            {
                "format": "newsroom",
                "export_file": SimpleUploadedFile("backup.jsonl.gz", compressed),
            },
        )
    assert response.status_code == 302
    run = ImportRun.objects.get()
    assert (run.status, run.imported, run.percent_read) == (JobStatus.DONE, 1, 100)
    assert Comment.objects.get().body == "Kept safe."


def test_a_damaged_gzip_file_is_refused_with_what_to_do(admin_client, stories):
    whole = gzip.compress((EXPORTS / "disqus.xml").read_bytes())
    response = admin_client.post(
        "/admin/portability/importrun/add/",
        {
            "format": "disqus",
            "export_file": SimpleUploadedFile("disqus.xml.gz", whole[:40]),
        },
    )
    assert response.status_code == 200
    assert "cannot be unpacked" in response.content.decode()
    assert not ImportRun.objects.exists()


def test_the_exports_are_found_by_their_name_in_the_admin(admin_client):
    index = admin_client.get("/admin/").content.decode()
    assert "Exports and backups" in index
    add = admin_client.get("/admin/portability/backup/add/").content.decode()
    assert "Add export" in add
