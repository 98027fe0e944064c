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
from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone

from accounts.models import EVERY_DAY, Profile
from journal.models import Entry
from journal.reminders import BATCH_SIZE, send_due_reminders

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


class Command(BaseCommand):
    help = (
        "Time send_reminders over throw-away people (100,000 by default) with the locmem "
        "mail backend: every one due except those who logged today or never confirmed "
        "their address. Prints the time and the queries per batch, then deletes the people."
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
        among = Profile.objects.filter(user__username__startswith=prefix)
        try:
            CountingLocmemBackend.sent = 0
            backend = f"{__name__}.CountingLocmemBackend"
            # Creating the people filled DEBUG's query log; empty it so the count is exact.
            reset_queries()
            with (
                override_settings(EMAIL_BACKEND=backend),
                CaptureQueriesContext(connection) as queries,
            ):
                began = CLOCKS[clock]()
                result = send_due_reminders(batch_size=batch_size, among=among)
                seconds = CLOCKS[clock]() - began
        finally:
            self.delete_people(prefix)
        self.stdout.write(
            f"send_reminders over {people:,} people: {seconds:.1f} s ({clock} clock), "
            f"{result.sent:,} sent ({CountingLocmemBackend.sent:,} by the backend), "
            f"{result.failed} failed, {result.batches} batches of up to {batch_size}, "
            f"{len(queries)} queries ({len(queries) / max(result.batches, 1):.1f} per batch), "
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
