from django.core.management.base import BaseCommand

from staff.roles import sync_roles


class Command(BaseCommand):
    help = "Create the Moderators and Editors groups with exactly their permissions."

    def handle(self, *args, **options):
        for group, created in sync_roles():
            if options["verbosity"]:
                verb = "Created" if created else "Updated"
                count = group.permissions.count()
                self.stdout.write(f"{verb} group {group.name} ({count} permissions).")
