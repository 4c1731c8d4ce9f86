from django.core.management.base import BaseCommand

from protection.housekeeping import clean_stale_rows


class Command(BaseCommand):
    help = "Delete expired captchas and sessions (run hourly from cron in production)."

    def handle(self, *args, **options):
        removed = clean_stale_rows()
        self.stdout.write(
            f"Removed {removed['captchas']} expired captchas and "
            f"{removed['sessions']} expired sessions."
        )
