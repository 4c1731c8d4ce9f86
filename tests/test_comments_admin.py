import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Group, User

from comments import moderation
from comments.models import Ban, Comment, ModerationEvent, Reason

from .support import comments_url, text_of

pytestmark = pytest.mark.django_db

QUEUE = "/admin/comments/comment/"
Status = Comment.Status


def run_action(client, action, comments, **extra):
    return client.post(
        QUEUE + "?queue=all",
        {"action": action, ACTION_CHECKBOX_NAME: [c.pk for c in comments], **extra},
        follow=True,
    )


def test_anonymous_visitors_cannot_reach_the_admin(client, article, make_comment):
    make_comment(article)

    response = client.get(QUEUE)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_moderators_land_on_what_needs_attention(
    moderator_client, article, make_comment
):
    make_comment(article, body="Quietly published")
    make_comment(article, body="Waiting for a decision", status=Status.HELD)
    reported = make_comment(article, body="Reported by readers")
    moderation.report(comment=reported, reason=Reason.SPAM, reporter_ip="192.0.2.1")

    queue = text_of(moderator_client.get(QUEUE))
    everything = text_of(moderator_client.get(QUEUE + "?queue=all"))

    assert "Waiting for a decision" in queue
    assert "Reported by readers" in queue
    assert "Quietly published" not in queue
    assert "Quietly published" in everything


def test_queue_shows_the_rule_that_held_a_comment(moderator_client, article):
    article.premoderated = True
    article.save()
    moderation.submit(
        article=article, user_name="Lena", body="Hello", ip_address=None, user_agent=""
    )

    assert "Pre-moderation" in text_of(moderator_client.get(QUEUE))


def test_search_finds_comments_by_user_name_text_and_address(
    moderator_client, article, make_comment
):
    make_comment(article, user_name="Keelby Kate", body="About the wall")
    make_comment(article, user_name="Other", body="Nothing", ip_address="203.0.113.9")

    assert "Keelby Kate" in text_of(moderator_client.get(QUEUE + "?q=keelby"))
    assert "Keelby Kate" in text_of(moderator_client.get(QUEUE + "?q=wall"))
    by_ip = text_of(moderator_client.get(QUEUE + "?q=203.0.113.9"))
    assert "Other" in by_ip
    assert "Keelby Kate" not in by_ip


def test_moderator_approves_a_held_comment(moderator_client, article, make_comment):
    held = make_comment(article, body="Worth reading", status=Status.HELD)

    response = run_action(moderator_client, "approve", [held])

    assert "Approved 1 comment." in text_of(response)
    held.refresh_from_db()
    assert held.status == Status.PUBLISHED
    assert "Worth reading" in text_of(moderator_client.get(article.get_absolute_url()))


def test_moderator_removes_as_racist_then_restores(
    moderator_client, client, article, make_comment
):
    comment = make_comment(article, body="Hateful words")

    response = run_action(moderator_client, "remove_racist", [comment])

    assert "Removed 1 comment as racist." in text_of(response)
    page = text_of(moderator_client.get(article.get_absolute_url()))
    assert "Hateful words" not in page
    assert "0 comments" in page

    run_action(moderator_client, "restore", [comment])

    comment.refresh_from_db()
    assert comment.status == Status.PUBLISHED
    assert [event.action for event in comment.history.all()] == [
        ModerationEvent.Action.REMOVED,
        ModerationEvent.Action.RESTORED,
    ]


def test_actions_work_from_a_comments_own_page(moderator_client, article, make_comment):
    comment = make_comment(article)
    page = f"/admin/comments/comment/{comment.pk}/change/"

    moderator_client.post(
        page,
        {"CHANGE_FORM-action": "remove_spam", ACTION_CHECKBOX_NAME: [comment.pk]},
    )

    comment.refresh_from_db()
    assert comment.removal_reason == Reason.SPAM


def test_comment_page_shows_text_article_reports_and_history_read_only(
    moderator_client, article, make_comment, moderator
):
    comment = make_comment(article, body="Reader's own words")
    moderation.report(comment=comment, reason=Reason.OFF_TOPIC, reporter_ip="192.0.2.4")
    moderation.remove([comment], by=moderator, reason=Reason.OFF_TOPIC)

    response = moderator_client.get(f"/admin/comments/comment/{comment.pk}/change/")
    page = text_of(response)

    assert "Reader's own words" in page
    assert '<textarea name="body"' not in page
    assert f'href="{article.get_absolute_url()}"' in page
    assert "Off-topic" in page
    assert "Removed" in page
    assert "mod" in page


def test_moderators_cannot_delete_comments(moderator_client, article, make_comment):
    comment = make_comment(article)

    assert (
        moderator_client.get(
            f"/admin/comments/comment/{comment.pk}/delete/"
        ).status_code
        == 403
    )
    run_action(moderator_client, "delete_selected", [comment])

    assert Comment.objects.filter(pk=comment.pk).exists()


def test_a_superuser_can_erase_a_comment(client, article, make_comment):
    comment = make_comment(article)
    client.force_login(User.objects.create_superuser("chief", password="x"))

    client.post(f"/admin/comments/comment/{comment.pk}/delete/", {"post": "yes"})

    assert not Comment.objects.filter(pk=comment.pk).exists()


def test_moderators_read_articles_but_cannot_edit_them(moderator_client, article):
    change_page = f"/admin/articles/article/{article.pk}/change/"

    assert moderator_client.get("/admin/articles/article/").status_code == 200
    moderator_client.post(change_page, {"headline": "Rewritten by a moderator"})
    assert moderator_client.get("/admin/articles/article/add/").status_code == 403
    assert moderator_client.get("/admin/auth/user/").status_code == 403
    assert moderator_client.get("/admin/auth/group/").status_code == 403

    article.refresh_from_db()
    assert article.headline != "Rewritten by a moderator"


def test_moderator_closes_and_reopens_a_storys_comments(
    moderator_client, client, article
):
    moderator_client.post(
        "/admin/articles/article/",
        {"action": "close_comments", ACTION_CHECKBOX_NAME: [article.pk]},
    )

    assert "Comments on this story are closed." in text_of(
        client.get(article.get_absolute_url())
    )

    moderator_client.post(
        "/admin/articles/article/",
        {"action": "reopen_comments", ACTION_CHECKBOX_NAME: [article.pk]},
    )
    article.refresh_from_db()
    assert article.comments_open


def test_bulk_ban_asks_how_long_and_why_then_bans(
    moderator_client, client, article, make_comment, comment_data
):
    troll = make_comment(article, user_name="Troll", ip_address="127.0.0.1")

    form = run_action(moderator_client, "ban_posters", [troll])
    assert "Ban for" in text_of(form)
    assert not Ban.objects.exists()

    done = run_action(
        moderator_client,
        "ban_posters",
        [troll],
        apply="1",
        duration="7",
        reason="abusive",
        note="Third warning",
    )

    assert "Banned 1 poster." in text_of(done)
    ban = Ban.objects.get()
    assert (ban.user_name, ban.ip_address, ban.reason) == (
        "Troll",
        "127.0.0.1",
        "abusive",
    )
    assert ban.expires_at is not None

    refused = client.post(comments_url(article), comment_data(user_name="Someone"))
    assert refused.status_code == 403
    assert (
        "a moderator has banned this address, user name or confirmed e-mail"
        in text_of(refused)
    )
    assert "Well reported, thank you.</textarea>" in text_of(refused)


def test_bans_are_added_listed_searched_and_lifted_in_the_admin(
    moderator_client, moderator
):
    moderator_client.post(
        "/admin/comments/ban/add/",
        {"user_name": "Spammy", "duration": "forever", "reason": "spam", "note": ""},
    )
    ban = Ban.objects.get()
    assert ban.created_by == moderator
    assert ban.expires_at is None

    assert "Spammy" in text_of(moderator_client.get("/admin/comments/ban/?q=spammy"))

    moderator_client.post(
        "/admin/comments/ban/",
        {"action": "lift", ACTION_CHECKBOX_NAME: [ban.pk]},
    )
    ban.refresh_from_db()
    assert ban.lifted_by == moderator
    assert not ban.is_active


def test_moderators_manage_banned_words(moderator_client):
    moderator_client.post("/admin/comments/bannedword/add/", {"word": "scoundrel"})

    assert "scoundrel" in text_of(moderator_client.get("/admin/comments/bannedword/"))


def test_editors_cannot_moderate(client, article, make_comment):
    editor = User.objects.create_user("ed", password="x", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    comment = make_comment(article)

    run_action(client, "remove_spam", [comment])

    comment.refresh_from_db()
    assert comment.status == Status.PUBLISHED


def test_a_ban_s_record_offers_no_save_button(moderator_client, moderator):
    ban = moderation.ban(Ban(ip_address="192.0.2.66", reason=Reason.SPAM), by=moderator)

    page = moderator_client.get(f"/admin/comments/ban/{ban.pk}/change/")

    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert 'name="_continue"' not in page.content.decode()


def test_editors_never_see_or_search_posters_addresses(
    client, moderator_client, article, make_comment
):
    editor = User.objects.create_user("ed", password="x", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    make_comment(article, user_name="Quiet reader", ip_address="192.0.2.10")
    comment = make_comment(
        article,
        user_name="Other name",
        ip_address="192.0.2.10",
        user_agent="Mozilla/5.0 (Quiet browser)",
    )
    change = f"{QUEUE}{comment.pk}/change/"

    pages = [
        text_of(client.get(QUEUE + "?queue=all")),
        text_of(client.get(change)),
        text_of(client.get(QUEUE + "?queue=all&q=192.0.2.10")),
    ]

    for page in pages[:2]:
        assert "192.0.2.10" not in page
    for page in pages:
        assert "Quiet browser" not in page
        assert "from this address" not in page.lower()
    # Searching for the address finds no reader.
    assert "Quiet reader" not in pages[2]
    # Moderators hold the permission and see all of it.
    assert "192.0.2.10" in text_of(moderator_client.get(change))
    assert "Quiet browser" in text_of(moderator_client.get(change))
    found = text_of(moderator_client.get(QUEUE + "?queue=all&q=192.0.2.10"))
    assert "Quiet reader" in found
