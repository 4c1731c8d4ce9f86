import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from articles.models import Article
from comments.models import Comment, Report

pytestmark = pytest.mark.django_db


@pytest.fixture
def debug(settings):
    settings.DEBUG = True


def test_demo_content_covers_what_the_site_shows(debug, client):
    call_command("load_demo", stdout=io.StringIO())

    articles = Article.objects.published()
    assert articles.count() >= 6
    assert articles.values("section").distinct().count() >= 4
    assert articles.filter(kind=Article.Kind.OPINION).exclude(author_bio="").exists()
    assert articles.filter(comments_open=False).exists()
    assert Comment.objects.published().values("article").distinct().count() >= 3
    held_by = set(Comment.objects.held().values_list("hold_rule", flat=True))
    assert held_by == {"banned_word", "links", "staff_name"}
    # A conversation: replies, the story's author answering, a pick.
    assert Comment.objects.published().filter(parent__isnull=False).count() >= 4
    assert Comment.objects.filter(voice="author").exists()
    assert Comment.objects.picks().exists()
    # Due process: a removal that states its reason, a notice that waits.
    removed = Comment.objects.removed().get()
    story = client.get(removed.article.get_absolute_url()).content.decode()
    assert 'Reason: <a href="/community-rules/#spam">Spam</a>.' in story
    assert removed.body not in story
    assert Report.objects.illegal_content_notices().open().count() == 1
    for article in articles:
        assert article.lead_photo.width == 1200
        assert client.get(article.get_absolute_url()).status_code == 200


def test_loading_the_demo_twice_changes_nothing(debug, capsys):
    call_command("load_demo")
    counts = (Article.objects.count(), Comment.objects.count())

    call_command("load_demo")

    assert (Article.objects.count(), Comment.objects.count()) == counts
    assert "0 new stories loaded" in capsys.readouterr().out


def test_demo_moderator_can_log_in_and_reach_the_comments(debug, client, capsys):
    call_command("load_demo")

    assert "'moderator' with password 'newsroom-demo'" in capsys.readouterr().out
    client.post("/admin/login/", {"username": "moderator", "password": "newsroom-demo"})
    assert client.get("/admin/comments/comment/").status_code == 200
    assert client.get("/admin/comments/illegalcontentnotice/").status_code == 200


def test_demo_editor_in_chief_answers_legal_requests(debug, client, capsys):
    call_command("load_demo")

    assert "'chief' with password 'newsroom-demo'" in capsys.readouterr().out
    client.post("/admin/login/", {"username": "chief", "password": "newsroom-demo"})
    assert client.get("/admin/privacy/legalrequest/add/").status_code == 200


def test_demo_refuses_to_run_in_production(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="only runs with DJANGO_DEBUG on"):
        call_command("load_demo")
    assert not get_user_model().objects.exists()
