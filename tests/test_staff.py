import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

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
