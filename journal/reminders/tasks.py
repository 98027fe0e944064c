"""The reminders in the worker: every minute, whoever is due on their own clock."""

from django_tasks import task

from notifications import periodic

from . import send_due_reminders


@periodic.every_minute
@task()
def tick() -> str:
    # The next run is queued first, so that a failure in this one keeps the reminders going.
    periodic.schedule_next(tick)
    result = send_due_reminders()
    return f"{result.sent} sent, {result.failed} failed, {result.batches} batches"
