"""Running the task queue inside a test, as the worker does (`manage.py worker`)."""

import contextlib
import threading
from collections.abc import Iterator

from django.db import connection, transaction
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from notifications.management.commands.worker import batch_worker


def run_tasks(worker_id: str = "tests", limit: int = 10_000) -> int:
    """Run every task that is due now, including those the tasks queue, and return how many
    ran. The worker's own loop closes the database connection between tasks, which would end
    the test's transaction; this is the same claim and run without that."""
    worker = batch_worker(worker_id)
    ran = 0
    while ran < limit:
        with transaction.atomic():
            task_result = DBTaskResult.objects.ready().get_locked()
            if task_result is None:
                break
            task_result.claim(worker_id)
        worker.run_task(task_result)
        ran += 1
    failed = DBTaskResult.objects.filter(status=TaskResultStatus.FAILED)
    assert not failed.exists(), "\n".join(failed.values_list("traceback", flat=True))
    return ran


def waiting_tasks() -> list[str]:
    return list(
        DBTaskResult.objects.filter(status=TaskResultStatus.READY)
        .order_by("run_after")
        .values_list("task_path", flat=True)
    )


def sent_mail() -> list:
    """The mail sent once the worker has run what is queued (Django's test outbox)."""
    from django.core import mail

    run_tasks()
    return mail.outbox


@contextlib.contextmanager
def worker_in_background(interval: float = 0.05) -> Iterator[None]:
    """A worker thread beside a live server (browser tests): it runs what the pages queue."""
    stop = threading.Event()

    def loop() -> None:
        try:
            while not stop.is_set():
                # A failed task stays in the table for the test to read.
                with contextlib.suppress(AssertionError):
                    run_tasks(worker_id="background")
                stop.wait(interval)
        finally:
            connection.close()

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=30)
