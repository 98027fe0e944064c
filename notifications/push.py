"""Web Push notifications to a person's devices, through the worker.

What a notification may say: it shows on a locked screen, so never a rating, a note or
anything else from the journal; only a nudge such as "Time to log today's pain".
"""

import datetime
import json
import logging
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone
from django_tasks import task

from . import outbox, vapid
from .models import OutgoingPush, PushSubscription

logger = logging.getLogger("notifications")

# A phone that stays offline longer than this gets no stale nudge when it comes back.
DEFAULT_TTL = datetime.timedelta(hours=6)
PUSH_TIMEOUT_SECONDS = 10


def queue_notification(
    user: AbstractBaseUser,
    title: str,
    *,
    url: str,
    tag: str = "",
    at: datetime.datetime | None = None,
    kind: str = "notification",
    context: dict[str, object] | None = None,
) -> int:
    """Queue a notification to each of the person's devices, now or at `at`; returns how
    many devices it was queued for (0 when they have none, or push is not configured)."""
    if not vapid.configured():
        return 0
    when = at or timezone.now()
    rows = OutgoingPush.objects.bulk_create(
        OutgoingPush(
            subscription=subscription,
            kind=kind,
            title=title,
            url=url,
            tag=tag,
            not_before=when,
            context=dict(context or {}),
        )
        for subscription in PushSubscription.objects.filter(user=user)
    )
    if rows:
        enqueue_delivery([row.pk for row in rows], when)
    return len(rows)


def enqueue_delivery(ids: list[int], when: datetime.datetime | None = None) -> None:
    task_ = deliver_push if when is None else deliver_push.using(run_after=when)
    task_.enqueue(ids)


@task()
def deliver_push(ids: list[int]) -> str:
    rows = OutgoingPush.objects.filter(pk__in=ids).select_related("subscription").order_by("pk")
    sent, failed = deliver(rows)
    return f"{sent} sent, {failed} failed"


def payload_of(row: OutgoingPush) -> str:
    return json.dumps({"title": row.title, "body": row.body, "url": row.url, "tag": row.tag})


def deliver(rows: Iterable[OutgoingPush]) -> tuple[int, int]:
    # Imported here: pywebpush pulls in aiohttp and requests (0.4 s), which only the worker
    # needs.
    import requests
    from pywebpush import WebPushException, webpush

    session = requests.Session()
    sent = failed = 0
    for row in rows:
        if not outbox.take(row):
            continue
        subscription = row.subscription
        ttl = int(row.context.get("ttl", DEFAULT_TTL.total_seconds()))
        try:
            webpush(
                subscription.info(),
                data=payload_of(row),
                vapid_private_key=settings.VAPID_PRIVATE_KEY,
                # A fresh dict each time: pywebpush writes the audience of the first
                # endpoint into it, which a second push service would refuse.
                vapid_claims={"sub": settings.VAPID_SUBJECT},
                ttl=ttl,
                timeout=PUSH_TIMEOUT_SECONDS,
                requests_session=session,
            )
        except WebPushException as error:
            status = error.response.status_code if error.response is not None else None
            if status in (404, 410):
                # The browser unsubscribed or the push service forgot it: never again.
                logger.info(
                    "Push device %s of user %s is gone (%s); removed",
                    subscription.pk,
                    subscription.user_id,
                    status,
                )
                subscription.delete()
                continue
            outbox.retry_later(row, error, timezone.now(), enqueue_delivery)
            failed += 1
            continue
        except Exception as error:
            outbox.retry_later(row, error, timezone.now(), enqueue_delivery)
            failed += 1
            continue
        outbox.mark_sent(row, timezone.now())
        PushSubscription.objects.filter(pk=subscription.pk).update(last_sent_at=timezone.now())
        sent += 1
    return sent, failed
