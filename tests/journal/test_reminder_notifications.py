"""Reminders by notification: at the same moment as the email would go, to each device,
saying only "Time to log today's pain" (and in an experiment "Rest day" or "Practice day")."""

import datetime
import json

import pytest
from django.core import mail

from accounts.models import Profile, ReminderBy
from journal.models import Experiment
from journal.reminders import send_due_reminders
from notifications import vapid
from tests.factories import make_entry, make_push_subscription, make_user
from tests.notifications.pushservice import PushServiceStandIn
from tests.queue import run_tasks

from .reminder_helpers import at, make_reminded

pytestmark = pytest.mark.django_db

EVENING = at("Europe/London", 2026, 11, 25, 20, 5)


@pytest.fixture
def push_service(time_machine):
    time_machine.move_to(EVENING, tick=False)
    with PushServiceStandIn(expected_public_key=vapid.public_key()) as service:
        yield service


def with_phone(user: object, push_service: PushServiceStandIn, by: str = ReminderBy.PUSH) -> object:
    make_push_subscription(user, push_service.subscribe().info())
    Profile.objects.filter(user=user).update(reminder_by=by)
    return user


def notifications(push_service: PushServiceStandIn) -> list[dict]:
    return [json.loads(d.plaintext) for d in push_service.deliveries]


def test_a_person_who_chose_notifications_gets_one_and_no_email(push_service) -> None:
    with_phone(make_reminded("alice"), push_service)
    send_due_reminders(EVENING)
    run_tasks()
    assert mail.outbox == []
    assert notifications(push_service) == [
        {
            "title": "Time to log today's pain",
            "body": "",
            "url": "/journal/today/",
            "tag": "daily-reminder",
        }
    ]


def test_both_means_the_email_and_the_notification(push_service) -> None:
    with_phone(make_reminded("alice"), push_service, by=ReminderBy.BOTH)
    send_due_reminders(EVENING)
    run_tasks()
    assert [m.to for m in mail.outbox] == [["alice@example.org"]]
    assert len(push_service.deliveries) == 1


def test_notifications_need_no_email_address(push_service) -> None:
    alice = make_user("alice")
    Profile.objects.filter(user=alice).update(
        reminders_enabled=True, reminder_time=datetime.time(20, 0), time_zone="Europe/London"
    )
    with_phone(alice, push_service)
    send_due_reminders(EVENING)
    run_tasks()
    assert len(push_service.deliveries) == 1


def test_nothing_goes_to_a_person_who_logged_today_or_has_no_phone(push_service) -> None:
    alice = with_phone(make_reminded("alice"), push_service)
    make_entry(alice, datetime.date(2026, 11, 25), back=2)
    bob = make_reminded("bob")
    Profile.objects.filter(user=bob).update(reminder_by=ReminderBy.PUSH)  # no device
    result = send_due_reminders(EVENING)
    run_tasks()
    assert result.batches == 0
    assert push_service.deliveries == []
    assert Profile.objects.get(user=bob).reminded_on is None


@pytest.mark.parametrize(("letter", "words"), [("P", "Practice day"), ("R", "Rest day")])
def test_during_an_experiment_it_says_what_today_is(push_service, letter, words) -> None:
    alice = with_phone(make_reminded("alice"), push_service)
    Experiment.objects.create(
        user=alice,
        area="back",
        weeks=4,
        start=datetime.date(2026, 11, 25),
        end=datetime.date(2026, 12, 22),
        schedule=letter + "PR" * 13 + "P",
    )
    send_due_reminders(EVENING)
    run_tasks()
    (message,) = notifications(push_service)
    assert (message["title"], message["body"]) == ("Time to log today's pain", words)


def test_the_notification_holds_no_health_data(push_service, catalog) -> None:
    alice = with_phone(make_reminded("alice"), push_service)
    make_entry(
        alice, datetime.date(2026, 11, 24), back=9, note="Sciatica flare", exercises=catalog[:1]
    )
    send_due_reminders(EVENING)
    run_tasks()
    (delivery,) = push_service.deliveries
    text = delivery.plaintext.decode()
    for secret in ("Sciatica", "9", "back", "pain was", catalog[0].name):
        assert secret not in text.replace("today's pain", ""), secret
