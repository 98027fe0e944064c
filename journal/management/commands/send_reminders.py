from argparse import ArgumentParser

from django.core.management.base import BaseCommand

from footcare.vocabulary import counted
from journal.reminders import BATCH_SIZE, send_due_reminders


class Command(BaseCommand):
    help = (
        "Email today's reminder to everyone whose reminder time has passed on their own "
        "clock and who has not logged today. Run it every 10 minutes; runs that overlap "
        "send each reminder once."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)

    def handle(self, *args: object, batch_size: int, **options: object) -> None:
        result = send_due_reminders(batch_size=batch_size)
        self.stdout.write(
            f"Sent {counted(result.sent, 'reminder')}"
            + (
                f"; {result.failed} failed and will be tried again next run."
                if result.failed
                else "."
            )
        )
