"""Every mail goes through the outbox: queued in the request, sent by the worker, retried with
back-off and logged, never sent twice."""

import datetime
import logging

import pytest
from django.core import mail
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from notifications import tasks
from notifications.mail import deliver, queue_mail
from notifications.models import MAX_ATTEMPTS, OutgoingMail, Status
from tests.factories import PASSWORD
from tests.queue import run_tasks, waiting_tasks
from tests.races import at_once

pytestmark = pytest.mark.django_db

NOON = datetime.datetime(2026, 11, 25, 12, 0, tzinfo=datetime.UTC)


def queue(to: str = "alice@example.org") -> OutgoingMail:
    return queue_mail(kind="test", to=to, subject="Hello", text="Hi", html="<p>Hi</p>")


def test_queueing_sends_nothing_until_the_worker_runs() -> None:
    row = queue()
    assert mail.outbox == []
    assert waiting_tasks() == ["notifications.mail.deliver_mail"]
    run_tasks()
    (message,) = mail.outbox
    assert (message.to, message.subject, message.alternatives[0][0]) == (
        ["alice@example.org"],
        "Hello",
        "<p>Hi</p>",
    )
    row.refresh_from_db()
    assert (row.status, row.attempts, row.text, row.html) == (Status.SENT, 1, "", "")


def test_a_rolled_back_request_queues_nothing() -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        queue()
        raise RuntimeError("the view failed after queueing")
    assert not OutgoingMail.objects.exists()
    assert waiting_tasks() == []


def test_a_failing_mail_server_is_retried_with_back_off_then_given_up_loudly(
    settings, caplog, time_machine
) -> None:
    time_machine.move_to(NOON, tick=False)
    settings.EMAIL_BACKEND = "tests.journal.reminder_helpers.FailingBackend"
    row = queue(to="broken@example.org")
    waits = []
    with caplog.at_level(logging.WARNING, logger="notifications"):
        for _ in range(MAX_ATTEMPTS):
            run_tasks()
            row.refresh_from_db()
            waits.append(round((row.not_before - NOON).total_seconds() / 60))
            time_machine.move_to(row.not_before, tick=False)
    assert waits == [1, 6, 36, 156, 516, 516]
    assert (row.status, row.attempts) == (Status.FAILED, MAX_ATTEMPTS)
    assert caplog.text.count("failed on attempt") == MAX_ATTEMPTS - 1
    assert f"OutgoingMail {row.pk} (test) given up after {MAX_ATTEMPTS} attempts" in caplog.text
    assert "550 mailbox unavailable" in row.last_error
    assert mail.outbox == []


def test_a_message_is_sent_once_however_many_tasks_name_it() -> None:
    row = queue()
    deliver([OutgoingMail.objects.get(pk=row.pk)])
    deliver([OutgoingMail.objects.get(pk=row.pk)])
    run_tasks()
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_each_message_once(settings) -> None:
    settings.EMAIL_BACKEND = "tests.journal.reminder_helpers.SlowBackend"
    ids = [queue(to=f"p{n}@example.org").pk for n in range(30)]
    waiting = OutgoingMail.objects.filter(pk__in=ids).order_by("pk")
    # Each thread evaluates its own copy of the queryset.
    outcomes = at_once(2, lambda _index: deliver(waiting.all()))
    assert not [error for error in outcomes if isinstance(error, Exception)]
    assert sorted(m.to[0] for m in mail.outbox) == sorted(f"p{n}@example.org" for n in range(30))
    assert set(OutgoingMail.objects.values_list("status", flat=True)) == {Status.SENT}


def test_a_worker_that_died_mid_claim_leaves_one_message_in_doubt_and_the_rest_queued(
    caplog, time_machine
) -> None:
    time_machine.move_to(NOON, tick=False)
    rows = [queue(to=f"p{n}@example.org") for n in range(4)]
    # A reminder batch after its worker was killed: claimed together, the first sent, the
    # second being sent, the last two not tried.
    OutgoingMail.objects.filter(pk__in=[r.pk for r in rows]).update(
        status=Status.SENDING, claimed_at=NOON, attempts=1
    )
    OutgoingMail.objects.filter(pk=rows[0].pk).update(status=Status.SENT)
    DBTaskResult.objects.all().delete()
    later = NOON + tasks.LEASE + datetime.timedelta(seconds=1)
    time_machine.move_to(later, tick=False)
    with caplog.at_level(logging.ERROR, logger="notifications"):
        tasks.tidy(later)
    status = dict(OutgoingMail.objects.values_list("pk", "status"))
    assert [status[r.pk] for r in rows] == [
        Status.SENT,
        Status.IN_DOUBT,
        Status.QUEUED,
        Status.QUEUED,
    ]
    assert f"OutgoingMail {rows[1].pk} (test) was interrupted while being sent" in caplog.text
    run_tasks()
    assert sorted(m.to[0] for m in mail.outbox) == ["p2@example.org", "p3@example.org"]


def test_a_queued_message_whose_task_was_lost_is_queued_again(time_machine) -> None:
    time_machine.move_to(NOON, tick=False)
    row = queue()
    DBTaskResult.objects.all().delete()  # the task vanished (a restore, a worker bug)
    later = NOON + tasks.OVERDUE + datetime.timedelta(seconds=1)
    time_machine.move_to(later, tick=False)
    tasks.tidy(later)
    run_tasks()
    row.refresh_from_db()
    assert row.status == Status.SENT


def test_the_account_page_sends_no_mail_itself(alice, settings) -> None:
    settings.EMAIL_BACKEND = "tests.journal.reminder_helpers.FailingBackend"
    response = alice.post(
        "/accounts/settings/",
        {
            "email": "broken@example.org",
            "current_password": PASSWORD,
            "time_zone": "Europe/London",
            "reminder_time": "20:00",
        },
    )
    assert response.status_code == 302  # a refusing mail server cannot break the page
    assert OutgoingMail.objects.get().to == "broken@example.org"
