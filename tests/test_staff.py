import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.test import Client

from articles.models import Article, Section
from comments import moderation

pytestmark = pytest.mark.django_db


def permissions_of(name: str) -> set[str]:
    group = Group.objects.get(name=name)
    return {
        f"{permission.content_type.app_label}.{permission.codename}"
        for permission in group.permissions.select_related("content_type")
    }


def test_setup_groups_gives_moderators_comments_and_read_only_articles():
    call_command("setup_groups", verbosity=0)

    moderators = permissions_of("Moderators")
    assert "comments.can_moderate" in moderators
    assert "articles.view_article" in moderators
    assert "articles.change_article" not in moderators
    assert "comments.delete_comment" not in moderators
    assert not any(permission.startswith("auth.") for permission in moderators)


def test_setup_groups_gives_editors_articles_and_read_only_comments():
    call_command("setup_groups", verbosity=0)

    editors = permissions_of("Editors")
    assert "articles.change_article" in editors
    assert "comments.view_comment" in editors
    assert "comments.can_moderate" not in editors


def test_setup_groups_puts_back_permissions_that_drifted():
    call_command("setup_groups", verbosity=0)
    moderators = Group.objects.get(name="Moderators")
    moderators.permissions.clear()

    call_command("setup_groups", verbosity=0)

    assert "comments.can_moderate" in permissions_of("Moderators")


def test_create_moderator_makes_a_staff_member_of_the_moderators(capsys):
    call_command("create_moderator", "maria")

    user = get_user_model().objects.get(username="maria")
    password = capsys.readouterr().out.split("password ")[1].strip(" '.\n")
    assert user.is_staff
    assert not user.is_superuser
    assert user.groups.filter(name="Moderators").exists()
    assert user.check_password(password)


def test_create_moderator_refuses_an_existing_name():
    call_command("create_moderator", "maria", password="s3cret-pass")

    with pytest.raises(CommandError, match="already exists"):
        call_command("create_moderator", "maria")


def test_guesses_at_one_account_from_many_addresses_are_stopped(
    client, moderator, flood_limit
):
    flood_limit("staff_login_failures", per_hour=5)
    for number in range(5):
        client.post(
            "/admin/login/",
            {"username": "mod", "password": f"guess {number}"},
            REMOTE_ADDR=f"198.51.100.{number + 1}",
        )

    response = client.post(
        "/admin/login/",
        {"username": "MOD", "password": "mod-pass-123"},
        REMOTE_ADDR="198.51.100.99",
    )

    assert "Too many wrong passwords were tried for this account" in (
        response.content.decode()
    )
    assert "_auth_user_id" not in client.session
    # Other accounts sign in as usual.
    User = get_user_model()
    User.objects.create_user("editor", password="ed-pass-123", is_staff=True)
    signed_in = client.post(
        "/admin/login/",
        {"username": "editor", "password": "ed-pass-123"},
        REMOTE_ADDR="198.51.100.99",
    )
    assert signed_in.status_code == 302


def test_guesses_from_many_addresses_never_lock_the_owner_out_of_their_browser(
    client, moderator
):
    owner = Client()
    signed_in = owner.post(
        "/admin/login/",
        {"username": "mod", "password": "mod-pass-123"},
        REMOTE_ADDR="203.0.113.7",
    )
    assert signed_in.status_code == 302
    owner.post("/admin/logout/")
    # 20 guesses in any letter case from 5 addresses, and 20 more a minute on.
    for number in range(40):
        client.post(
            "/admin/login/",
            {"username": ["mod", "MOD", "Mod"][number % 3], "password": "guess"},
            REMOTE_ADDR=f"198.51.100.{number % 5 + 1}",
        )

    stranger = Client().post(
        "/admin/login/",
        {"username": "mod", "password": "mod-pass-123"},
        REMOTE_ADDR="192.0.2.50",
    )
    back = owner.post(
        "/admin/login/",
        {"username": "mod", "password": "mod-pass-123"},
        REMOTE_ADDR="203.0.113.7",
        follow=True,
    )

    # A browser the account never used waits; the owner's own does not.
    assert "Sign in from a browser you have signed in from before" in stranger.text
    assert back.redirect_chain and back.wsgi_request.user == moderator
    told = [str(message) for message in back.context["messages"]]
    assert any(
        "wrong passwords were tried for your account from other" in m for m in told
    )
    assert any(m.startswith("20 ") for m in told)


def test_wrong_passwords_from_the_owners_browser_are_limited_there(
    moderator, flood_limit
):
    flood_limit("staff_login_device_failures", per_hour=3)
    owner = Client()
    owner.post("/admin/login/", {"username": "mod", "password": "mod-pass-123"})
    owner.post("/admin/logout/")
    for _ in range(3):
        owner.post("/admin/login/", {"username": "mod", "password": "typo"})

    refused = owner.post(
        "/admin/login/", {"username": "mod", "password": "mod-pass-123"}
    )

    assert "Too many wrong passwords were tried from this browser" in refused.text
    # Someone else's guesses at the account are counted apart.
    assert (
        Client()
        .post("/admin/login/", {"username": "mod", "password": "mod-pass-123"})
        .status_code
        == 302
    )


def test_a_device_cookie_of_another_account_counts_for_nothing(
    client, moderator, flood_limit
):
    flood_limit("staff_login_failures", per_hour=2)
    User = get_user_model()
    User.objects.create_user("editor", password="ed-pass-123", is_staff=True)
    client.post("/admin/login/", {"username": "editor", "password": "ed-pass-123"})
    client.post("/admin/logout/")
    for _ in range(2):
        client.post("/admin/login/", {"username": "mod", "password": "guess"})

    refused = client.post(
        "/admin/login/", {"username": "mod", "password": "mod-pass-123"}
    )

    assert "Sign in from a browser you have signed in from before" in refused.text


def test_signing_in_does_not_count_against_the_account(client, moderator, flood_limit):
    flood_limit("staff_login_failures", per_hour=2)

    for _ in range(4):
        response = client.post(
            "/admin/login/", {"username": "mod", "password": "mod-pass-123"}
        )
        client.logout()

    assert response.status_code == 302


def test_guesses_from_the_owners_own_address_do_not_pause_the_owners_browser(
    moderator,
):
    office = {"REMOTE_ADDR": "203.0.113.7"}
    owner = Client()
    owner.post(
        "/admin/login/", {"username": "mod", "password": "mod-pass-123"}, **office
    )
    owner.post("/admin/logout/", **office)
    guesser = Client()
    for number in range(8):  # more than the address may fail
        guesser.post(
            "/admin/login/",
            {"username": "mod", "password": f"guess {number}"},
            **office,
        )

    paused = guesser.post(
        "/admin/login/", {"username": "mod", "password": "mod-pass-123"}, **office
    )
    back = owner.post(
        "/admin/login/", {"username": "mod", "password": "mod-pass-123"}, **office
    )

    assert paused.status_code == 429
    assert "pausing sign-ins from your connection for 15 minutes" in paused.text
    assert back.status_code == 302


def test_a_moderator_sets_a_sections_comment_rules_and_nothing_else(
    moderator_client, section
):
    page = moderator_client.get(f"/admin/articles/section/{section.pk}/change/")
    assert page.status_code == 200
    form = page.context["adminform"].form
    assert set(form.fields) == {
        "new_stories_premoderated",
        "new_stories_closed",
        "hold_first_comments",
        "hold_risk_above",
    }

    response = moderator_client.post(
        f"/admin/articles/section/{section.pk}/change/",
        {"new_stories_premoderated": "on", "name": "Renamed", "position": "9"},
    )
    assert response.status_code == 302
    section.refresh_from_db()
    assert section.new_stories_premoderated
    assert (section.name, section.position) == ("World", 0)
    assert moderator_client.get("/admin/articles/section/add/").status_code == 403


def test_a_sections_rules_apply_to_its_open_stories_when_a_moderator_says_so(
    moderator_client, moderator, section, make_article, client
):
    open_story = make_article()
    already_strict = make_article(premoderated=True)
    closed = make_article(comments_open=False)
    elsewhere = make_article(section=Section.objects.create(name="Sport", slug="sport"))
    Section.objects.filter(pk=section.pk).update(
        new_stories_premoderated=True, new_stories_closed=False
    )
    client.get(open_story.get_absolute_url())  # cached as it is now

    response = moderator_client.post(
        "/admin/articles/section/",
        {"action": "apply_rules_now", "_selected_action": [section.pk]},
        follow=True,
    )

    assert "1 story now pre-moderated, 0 stories closed to comments" in (
        response.content.decode()
    )
    stories = {story.pk: story for story in Article.objects.all()}
    assert stories[open_story.pk].premoderated
    assert stories[already_strict.pk].premoderated
    assert not stories[closed.pk].premoderated  # takes no comments anyway
    assert not stories[elsewhere.pk].premoderated
    # The next comment on the story is held.
    comment = moderation.submit(
        article=stories[open_story.pk],
        user_name="Lena",
        body="Posted after the change.",
        ip_address="192.0.2.5",
        user_agent="Test",
    )
    assert comment.status == "held"

    Section.objects.filter(pk=section.pk).update(new_stories_closed=True)
    moderator_client.post(
        "/admin/articles/section/",
        {"action": "apply_rules_now", "_selected_action": [section.pk]},
    )
    open_story.refresh_from_db()
    assert not open_story.comments_open
    # Readers see it at once: the cached page was retired.
    page = client.get(open_story.get_absolute_url()).content.decode()
    assert "Comments on this story are closed." in page
