import os
from datetime import timedelta
from html import unescape
from unittest import mock

import pytest
from captcha import views as captcha_views
from captcha.models import CaptchaStore
from django.urls import reverse
from django.utils import timezone

from comments.models import Comment, Report
from tests.conftest import captcha_from

from .support import comments_url, text_of

pytestmark = pytest.mark.django_db


def test_reader_posts_a_comment_and_sees_it_on_the_page_counted(
    client, article, comment_data
):
    response = client.post(
        comments_url(article),
        comment_data(user_name="Lena", body="Good to see the towns\nworking together."),
        HTTP_USER_AGENT="Firefox/140",
        REMOTE_ADDR="198.51.100.23",
    )

    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{article.get_absolute_url()}#comment-{comment.pk}"
    assert comment.status == Comment.Status.PUBLISHED
    assert comment.article == article
    assert comment.ip_address == "198.51.100.23"
    assert comment.user_agent == "Firefox/140"

    page = text_of(client.get(response["Location"]))
    assert "Thank you! Your comment is published." in page
    assert f'id="comment-{comment.pk}"' in page
    assert "Good to see the towns<br>working together." in page
    assert "1 comment" in page


def test_reloading_after_posting_does_not_post_twice(client, article, comment_data):
    response = client.post(comments_url(article), comment_data(), follow=True)

    client.get(response.redirect_chain[-1][0])

    assert response.status_code == 200
    assert Comment.objects.count() == 1


def test_wrong_captcha_keeps_what_the_reader_typed(client, article, comment_data):
    data = comment_data(
        user_name="Lena", body="My long and careful comment.", captcha_1="wrong"
    )

    response = client.post(comments_url(article), data)

    page = text_of(response)
    assert response.status_code == 400
    assert not Comment.objects.exists()
    assert "The words you typed did not match the picture" in page
    assert 'value="Lena"' in page
    assert ">\nMy long and careful comment.</textarea>" in page
    assert f'value="{data["captcha_0"]}"' not in page, "a fresh picture is shown"
    assert 'name="captcha_1" value=' not in page, "the old answer is not kept"


def test_a_captcha_answer_works_only_once(client, article, comment_data):
    data = comment_data()
    assert client.post(comments_url(article), data).status_code == 302

    second = client.post(comments_url(article), data | {"body": "Posting again."})

    assert second.status_code == 400
    assert "did not match the picture" in text_of(second)
    assert Comment.objects.count() == 1


def test_a_wrong_answer_uses_up_the_challenge(client, article, comment_data):
    data = comment_data()
    client.post(comments_url(article), data | {"captcha_1": "wrong"})

    retry = client.post(comments_url(article), data)

    assert retry.status_code == 400
    assert not Comment.objects.exists()


def test_expired_captcha_is_refused_with_text_kept(client, article, comment_data):
    data = comment_data(body="Written slowly.")
    CaptchaStore.objects.update(expiration=timezone.now() - timedelta(seconds=1))

    response = client.post(comments_url(article), data)

    assert response.status_code == 400
    assert "did not match the picture" in text_of(response)
    assert "Written slowly.</textarea>" in text_of(response)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"user_name": ""}, "Please enter a user name."),
        ({"user_name": "   "}, "Please enter a user name."),
        ({"body": ""}, "Please write your comment."),
        ({"body": " \n\t "}, "Please write your comment."),
        (
            {"user_name": "x" * 51},
            "Please keep your user name to 50 characters (it has 51).",
        ),
        (
            {"body": "y" * 3001},
            "Please keep your comment to 3000 characters (it has 3001).",
        ),
        ({"captcha_1": ""}, "Please type the words you see in the picture."),
    ],
)
def test_bad_input_gets_a_clear_message_and_keeps_the_text(
    client, article, comment_data, fields, message
):
    data = comment_data(user_name="Lena", body="Kept text.") | fields

    response = client.post(comments_url(article), data)

    page = text_of(response)
    assert response.status_code == 400
    assert message in page
    assert not Comment.objects.exists()
    if "user_name" not in fields:
        assert 'value="Lena"' in page
    if "body" not in fields:
        assert "Kept text.</textarea>" in page


def test_limits_count_characters_not_bytes(client, article, comment_data):
    data = comment_data(user_name="李" * 50, body="😀" * 3000)

    assert client.post(comments_url(article), data).status_code == 302
    assert Comment.objects.get().body == "😀" * 3000


def test_closed_story_refuses_a_comment_and_shows_the_text_back(
    client, article, comment_data
):
    data = comment_data(body="Too late, but I wrote it anyway.")
    article.comments_open = False
    article.save()

    response = client.post(comments_url(article), data)

    page = text_of(response)
    assert response.status_code == 403
    assert not Comment.objects.exists()
    assert "Comments on this story are closed, so your comment was not posted." in page
    assert "Too late, but I wrote it anyway.</textarea>" in page


def test_closed_story_shows_a_notice_instead_of_the_form(client, article):
    article.comments_open = False
    article.save()

    page = text_of(client.get(article.get_absolute_url()))

    assert "Comments on this story are closed." in page
    assert 'class="comment-form"' not in page
    assert "Racist, abusive and off-topic comments may be removed" in page


def test_new_image_keeps_the_text_and_posts_nothing(client, article, comment_data):
    data = comment_data(user_name="Lena", body="Half written.")

    response = client.post(comments_url(article), data | {"new_captcha": "1"})

    page = text_of(response)
    assert response.status_code == 200
    assert not Comment.objects.exists()
    assert 'value="Lena"' in page
    assert "Half written.</textarea>" in page
    assert f'value="{data["captcha_0"]}"' not in page
    assert "not posted" not in page


def test_posted_fields_cannot_set_status_ip_or_article(
    client, article, make_article, comment_data
):
    other = make_article()
    data = comment_data() | {
        "status": "removed",
        "ip_address": "10.0.0.1",
        "article": str(other.pk),
        "article_id": str(other.pk),
    }

    client.post(comments_url(article), data, REMOTE_ADDR="198.51.100.5")

    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PUBLISHED
    assert comment.ip_address == "198.51.100.5"
    assert comment.article == article


def test_comments_cannot_be_posted_to_drafts(client, make_article, comment_data):
    draft = make_article(status="draft")

    response = client.post(comments_url(draft), comment_data())

    assert response.status_code == 404
    assert not Comment.objects.exists()


def test_posting_takes_post_only(client, article):
    assert client.get(comments_url(article)).status_code == 405


def test_comment_text_is_escaped(client, article, comment_data):
    client.post(
        comments_url(article),
        comment_data(user_name="<b>Bold</b>", body='<script>alert("x")</script>'),
    )

    page = client.get(article.get_absolute_url()).content.decode()

    assert '<script>alert("x")</script>' not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "&lt;b&gt;Bold&lt;/b&gt;" in page


def test_captcha_image_shows_a_real_word_and_the_form_labels_it(client, article):
    page = client.get(f"/story/{article.slug}/comment/")
    captcha = captcha_from(page)

    image = client.get(f"/captcha/image/{captcha['captcha_0']}/")

    assert image.status_code == 200
    assert image["Content-Type"] == "image/png"
    assert len(captcha["captcha_1"].split()) == 2
    assert all(word.isalpha() for word in captcha["captcha_1"].split())
    assert (
        '<label for="id_captcha_1">Enter the two words you see:</label>'
        in page.content.decode()
    )
    assert "New image" in page.content.decode()


def test_permalink_finds_the_page_the_comment_is_on(client, article, make_comment):
    start = timezone.now() - timedelta(days=1)
    comments = [
        make_comment(article, created_at=start + timedelta(minutes=number))
        for number in range(60)
    ]
    oldest, newest = comments[0], comments[-1]

    assert client.get(newest.get_absolute_url())["Location"] == (
        f"{article.get_absolute_url()}#comment-{newest.pk}"
    )
    assert client.get(oldest.get_absolute_url())["Location"] == (
        f"{article.get_absolute_url()}?page=2#comment-{oldest.pk}"
    )


def test_permalink_of_a_hidden_comment_is_not_found(client, article, make_comment):
    held = make_comment(article, status=Comment.Status.HELD)
    removed = make_comment(article, status=Comment.Status.REMOVED)

    assert client.get(held.get_absolute_url()).status_code == 404
    assert client.get(removed.get_absolute_url()).status_code == 404


def test_reader_reports_a_comment_and_is_thanked(client, article, make_comment):
    comment = make_comment(article, body="Buy cheap watches at my site")
    report_url = f"/comments/{comment.pk}/report/"

    form = text_of(client.get(report_url))
    response = client.post(report_url, {"reason": "spam"}, follow=True)

    assert "Buy cheap watches at my site" in form
    assert "Spam" in form
    assert "Thank you for your report." in text_of(response)
    report = Report.objects.get()
    assert (report.comment, report.reason) == (comment, "spam")


def test_one_report_per_reader_per_comment_counts(client, article, make_comment):
    comment = make_comment(article)
    report_url = f"/comments/{comment.pk}/report/"

    client.post(report_url, {"reason": "spam"}, REMOTE_ADDR="192.0.2.50")
    client.post(report_url, {"reason": "abusive"}, REMOTE_ADDR="192.0.2.50")
    client.post(report_url, {"reason": "abusive"}, REMOTE_ADDR="192.0.2.51")

    assert comment.reports.count() == 2


def test_report_without_a_reason_asks_for_one(client, article, make_comment):
    comment = make_comment(article)

    response = client.post(f"/comments/{comment.pk}/report/", {})

    assert response.status_code == 400
    assert "Please pick a reason." in text_of(response)
    assert not Report.objects.exists()


def test_hidden_comments_cannot_be_reported(client, article, make_comment):
    removed = make_comment(article, status=Comment.Status.REMOVED)

    assert client.get(f"/comments/{removed.pk}/report/").status_code == 404


def test_audio_alternative_speaks_the_word(client, article, settings):
    if not settings.CAPTCHA_FLITE_PATH:
        if os.environ.get("CI"):
            pytest.fail("flite must be installed in CI for the audio captcha")
        pytest.skip("flite is not installed here, so the site offers no audio")
    page = client.get(f"/story/{article.slug}/comment/")
    key = captcha_from(page)["captcha_0"]
    audio_url = f"/captcha/audio/{key}.wav"

    with mock.patch(
        "captcha.views.captcha_audio", wraps=captcha_views.captcha_audio
    ) as speech:
        audio = client.get(audio_url)
        again = client.get(audio_url)

    assert f'href="{audio_url}"' in page.content.decode()
    assert audio.status_code == 200
    assert audio["Content-Type"] == "audio/wav"
    assert audio.content[:4] == b"RIFF"
    # The speech engine ran once for the two requests.
    assert again.content == audio.content
    assert speech.call_count == 1


def test_held_comment_is_not_shown_and_its_poster_is_told(
    client, article, comment_data
):
    article.premoderated = True
    article.save()

    response = client.post(
        comments_url(article), comment_data(body="Please approve me"), follow=True
    )

    page = text_of(response)
    assert "Your comment is held for review" in page
    assert "You do not need to post it again" in page
    story = text_of(client.get(article.get_absolute_url()))
    assert "Please approve me" not in story
    assert "0 comments" in story
    assert Comment.objects.get().status == Comment.Status.HELD


def test_enough_reader_reports_take_a_comment_off_the_page(
    client, article, make_comment, settings
):
    settings.NEWSROOM_REPORTS_TO_HOLD = 2
    comment = make_comment(article, body="Nasty remark")
    report_url = f"/comments/{comment.pk}/report/"

    client.post(report_url, {"reason": "abusive"}, REMOTE_ADDR="192.0.2.50")
    last = client.post(
        report_url, {"reason": "abusive"}, REMOTE_ADDR="198.51.100.51", follow=True
    )

    assert last.status_code == 200
    assert "Thank you for your report." in text_of(last)
    assert "Nasty remark" not in text_of(last)


def test_posting_to_a_story_taken_down_meanwhile_keeps_the_text(
    client, article, comment_data
):
    data = comment_data(body="Written before it vanished")
    article.status = article.Status.DRAFT
    article.save()

    response = client.post(comments_url(article), data)

    page = unescape(response.content.decode())
    assert response.status_code == 404
    assert "This story is no longer available" in page
    assert "Written before it vanished</textarea>" in page
    assert not Comment.objects.exists()


def test_a_moderator_gets_the_same_story_page_as_every_reader(
    moderator_client, article, make_comment
):
    from django.test import Client

    make_comment(article, body="Published remark")
    make_comment(article, body="Held remark", status=Comment.Status.HELD)
    moderator_client.get("/admin/")  # signed in, hint cookie set
    anonymous = Client()

    reader = anonymous.get(article.get_absolute_url())
    moderator = moderator_client.get(article.get_absolute_url())
    reader_again = anonymous.get(article.get_absolute_url())

    assert moderator.content == reader.content == reader_again.content
    assert "Held remark" not in reader.content.decode()
    assert moderator_client.cookies["newsroom_moderator"].value == "1"
    assert "/admin/" not in reader.content.decode()


def test_the_story_s_moderation_tools_are_for_moderators_only(
    moderator_client, article, make_comment
):
    from django.test import Client

    held = make_comment(article, body="Held remark", status=Comment.Status.HELD)
    url = reverse("comments:moderation_tools", args=[article.slug])

    assert Client().get(url).status_code == 404
    tools = moderator_client.get(url).json()

    assert [comment["pk"] for comment in tools["held"]] == [held.pk]
    assert tools["decide_url"] == "/admin/comments/comment/workspace/decide/"
    assert tools["csrf_token"]


def test_closing_all_comments_in_the_admin_closes_every_story_at_once(
    client, moderator_client, article, comment_data
):
    data = comment_data(body="Written just before the switch")
    client.get(article.get_absolute_url())  # cached with its form

    moderator_client.get("/admin/comments/commentsettings/")
    moderator_client.post(
        "/admin/comments/commentsettings/1/change/",
        {
            "close_all": "on",
            "outside_staffed_hours": "publish",
            "queue_order": "oldest",
            "watch_removals_days": "30",
        },
    )

    from django.test import Client

    page = Client().get(article.get_absolute_url()).content.decode()
    assert "Comments on this story are closed." in page
    refused = Client().post(comments_url(article), data)
    assert refused.status_code == 403
    assert "Written just before the switch" in refused.content.decode()
    assert not Comment.objects.exists()


def test_outside_staffed_hours_comments_are_held(client, article, comment_data):
    from datetime import time

    from comments.models import CommentSettings

    now = timezone.localtime().time()
    start = time((now.hour + 1) % 24)
    CommentSettings.objects.create(
        pk=1,
        staffed_from=start,
        staffed_until=time((now.hour + 2) % 24),
        outside_staffed_hours="hold",
    )

    client.post(comments_url(article), comment_data())

    assert Comment.objects.get().status == Comment.Status.HELD


def test_when_staffed_hours_end_cached_pages_show_comments_closed(
    client, article, comment_data
):
    from datetime import time

    from comments import switches
    from comments.models import CommentSettings

    assert "Add your comments" in client.get(article.get_absolute_url()).text
    now = timezone.localtime().time()
    # Staffed only later today: from now on, comments are closed.
    CommentSettings.objects.create(
        pk=1,
        staffed_from=time((now.hour + 1) % 24),
        staffed_until=time((now.hour + 2) % 24),
        outside_staffed_hours="close",
    )
    switches._known = (False, float("-inf"))  # a second has passed

    page = client.get(article.get_absolute_url()).text
    refused = client.post(comments_url(article), comment_data())

    assert "Comments on this story are closed." in page
    assert refused.status_code == 403
    assert not Comment.objects.exists()


def test_the_report_form_works_in_a_dialog_asking_for_json(
    client, article, make_comment, flood_limit
):
    comment = make_comment(article)
    address = f"/comments/{comment.pk}/report/"
    as_script = {"HTTP_ACCEPT": "application/json"}

    form = client.get(address + "?partial=form").content.decode()
    assert "<form" in form and "<html" not in form

    refused = client.post(
        address, {"reason": "illegal", "explanation": "", "good_faith": ""}, **as_script
    )
    assert refused.status_code == 400
    assert "<html" not in refused.content.decode()
    assert "Please explain why the comment is illegal." in unescape(
        refused.content.decode()
    )

    sent = client.post(address, {"reason": "spam"}, **as_script)
    assert sent.json() == {
        "message": "Thank you for your report. A moderator will look at the comment."
    }
    assert Report.objects.get().reason == "spam"

    flood_limit("reports", interval_seconds=60)
    client.post(address, {"reason": "spam"}, REMOTE_ADDR="192.0.2.80", **as_script)
    limited = client.post(
        address,
        {"reason": "other", "explanation": "Kept words."},
        REMOTE_ADDR="192.0.2.80",
        **as_script,
    )
    assert limited.status_code == 429
    assert "What you wrote is kept." in limited.json()["message"]
