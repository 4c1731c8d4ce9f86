from django.core.management.base import BaseCommand

from protection.housekeeping import clean_stale_rows


class Command(BaseCommand):
    help = (
        "Delete expired captchas and sessions, and forget addresses past their "
        "retention period (run hourly from cron in production)."
    )

    def handle(self, *args, **options):
        removed = clean_stale_rows()
        self.stdout.write(
            f"Removed {removed.pop('captchas')} expired captchas and "
            f"{removed.pop('sessions')} expired sessions."
        )
        for name, count in removed.items():
            self.stdout.write(f"{name}: {count} rows cleaned.")
