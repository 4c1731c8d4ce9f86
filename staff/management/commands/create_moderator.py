"""Create a staff account in the Moderators group."""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from staff.roles import MODERATORS, sync_roles


class Command(BaseCommand):
    help = (
        "Create a moderator account (staff, in the Moderators group). Without "
        "--password a random password is generated and printed."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument("--password", help="Password to set; random if omitted.")

    def handle(self, *args, username, email, password, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            raise CommandError(f"A user named {username!r} already exists.")
        sync_roles()
        password = password or secrets.token_urlsafe(12)
        user = User.objects.create_user(
            username=username, email=email, password=password, is_staff=True
        )
        user.groups.add(Group.objects.get(name=MODERATORS))
        self.stdout.write(f"Created moderator {username!r} with password {password!r}.")
