from typing import Any

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorker

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
