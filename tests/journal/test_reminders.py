"""Daily reminders: who gets one, when, and what it says.

Runs on SQLite with `pytest` and on PostgreSQL with
`scripts/with-postgres .venv/bin/python -m pytest tests/journal/test_reminders.py`.
"""

import datetime
import io
import logging
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import Client

from accounts.models import day_mask, profile_of
from journal.reminders import send_due_reminders
from tests.factories import make_entry, make_user
from tests.queue import run_tasks
from tests.races import at_once

from .reminder_helpers import at, make_reminded, utc

pytestmark = pytest.mark.django_db

LONDON = "Europe/London"
EVENING = at(LONDON, 2026, 11, 25, 20, 5)


def recipients() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


def reminded_on(user: object) -> datetime.date | None:
    return type(profile_of(user)).objects.get(user=user).reminded_on


def test_it_reminds_a_person_whose_time_has_passed_and_who_has_not_logged_today() -> None:
    alice = make_reminded("alice")
    result = send_due_reminders(EVENING)
    assert (result.sent, result.failed) == (1, 0)
    assert recipients() == ["alice@example.org"]
    assert reminded_on(alice) == datetime.date(2026, 11, 25)


def test_it_waits_until_the_reminder_time() -> None:
    make_reminded("alice")
    send_due_reminders(at(LONDON, 2026, 11, 25, 19, 59))
    assert mail.outbox == []


def test_it_does_not_remind_a_person_who_has_logged_today() -> None:
    alice = make_reminded("alice")
    make_entry(alice, datetime.date(2026, 11, 25), back=3)
    send_due_reminders(EVENING)
    assert mail.outbox == []


def test_a_second_run_the_same_day_sends_nothing_more() -> None:
    make_reminded("alice")
    send_due_reminders(EVENING)
    send_due_reminders(EVENING + datetime.timedelta(minutes=10))
    send_due_reminders(at(LONDON, 2026, 11, 25, 23, 55))
    assert recipients() == ["alice@example.org"]


def test_it_reminds_again_the_next_day() -> None:
    make_reminded("alice")
    send_due_reminders(EVENING)
    send_due_reminders(EVENING + datetime.timedelta(days=1))
    assert recipients() == ["alice@example.org"] * 2


def test_it_reminds_only_on_the_chosen_days() -> None:
    # 25 November 2026 is a Wednesday (2); 26th a Thursday.
    make_reminded("alice", days=day_mask([3]))
    send_due_reminders(EVENING)
    assert mail.outbox == []
    send_due_reminders(EVENING + datetime.timedelta(days=1))
    assert recipients() == ["alice@example.org"]


def test_it_never_reminds_an_unconfirmed_address() -> None:
    alice = make_reminded("alice")
    alice.email = "new-alice@example.org"  # changed after confirming the old one
    alice.save()
    make_user("bob", email="bob@example.org")  # never confirmed, reminders off
    bob = make_user("carol", email="carol@example.org")
    profile = profile_of(bob)
    profile.reminders_enabled = True
    profile.save()
    send_due_reminders(EVENING)
    assert mail.outbox == []


def test_it_never_reminds_someone_who_turned_reminders_off_or_was_deactivated() -> None:
    alice = make_reminded("alice")
    type(profile_of(alice)).objects.filter(user=alice).update(reminders_enabled=False)
    bob = make_reminded("bob")
    bob.is_active = False
    bob.save()
    send_due_reminders(EVENING)
    assert mail.outbox == []


def test_auckland_and_los_angeles_are_each_reminded_on_their_own_day_in_one_run() -> None:
    # 07:30 UTC on 25 November: 20:30 on the 25th in Auckland (UTC+13, summer),
    # 23:30 on the 24th in Los Angeles (UTC-8).
    now = utc(2026, 11, 25, 7, 30)
    kiri = make_reminded("kiri", zone="Pacific/Auckland")
    lou = make_reminded("lou", zone="America/Los_Angeles")
    lee = make_reminded("lee", zone="America/Los_Angeles")
    make_entry(kiri, datetime.date(2026, 11, 24), back=2)  # yesterday in Auckland
    make_entry(lee, datetime.date(2026, 11, 24), back=2)  # today in Los Angeles
    result = send_due_reminders(now)
    assert result.sent == 2
    assert recipients() == ["kiri@example.org", "lou@example.org"]
    assert reminded_on(kiri) == datetime.date(2026, 11, 25)
    assert reminded_on(lou) == datetime.date(2026, 11, 24)


def test_london_at_the_same_moment_is_not_yet_due() -> None:
    make_reminded("kiri", zone="Pacific/Auckland")
    make_reminded("alice", zone=LONDON)  # 07:30 in London
    send_due_reminders(utc(2026, 11, 25, 7, 30))
    assert recipients() == ["kiri@example.org"]


@pytest.mark.parametrize(
    ("zone", "evening"),
    [
        # Clocks go forward on 29 March 2026 in London (01:00 GMT -> 02:00 BST): 20:00 BST
        # is 19:00 UTC, an hour earlier than the day before.
        (LONDON, utc(2026, 3, 29, 19, 0)),
        # ...and on 8 March 2026 in Los Angeles (PST -> PDT): 20:00 PDT is 03:00 UTC.
        ("America/Los_Angeles", utc(2026, 3, 9, 3, 0)),
    ],
    ids=["London", "Los Angeles"],
)
def test_on_the_day_summer_time_starts_an_evening_reminder_keeps_its_local_time(
    zone, evening
) -> None:
    make_reminded("alice", zone=zone)
    send_due_reminders(evening - datetime.timedelta(seconds=1))
    assert mail.outbox == []
    send_due_reminders(evening)
    assert recipients() == ["alice@example.org"]


@pytest.mark.parametrize(
    ("zone", "missing", "last_moment_before", "first_moment_after"),
    [
        # 01:30 does not exist in London on 29 March 2026: 00:59:59 GMT, then 02:00 BST.
        (LONDON, datetime.time(1, 30), utc(2026, 3, 29, 0, 59, 59), utc(2026, 3, 29, 1, 0)),
        # 02:30 does not exist in Los Angeles on 8 March 2026: 01:59:59 PST, then 03:00 PDT.
        (
            "America/Los_Angeles",
            datetime.time(2, 30),
            utc(2026, 3, 8, 9, 59, 59),
            utc(2026, 3, 8, 10, 0),
        ),
    ],
    ids=["London 01:30", "Los Angeles 02:30"],
)
def test_a_reminder_time_that_does_not_exist_that_day_is_sent_at_the_first_moment_after_it(
    zone, missing, last_moment_before, first_moment_after
) -> None:
    make_reminded("alice", zone=zone, at=missing)
    send_due_reminders(last_moment_before)
    assert mail.outbox == []
    send_due_reminders(first_moment_after)
    assert recipients() == ["alice@example.org"]


def test_a_reminder_time_that_happens_twice_when_summer_time_ends_is_sent_once() -> None:
    # On 25 October 2026 London goes from 02:00 BST back to 01:00 GMT: 01:30 happens at
    # 00:30 UTC and again at 01:30 UTC.
    make_reminded("alice", at=datetime.time(1, 30))
    send_due_reminders(utc(2026, 10, 25, 0, 29))
    assert mail.outbox == []
    send_due_reminders(utc(2026, 10, 25, 0, 30))
    send_due_reminders(utc(2026, 10, 25, 1, 30))
    assert recipients() == ["alice@example.org"]


def test_on_the_day_summer_time_ends_an_evening_reminder_keeps_its_local_time() -> None:
    make_reminded("alice")
    send_due_reminders(utc(2026, 10, 25, 19, 59))  # 19:59 GMT
    assert mail.outbox == []
    send_due_reminders(utc(2026, 10, 25, 20, 0))
    assert recipients() == ["alice@example.org"]


def test_a_failed_send_is_logged_does_not_stop_the_others_and_is_retried_by_the_queue(
    settings, caplog, time_machine
) -> None:
    time_machine.move_to(EVENING, tick=False)
    settings.EMAIL_BACKEND = "tests.journal.reminder_helpers.FailingBackend"
    make_reminded("alice")
    broken = make_reminded("broken", email="broken@example.org")
    make_reminded("carol")
    with caplog.at_level(logging.WARNING, logger="notifications"):
        result = send_due_reminders(EVENING)
    assert (result.sent, result.failed) == (2, 1)
    assert recipients() == ["alice@example.org", "carol@example.org"]
    assert "(reminder) failed on attempt 1, tried again at 2026-11-25T20:06:00" in caplog.text
    assert reminded_on(broken) == datetime.date(2026, 11, 25)

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox.clear()
    run_tasks()
    assert mail.outbox == []  # the back-off: not before a minute has passed
    time_machine.move_to(EVENING + datetime.timedelta(minutes=1), tick=False)
    run_tasks()
    assert recipients() == ["broken@example.org"]
    send_due_reminders(EVENING + datetime.timedelta(minutes=10))
    assert recipients() == ["broken@example.org"]


def test_a_retried_reminder_is_dropped_once_the_day_is_logged(settings, time_machine) -> None:
    time_machine.move_to(EVENING, tick=False)
    settings.EMAIL_BACKEND = "tests.journal.reminder_helpers.FailingBackend"
    broken = make_reminded("broken", email="broken@example.org")
    send_due_reminders(EVENING)
    make_entry(broken, datetime.date(2026, 11, 25), back=2)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    time_machine.move_to(EVENING + datetime.timedelta(minutes=2), tick=False)
    run_tasks()
    assert mail.outbox == []


def count_queries(now: datetime.datetime, batch_size: int = 500) -> int:
    """The run's queries apart from the one that marks each message sent the moment the mail
    server took it: that is what lets a worker that dies mid-batch leave exactly one message
    in doubt."""
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        result = send_due_reminders(now, batch_size=batch_size)
    marks = [q for q in queries if q["sql"].startswith('UPDATE "notifications_outgoingmail"')]
    assert len(marks) == result.sent
    return len(queries) - len(marks)


def test_a_run_costs_the_same_queries_for_3_or_60_people_in_one_batch(catalog) -> None:
    for n in range(3):
        make_reminded(f"few{n}")
    few = count_queries(EVENING)
    mail.outbox.clear()
    for n in range(60):
        user = make_reminded(f"many{n}", zone=["Europe/Lisbon", LONDON][n % 2])
        make_entry(user, datetime.date(2026, 11, 23), back=1, exercises=catalog[:2])
    many = count_queries(utc(2026, 11, 26, 20, 5))
    assert len(mail.outbox) == 63
    assert few == many


def test_the_queries_grow_with_the_batches_not_with_the_people() -> None:
    for n in range(30):
        make_reminded(f"p{n}")
    in_three_batches = count_queries(EVENING, batch_size=10)
    mail.outbox.clear()
    in_one_batch = count_queries(EVENING + datetime.timedelta(days=1), batch_size=30)
    # Three batches against one: two more batches' worth of queries, whatever the count.
    per_batch = (in_three_batches - in_one_batch) / 2
    assert per_batch == int(per_batch) and 0 < per_batch <= 8
    assert len(mail.outbox) == 30


def test_the_message_has_a_link_to_today_the_streak_and_a_one_click_unsubscribe(
    settings,
) -> None:
    settings.SITE_URL = "https://journal.example.org"
    alice = make_reminded("alice")
    for days_ago in (1, 2, 3):
        make_entry(alice, datetime.date(2026, 11, 25) - datetime.timedelta(days=days_ago))
    send_due_reminders(EVENING)
    (message,) = mail.outbox
    assert message.subject == "Footcare Journal: you haven't logged today"
    assert "https://journal.example.org/journal/today/" in message.body
    assert "You have logged 3 days in a row; today makes it 4." in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert 'href="https://journal.example.org/journal/today/"' in html
    assert "3 days in a row" in html
    stop = re.search(r"https://journal.example.org(/accounts/unsubscribe/\S+/)", message.body)
    assert message.extra_headers["List-Unsubscribe"] == f"<{stop.group(0)}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_the_message_holds_no_health_data(catalog) -> None:
    alice = make_reminded("alice")
    make_entry(
        alice,
        datetime.date(2026, 11, 24),
        back=9,
        knee=7,
        note="Sciatica flare after physio",
        exercises=catalog[:1],
    )
    send_due_reminders(EVENING)
    (message,) = mail.outbox
    text = message.body + message.alternatives[0][0]
    for secret in ("Sciatica", "physio", "pain", "knee", "back", "rating", catalog[0].name):
        assert secret not in text, secret


def test_a_long_gap_or_no_journal_gives_a_fresh_start_line() -> None:
    make_reminded("alice")
    send_due_reminders(EVENING)
    assert "Log today to start a new streak." in mail.outbox[0].body


def test_the_one_click_post_from_a_mail_program_stops_the_reminders_without_login() -> None:
    alice = make_reminded("alice")
    send_due_reminders(EVENING)
    url = mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>").split("testserver")[-1]
    url = re.sub(r"^https?://[^/]+", "", url)
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert "Reminders are off" in response.text
    assert profile_of(alice).__class__.objects.get(user=alice).reminders_enabled is False
    send_due_reminders(EVENING + datetime.timedelta(days=1))
    assert len(mail.outbox) == 1


def test_opening_the_unsubscribe_link_asks_before_stopping(client) -> None:
    alice = make_reminded("alice")
    send_due_reminders(EVENING)
    path = re.search(r"https?://[^/]+(/accounts/unsubscribe/\S+/)", mail.outbox[0].body).group(1)
    response = client.get(path)
    assert response.status_code == 200
    assert "Stop my reminders" in response.text
    assert profile_of(alice).__class__.objects.get(user=alice).reminders_enabled is True


def test_a_tampered_unsubscribe_link_says_so_and_changes_nothing(client) -> None:
    alice = make_reminded("alice")
    send_due_reminders(EVENING)
    path = re.search(r"https?://[^/]+(/accounts/unsubscribe/\S+/)", mail.outbox[0].body).group(1)
    tampered = path.replace(f"/{alice.pk}:", f"/{alice.pk + 1}:")
    assert tampered != path
    response = client.post(tampered)
    assert response.status_code == 400
    assert "This link to stop the reminders is damaged or incomplete" in response.text
    assert profile_of(alice).__class__.objects.get(user=alice).reminders_enabled is True


def test_the_command_reports_what_it_sent(time_machine) -> None:
    time_machine.move_to(EVENING, tick=False)
    make_reminded("alice")
    out = io.StringIO()
    call_command("send_reminders", stdout=out)
    assert out.getvalue().strip() == "Sent 1 reminder."
    assert recipients() == ["alice@example.org"]


RACERS = 40


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_send_each_reminder_exactly_once(settings) -> None:
    settings.EMAIL_BACKEND = "tests.journal.reminder_helpers.SlowBackend"
    for n in range(RACERS):
        zone = ["Pacific/Auckland", LONDON, "Asia/Tokyo"][n % 3]
        make_reminded(f"racer{n:02d}", zone=zone, at=datetime.time(0, 0))
    now = utc(2026, 11, 25, 21, 0)
    results = at_once(2, lambda _index: send_due_reminders(now, batch_size=5))
    assert [type(r).__name__ for r in results] == ["RunResult", "RunResult"]
    assert sum(r.sent for r in results) == RACERS
    assert recipients() == sorted(f"racer{n:02d}@example.org" for n in range(RACERS))


@pytest.mark.django_db(transaction=True)
def test_two_workers_running_the_every_minute_task_at_once_remind_each_person_once(
    settings,
) -> None:
    from journal.reminders.tasks import tick

    settings.EMAIL_BACKEND = "tests.journal.reminder_helpers.SlowBackend"
    for n in range(RACERS):
        zone = ["Pacific/Auckland", LONDON, "Asia/Tokyo"][n % 3]
        make_reminded(f"racer{n:02d}", zone=zone, at=datetime.time(0, 0))
    tick.enqueue()
    tick.enqueue()  # e.g. two workers that both started the chain
    ran = at_once(2, lambda index: run_tasks(worker_id=f"worker-{index}", limit=1))
    assert ran == [1, 1]
    assert recipients() == sorted(f"racer{n:02d}@example.org" for n in range(RACERS))
