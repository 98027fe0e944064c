from typing import Any

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorker
from django_tasks_db.management.commands.db_worker import Worker

from notifications import periodic


class Command(DatabaseWorker):
    help = (
        "Run the worker that sends mail and notifications and the daily reminders. Start one "
        "or more (on any machine that reaches the database); Ctrl-C or SIGTERM stops it after "
        "the task at hand."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        started = periodic.start_all()
        if started:
            self.stdout.write(f"Started the every-minute tasks: {', '.join(started)}")
        super().handle(*args, **options)


def batch_worker(worker_id: str) -> Worker:
    """The loop of this command inside the caller's process, for a benchmark or a test: it
    runs what is queued now, without waiting between polls, and then stops."""
    return Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    )
