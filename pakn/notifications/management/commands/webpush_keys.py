from django.core.management.base import BaseCommand

from pakn.notifications.vapid import vapid_private_key_new, vapid_public_key


class Command(BaseCommand):
    help = "Makes a VAPID key for web push and prints it as environment settings."

    def handle(self, *args, **options):
        private = vapid_private_key_new()
        self.stdout.write(f"WEBPUSH_VAPID_PRIVATE_KEY={private}")
        self.stdout.write(f"# public key (browsers subscribe with it): {vapid_public_key(private)}")
