"""Removes uploads nobody sent: files not attached to a report, message or answer after
UPLOADS_PENDING_MAX_AGE_HOURS, and temporary files left by interrupted uploads. The scheduler
(`pakn_scheduler`) does the same on every pass; this runs it once, e.g. from cron."""

from django.core.management.base import BaseCommand

from pakn.reports.services.attachments import attachments_pending_purge


class Command(BaseCommand):
    help = "Removes uploaded files never attached to anything and interrupted uploads."

    def handle(self, *args, **options) -> None:
        attachments = temporary = 0
        while True:  # one batch at a time, until nothing is due
            result = attachments_pending_purge()
            attachments += result["attachments"]
            temporary += result["temporary_files"]
            if not result["attachments"]:
                break
        self.stdout.write(
            f"Removed {attachments} unsent uploads and {temporary} temporary upload files."
        )
