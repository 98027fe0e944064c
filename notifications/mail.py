"""Every mail the site sends goes through `queue_mail`: the request stores the message and
returns; the worker sends it."""

import datetime
import logging
from collections.abc import Iterable, Mapping

from django.contrib.auth.models import AbstractBaseUser
from django.core.mail import EmailMultiAlternatives, get_connection
from django.utils import timezone
from django_tasks import task

from . import outbox
from .models import OutgoingMail

logger = logging.getLogger("notifications")


def queue_mail(
    *,
    to: str,
    subject: str,
    text: str,
    html: str = "",
    headers: Mapping[str, str] | None = None,
    kind: str,
    user: AbstractBaseUser | None = None,
    context: Mapping[str, object] | None = None,
) -> OutgoingMail:
    """Queue one message. It is stored in the caller's transaction and sent by the worker
    once that commits; a failed send is retried with back-off and logged, and a message is
    never sent twice."""
    row = OutgoingMail.objects.create(
        kind=kind,
        user=user,
        to=to,
        subject=subject,
        text=text,
        html=html,
        headers=dict(headers or {}),
        context=dict(context or {}),
    )
    deliver_mail.enqueue([row.pk])
    return row


def enqueue_delivery(ids: list[int], when: datetime.datetime | None = None) -> None:
    task_ = deliver_mail if when is None else deliver_mail.using(run_after=when)
    task_.enqueue(ids)


@task()
def deliver_mail(ids: list[int]) -> str:
    rows = OutgoingMail.objects.filter(pk__in=ids).order_by("pk")
    sent, failed = deliver(rows)
    return f"{sent} sent, {failed} failed"


def message_of(row: OutgoingMail, connection: object) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        row.subject, row.text, to=[row.to], headers=row.headers, connection=connection
    )
    if row.html:
        message.attach_alternative(row.html, "text/html")
    return message


def deliver(rows: Iterable[OutgoingMail], *, claimed: bool = False) -> tuple[int, int]:
    """Send the rows still queued, over one connection, in the order of their ids; returns
    (sent, failed). `claimed`: the caller created the rows already "sending", with one
    `claimed_at` (the reminders' batches), so no row needs its own claim."""
    backend = get_connection()
    is_open = False
    sent = failed = 0
    for row in rows:
        if not outbox.take(row, claimed=claimed):
            continue
        try:
            if not is_open:
                backend.open()
                is_open = True
            if backend.send_messages([message_of(row, backend)]) != 1:
                raise RuntimeError("the mail backend sent nothing")
        except Exception as error:
            # One refused address or a dropped connection must not stop the rest.
            outbox.retry_later(row, error, timezone.now(), enqueue_delivery)
            backend.close()
            is_open = False
            failed += 1
            continue
        outbox.mark_sent(row, timezone.now(), text="", html="")
        sent += 1
    backend.close()
    return sent, failed
