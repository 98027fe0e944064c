import datetime
import secrets
import time
import zoneinfo
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management.base import BaseCommand
from django.db import connection
from django.test.utils import override_settings
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from accounts.models import EVERY_DAY, Profile
from journal.models import Entry
from journal.reminders import BATCH_SIZE, send_due_reminders
from notifications.management.commands.worker import batch_worker

TARGET_SECONDS = 60
ZONES = [
    "Europe/London",
    "Pacific/Auckland",
    "America/Los_Angeles",
    "Asia/Tokyo",
    "America/New_York",
    "Europe/Berlin",
    "Australia/Sydney",
    "Asia/Kolkata",
]
CLOCKS = {"wall": time.perf_counter, "cpu": time.process_time}


class CountingLocmemBackend(EmailBackend):
    """The locmem backend (each message rendered to MIME, as SMTP would), without keeping
    100,000 messages in memory."""

    sent = 0

    def send_messages(self, messages: list) -> int:
        count = super().send_messages(messages)
        CountingLocmemBackend.sent += count
        mail.outbox.clear()
        return count


@task()
def remind_bench_people(prefix: str, batch_size: int) -> list[int]:
    """The every-minute reminder run, narrowed to the benchmark's people: it must not mark
    real people as reminded."""
    among = Profile.objects.filter(user__username__startswith=prefix)
    result = send_due_reminders(batch_size=batch_size, among=among)
    return [result.sent, result.failed, result.batches]


class QueryCounter:
    def __init__(self) -> None:
        self.count = 0
        self.marks = 0

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        self.count += 1
        self.marks += sql.startswith('UPDATE "notifications_outgoingmail"')
        return execute(sql, params, many, context)


class Command(BaseCommand):
    help = (
        "Time the reminders through the task queue over throw-away people (100,000 by "
        "default) with the locmem mail backend: every one due except those who logged today "
        "or never confirmed their address. The run is queued and a worker in this process "
        "runs it (claims, outbox rows, sending, marks). Prints the time and the queries per "
        "batch, then deletes the people."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--people", type=int, default=100_000)
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)
        parser.add_argument("--clock", choices=sorted(CLOCKS), default="wall")

    def handle(self, *args: Any, people: int, batch_size: int, clock: str, **opts: Any) -> None:
        prefix = f"bench-reminders-{secrets.token_hex(4)}-"
        started = time.perf_counter()
        expected = self.create_people(prefix, people)
        self.stdout.write(
            f"Created {people:,} people ({expected:,} due) in "
            f"{time.perf_counter() - started:.1f} s; sending…"
        )
        try:
            CountingLocmemBackend.sent = 0
            backend = f"{__name__}.CountingLocmemBackend"
            queries = QueryCounter()
            # DEBUG off while it runs, as in the production worker: DEBUG's query log formats
            # every statement (on SQLite with one more query each), which is Django's cost,
            # not the reminders'. The statements are counted without it.
            with (
                override_settings(EMAIL_BACKEND=backend, DEBUG=False),
                connection.execute_wrapper(queries),
            ):
                began = CLOCKS[clock]()
                queued = remind_bench_people.enqueue(prefix, batch_size)
                batch_worker(f"bench-{secrets.token_hex(4)}").run()
                seconds = CLOCKS[clock]() - began
            run = DBTaskResult.objects.get(pk=queued.id)
            if run.status != "SUCCESSFUL":
                raise RuntimeError(f"The benchmark's run failed:\n{run.traceback}")
            sent, failed, batches = run.return_value
            run.delete()
        finally:
            self.delete_people(prefix)
        self.stdout.write(
            f"send_reminders over {people:,} people: {seconds:.1f} s ({clock} clock), "
            f"{sent:,} sent ({CountingLocmemBackend.sent:,} by the backend), "
            f"{failed} failed, {batches} batches of up to {batch_size}, "
            f"{queries.count:,} queries ({(queries.count - queries.marks) / max(batches, 1):.1f} "
            f"per batch, and {queries.marks:,} marking messages sent), "
            f"{seconds / max(people, 1) * 1e6:.0f} µs per person. "
            f"Target: under {TARGET_SECONDS} s for 100,000 — "
            f"{'met' if seconds < TARGET_SECONDS * people / 100_000 else 'NOT met'}."
        )

    def create_people(self, prefix: str, count: int) -> int:
        """Everyone's reminder is at 00:00, so all are due now, except every fifth, who
        logged today, and every tenth, whose address is unconfirmed. Others have 0-4 days
        logged before today, for the streak."""
        users = get_user_model().objects.bulk_create(
            get_user_model()(
                username=f"{prefix}{n}",
                email=f"{prefix}{n}@example.org",
                password=UNUSABLE_PASSWORD_PREFIX,
            )
            for n in range(count)
        )
        if not all(user.pk for user in users):  # backends that return no ids on bulk insert
            users = list(get_user_model().objects.filter(username__startswith=prefix))
        now = timezone.now()
        profiles = []
        entries = []
        due = 0
        for n, user in enumerate(users):
            zone = ZONES[n % len(ZONES)]
            today = now.astimezone(zoneinfo.ZoneInfo(zone)).date()
            confirmed = n % 10 != 3
            profiles.append(
                Profile(
                    user=user,
                    time_zone=zone,
                    confirmed_email=user.email if confirmed else "",
                    reminders_enabled=True,
                    reminder_time=datetime.time(0, 0),
                    reminder_days=EVERY_DAY,
                )
            )
            logged_today = n % 5 == 0
            if logged_today:
                entries.append(Entry(user=user, day=today))
            due += confirmed and not logged_today
            entries.extend(
                Entry(user=user, day=today - datetime.timedelta(days=d))
                for d in range(1, n % 5 + 1)
            )
        Profile.objects.bulk_create(profiles, batch_size=5000)
        Entry.objects.bulk_create(entries, batch_size=5000)
        return due

    def delete_people(self, prefix: str) -> None:
        users = get_user_model().objects.filter(username__startswith=prefix)
        Entry.objects.filter(user__in=users).delete()
        Profile.objects.filter(user__in=users).delete()
        users.delete()
