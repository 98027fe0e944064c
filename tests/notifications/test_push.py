"""Notifications sent through the worker with pywebpush to the push-service stand-in, which
checks the VAPID signature and decrypts the payload: the real encryption runs."""

import datetime
import json
import logging

import pytest

from notifications.models import OutgoingPush, PushSubscription, Status
from notifications.push import queue_notification
from tests.factories import make_user
from tests.queue import run_tasks

pytestmark = pytest.mark.django_db


def subscribe(user: object, push_service: object) -> tuple[object, PushSubscription]:
    device = push_service.subscribe()
    info = device.info()
    stored = PushSubscription.objects.create(
        user=user,
        endpoint=info["endpoint"],
        p256dh=info["keys"]["p256dh"],
        auth=info["keys"]["auth"],
    )
    return device, stored


def test_a_queued_notification_reaches_each_device_encrypted_and_signed(push_service) -> None:
    alice = make_user("alice")
    phone, _ = subscribe(alice, push_service)
    tablet, _ = subscribe(alice, push_service)
    assert queue_notification(alice, "Time to log today's pain", url="/journal/today/") == 2
    assert push_service.deliveries == []  # the request only queued it
    run_tasks()
    got = {d.token: json.loads(d.plaintext) for d in push_service.deliveries}
    assert got == {
        phone.token: {
            "title": "Time to log today's pain",
            "body": "",
            "url": "/journal/today/",
            "tag": "",
        },
        tablet.token: {
            "title": "Time to log today's pain",
            "body": "",
            "url": "/journal/today/",
            "tag": "",
        },
    }
    assert all(d.headers["ttl"] == "21600" for d in push_service.deliveries)
    assert set(OutgoingPush.objects.values_list("status", flat=True)) == {Status.SENT}


def test_a_device_the_push_service_calls_gone_is_removed(push_service, caplog) -> None:
    alice = make_user("alice")
    gone, _ = subscribe(alice, push_service)
    unknown, _ = subscribe(alice, push_service)
    kept, stored_kept = subscribe(alice, push_service)
    push_service.mark_gone(gone)
    del push_service.subscriptions[unknown.token]
    queue_notification(alice, "Time to log today's pain", url="/journal/today/")
    with caplog.at_level(logging.INFO, logger="notifications"):
        run_tasks()
    assert list(PushSubscription.objects.all()) == [stored_kept]
    assert "is gone (410); removed" in caplog.text and "is gone (404); removed" in caplog.text
    assert [d.token for d in push_service.deliveries] == [kept.token]


def test_a_push_service_error_is_retried_with_back_off_and_logged(
    push_service, caplog, time_machine
) -> None:
    time_machine.move_to(datetime.datetime(2026, 11, 25, 20, 0, tzinfo=datetime.UTC), tick=False)
    alice = make_user("alice")
    subscribe(alice, push_service)
    push_service.failing = 3  # the next three answers are 503
    queue_notification(alice, "Time to log today's pain", url="/journal/today/")
    with caplog.at_level(logging.WARNING, logger="notifications"):
        run_tasks()
        for minutes in (1, 1 + 5, 1 + 5 + 30):
            time_machine.move_to(
                datetime.datetime(2026, 11, 25, 20, minutes, tzinfo=datetime.UTC), tick=False
            )
            run_tasks()
    assert caplog.text.count("failed on attempt") == 3
    (row,) = OutgoingPush.objects.all()
    assert (row.status, row.attempts) == (Status.SENT, 4)
    assert len(push_service.deliveries) == 1


def test_nothing_is_queued_for_a_person_without_a_device(push_service) -> None:
    assert queue_notification(make_user("alice"), "Time to log today's pain", url="/") == 0
    assert not OutgoingPush.objects.exists()


def test_a_notification_for_later_waits_for_its_time(push_service, time_machine) -> None:
    now = datetime.datetime(2026, 11, 25, 20, 0, tzinfo=datetime.UTC)
    time_machine.move_to(now, tick=False)
    alice = make_user("alice")
    subscribe(alice, push_service)
    queue_notification(
        alice,
        "How is your pain now?",
        url="/journal/today/",
        at=now + datetime.timedelta(minutes=30),
    )
    run_tasks()
    assert push_service.deliveries == []
    time_machine.move_to(now + datetime.timedelta(minutes=30), tick=False)
    run_tasks()
    assert [json.loads(d.plaintext)["title"] for d in push_service.deliveries] == [
        "How is your pain now?"
    ]
