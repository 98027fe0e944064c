"""Tasks that run every minute without cron: each run enqueues its successor for the next
minute before it does its work, so a run that crashes keeps the chain; the worker command
starts a chain that has none waiting. Two chains (two workers starting at once) merge back
into one at the next minute, because a run enqueues a successor only when none waits."""

import datetime

from django.utils import timezone
from django_tasks.base import Task, TaskResultStatus
from django_tasks_db.models import DBTaskResult

_every_minute: list[Task] = []


def every_minute(task: Task) -> Task:
    if task not in _every_minute:
        _every_minute.append(task)
    return task


def registered() -> list[Task]:
    return list(_every_minute)


def _waiting(task: Task) -> bool:
    return DBTaskResult.objects.filter(
        task_path=task.module_path, status=TaskResultStatus.READY
    ).exists()


def next_minute(now: datetime.datetime) -> datetime.datetime:
    return now.replace(second=0, microsecond=0) + datetime.timedelta(minutes=1)


def schedule_next(task: Task, now: datetime.datetime | None = None) -> None:
    if not _waiting(task):
        task.using(run_after=next_minute(now or timezone.now())).enqueue()


def start_all() -> list[str]:
    """Enqueue, to run now, each periodic task that has no run waiting; returns their names."""
    started = []
    for task in _every_minute:
        if not _waiting(task):
            task.enqueue()
            started.append(task.name)
    return started
