from typing import Any

from django.core.management.base import BaseCommand

from notifications import vapid


class Command(BaseCommand):
    help = (
        "Print a new VAPID key pair for Web Push. Keep DJANGO_VAPID_PRIVATE_KEY with the "
        "site's other secrets and never change it: every phone subscribed with its public "
        "key would stop receiving notifications until it subscribes again."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        private = vapid.generate_private_key()
        self.stdout.write(f"DJANGO_VAPID_PRIVATE_KEY={private}\n")
        self.stdout.write(
            f"# public key (derived; pages get it from the site): {vapid.public_key_of(private)}\n"
        )
