from html import unescape

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Group, User

from tests.conftest import captcha_from
from tips.models import Tip

pytestmark = pytest.mark.django_db

URL = "/send-your-story/"


@pytest.fixture
def tip_data(client):
    def build(**fields):
        form = captcha_from(client.get(URL))
        return {
            "name": "Ines",
            "email": "ines@example.org",
            "story": "The ferry timetable changes next week and nobody was told.",
            "link": "",
            **form,
            **fields,
        }

    return build


def test_reader_sends_a_story_and_sees_a_confirmation(client, tip_data):
    response = client.post(URL, tip_data(), REMOTE_ADDR="192.0.2.8", follow=True)

    assert "Thank you for your story" in unescape(response.content.decode())
    tip = Tip.objects.get()
    assert (tip.name, tip.ip_address, tip.handled) == ("Ines", "192.0.2.8", False)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"email": "not-an-address"}, "Please check the e-mail address."),
        ({"story": ""}, "Please tell us the story."),
        ({"link": "ferry timetable"}, "Please give a full address"),
        ({"captcha_1": "wrong"}, "did not match the picture"),
    ],
)
def test_bad_input_is_explained_and_the_text_kept(client, tip_data, fields, message):
    response = client.post(URL, tip_data(**fields))

    page = unescape(response.content.decode())
    assert response.status_code == 400
    assert message in page
    assert "nobody was told." in page or fields.get("story") == ""
    assert not Tip.objects.exists()


def test_tips_are_rate_limited(client, tip_data, flood_limit):
    flood_limit("tips", interval_seconds=30)
    client.post(URL, tip_data())

    response = client.post(URL, tip_data(story="A second story, too soon."))

    assert response.status_code == 429
    assert "A second story, too soon." in response.content.decode()
    assert Tip.objects.count() == 1


def test_a_bot_s_tip_is_refused_quietly_and_the_text_kept(client, tip_data):
    response = client.post(URL, tip_data(website="https://spam.example"))

    page = unescape(response.content.decode())
    assert response.status_code == 400
    assert "Sorry, this could not be sent. Please try again." in page
    assert "nobody was told." in page
    assert not Tip.objects.exists()


def test_editors_search_and_mark_tips_handled(client, tip_data):
    client.post(URL, tip_data())
    editor = User.objects.create_user("ed", password="x", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    tip = Tip.objects.get()

    assert "Ines" in client.get("/admin/tips/tip/?q=ferry").content.decode()
    client.post(
        "/admin/tips/tip/",
        {"action": "mark_handled", ACTION_CHECKBOX_NAME: [tip.pk]},
    )

    tip.refresh_from_db()
    assert tip.handled
