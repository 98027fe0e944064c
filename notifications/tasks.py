"""The outbox's own housekeeping, every minute."""

import datetime
import logging

from django.utils import timezone
from django_tasks import task
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from . import mail, periodic, push
from .models import OutgoingMail, OutgoingPush, Status

logger = logging.getLogger("notifications")

# A row still "sending" this long after its claim belongs to a worker that died mid-send.
LEASE = datetime.timedelta(minutes=10)
# A queued row due this long ago has lost its task (e.g. the worker died before running it).
OVERDUE = datetime.timedelta(minutes=5)
KEEP_SENT = datetime.timedelta(days=7)
KEEP_FAILED = datetime.timedelta(days=30)


@periodic.every_minute
@task()
def sweep() -> str:
    periodic.schedule_next(sweep)
    return tidy(timezone.now())


def tidy(now: datetime.datetime) -> str:
    in_doubt = requeued = 0
    for model, module in ((OutgoingMail, mail), (OutgoingPush, push)):
        stale = model.objects.filter(status=Status.SENDING, claimed_at__lt=now - LEASE)
        by_claim: dict[object, list[tuple[int, str]]] = {}
        for pk, kind, claimed_at in stale.order_by("pk").values_list("pk", "kind", "claimed_at"):
            by_claim.setdefault(claimed_at, []).append((pk, kind))
        for rows in by_claim.values():
            # A claim's rows are sent in the order of their ids and each is marked at once:
            # only its first unsent row can have reached the server. Report it and never send
            # it again; the rows after it were never tried, and go back to the queue.
            (pk, kind), untried = rows[0], [pk for pk, _ in rows[1:]]
            logger.error(
                "%s %s (%s) was interrupted while being sent; not sent again, check the "
                "mail server's log",
                model.__name__,
                pk,
                kind,
            )
            in_doubt += model.objects.filter(pk=pk).update(status=Status.IN_DOUBT)
            if untried:
                model.objects.filter(pk__in=untried).update(status=Status.QUEUED)
                module.enqueue_delivery(untried)
                requeued += len(untried)
        lost = list(
            model.objects.filter(status=Status.QUEUED, not_before__lt=now - OVERDUE)
            .order_by("pk")
            .values_list("pk", flat=True)[:1000]
        )
        if lost:
            logger.warning("%d %s rows waited too long; queued again", len(lost), model.__name__)
            module.enqueue_delivery(lost)
            requeued += len(lost)
        model.objects.filter(
            status__in=[Status.SENT, Status.DROPPED], created_at__lt=now - KEEP_SENT
        ).delete()
        model.objects.filter(
            status__in=[Status.FAILED, Status.IN_DOUBT], created_at__lt=now - KEEP_FAILED
        ).delete()
    DBTaskResult.objects.filter(
        status__in=[TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED],
        finished_at__lt=now - KEEP_SENT,
    ).delete()
    return f"{in_doubt} in doubt, {requeued} queued again"
