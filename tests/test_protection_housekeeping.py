from datetime import timedelta

import pytest
from captcha.models import CaptchaStore
from django.core.management import call_command
from django.utils import timezone

from protection import housekeeping

pytestmark = pytest.mark.django_db


def make_captchas(expired: int, live: int) -> None:
    for _ in range(expired + live):
        CaptchaStore.generate_key()
    old = list(CaptchaStore.objects.values_list("pk", flat=True)[:expired])
    CaptchaStore.objects.filter(pk__in=old).update(
        expiration=timezone.now() - timedelta(minutes=1)
    )


def test_clean_stale_rows_removes_only_expired_captchas():
    make_captchas(expired=3, live=2)

    assert housekeeping.clean_stale_rows()["captchas"] == 3
    assert CaptchaStore.objects.count() == 2


def test_starting_to_comment_cleans_up_at_most_once_an_hour(client):
    make_captchas(expired=2, live=0)
    client.get("/comments/form-security/")
    assert CaptchaStore.objects.count() == 1  # only the one just handed out

    make_captchas(expired=2, live=0)
    client.get("/comments/form-security/")
    assert CaptchaStore.objects.count() == 4  # not due again yet


def test_clean_stale_command_for_cron(capsys):
    make_captchas(expired=1, live=1)

    call_command("clean_stale")

    assert "Removed 1 expired captchas" in capsys.readouterr().out
