import re
from unittest import mock

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import User
from django.core import mail, signing

from newsletter import subscriptions
from newsletter.models import Subscriber
from tests.conftest import captcha_from

pytestmark = pytest.mark.django_db


def sign_up(client, email="Reader@Example.org", **headers):
    form = captcha_from(client.get("/newsletter/", **headers))
    return client.post("/newsletter/", {"email": email, **form}, follow=True, **headers)


def link_in(message, kind: str) -> str:
    return re.search(
        rf"http://testserver(/newsletter/{kind}/[^/\s]+/)", message.body
    ).group(1)


def test_sign_up_stores_unconfirmed_and_mails_a_signed_link(client):
    response = sign_up(client)

    assert "Check your inbox" in response.content.decode()
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "reader@example.org"
    assert subscriber.confirmed_at is None
    assert not Subscriber.objects.confirmed().exists()
    [message] = mail.outbox
    assert message.to == ["reader@example.org"]
    assert "List-Unsubscribe" in message.extra_headers
    assert link_in(message, "confirm")


def test_following_the_link_confirms(client):
    sign_up(client)

    response = client.get(link_in(mail.outbox[0], "confirm"))

    assert "You are subscribed" in response.content.decode()
    assert Subscriber.objects.confirmed().count() == 1


def test_signing_up_twice_is_harmless_and_reveals_nothing(client, flood_limit):
    flood_limit("newsletter")
    first = sign_up(client)
    client.get(link_in(mail.outbox[0], "confirm"))

    second = sign_up(client)

    assert second.content == first.content
    assert Subscriber.objects.count() == 1
    assert "already subscribed" in mail.outbox[-1].subject


def test_a_tampered_or_expired_link_is_refused(client):
    sign_up(client)
    link = link_in(mail.outbox[0], "confirm")

    tampered = client.get(link.replace("/confirm/", "/confirm/x"))
    with mock.patch.object(subscriptions, "CONFIRM_MAX_AGE", -1):
        expired = client.get(link)

    assert tampered.status_code == expired.status_code == 400
    assert "This link does not work" in tampered.content.decode()
    assert not Subscriber.objects.confirmed().exists()


def test_every_email_unsubscribes_with_one_click(client):
    sign_up(client)
    client.get(link_in(mail.outbox[0], "confirm"))
    link = link_in(mail.outbox[0], "unsubscribe")

    page = client.get(link)
    done = client.post(link)

    assert "Unsubscribe" in page.content.decode()
    assert Subscriber.objects.exists() is False
    assert "You are unsubscribed" in done.content.decode()


def test_unsubscribe_link_cannot_be_forged(client):
    forged = signing.dumps("someone@example.org", salt="another.salt")

    response = client.post(f"/newsletter/unsubscribe/{forged}/")

    assert response.status_code == 400


def test_bad_address_gets_a_clear_message(client):
    response = client.post("/newsletter/", {"email": "not an address"})

    assert response.status_code == 400
    assert "Please check the e-mail address." in response.content.decode()
    assert not mail.outbox


def test_a_sign_up_faster_than_a_person_types_sends_nothing(client, settings):
    settings.NEWSROOM_MIN_SECONDS_TO_POST = 3

    response = sign_up(client)

    assert "Sorry, this could not be sent." in response.content.decode()
    assert not Subscriber.objects.exists()
    assert not mail.outbox


def test_editors_export_confirmed_subscribers_as_csv(client):
    Subscriber.objects.create(email="waiting@example.org")
    confirmed = Subscriber.objects.create(
        email="confirmed@example.org", confirmation_token="once"
    )
    subscriptions.confirm(
        signing.dumps([confirmed.email, "once"], salt=subscriptions.CONFIRM_SALT)
    )
    client.force_login(User.objects.create_superuser("chief", password="x"))

    response = client.post(
        "/admin/newsletter/subscriber/",
        {
            "action": "export_csv",
            ACTION_CHECKBOX_NAME: list(Subscriber.objects.values_list("pk", flat=True)),
        },
    )

    assert response["Content-Type"].startswith("text/csv")
    body = response.content.decode()
    assert "confirmed@example.org" in body
    assert "waiting@example.org" not in body


def test_repeated_sign_ups_from_one_address_are_throttled(client, flood_limit):
    flood_limit("newsletter", interval_seconds=30)
    sign_up(client, "one@example.org")

    again = sign_up(client, "two@example.org")

    assert "Check your inbox" in again.content.decode()
    assert len(mail.outbox) == 1


def test_a_confirmation_link_works_once(client):
    sign_up(client)
    link = link_in(mail.outbox[0], "confirm")
    client.get(link)

    again = client.get(link)

    assert again.status_code == 400
    assert "used already" in again.content.decode()


def test_a_newer_sign_up_replaces_the_older_link(client, flood_limit):
    flood_limit("newsletter")
    sign_up(client)
    older = link_in(mail.outbox[0], "confirm")
    sign_up(client)

    assert client.get(older).status_code == 400
    assert not Subscriber.objects.confirmed().exists()
    assert client.get(link_in(mail.outbox[1], "confirm")).status_code == 200


def test_an_old_link_does_not_subscribe_an_address_that_left(client):
    sign_up(client)
    confirm = link_in(mail.outbox[0], "confirm")
    client.post(link_in(mail.outbox[0], "unsubscribe"))

    assert client.get(confirm).status_code == 400
    assert not Subscriber.objects.exists()


def test_one_inbox_gets_few_mails_however_many_addresses_ask(client, flood_limit):
    flood_limit("newsletter")
    flood_limit("newsletter_recipient", per_hour=3)

    for number in range(10):
        sign_up(client, "victim@example.org", REMOTE_ADDR=f"192.0.2.{number + 1}")

    assert len(mail.outbox) == 3
