import datetime
import os
import resource
import secrets
import time
import tracemalloc
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.test import Client
from django.test.utils import override_settings
from django.utils import timezone

from journal.models import Entry, PegCheckIn, monday_of
from journal.sharing.links import create_link


class Command(BaseCommand):
    help = (
        "Time the FHIR file of a share link for a long journal (20 years by default) on a "
        "throw-away user: the whole download through the view, the first chunk, the file's "
        "size and the Python memory it needed at most (tracemalloc). Deletes the user after."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--years", type=int, default=20)
        parser.add_argument("--runs", type=int, default=3)

    def handle(self, *args: Any, years: int, runs: int, **options: Any) -> None:
        user = get_user_model().objects.create_user(f"bench-fhir-{secrets.token_hex(4)}")
        try:
            today = timezone.localdate()
            days = [today - datetime.timedelta(days=n) for n in range(years * 365)]
            Entry.objects.bulk_create(
                (
                    Entry(user=user, day=d, back=n % 11, hip=(3 * n) % 11, knee=(7 * n) % 11)
                    for n, d in enumerate(days)
                ),
                batch_size=2000,
            )
            PegCheckIn.objects.bulk_create(
                PegCheckIn(user=user, week=monday, pain=4, enjoyment=5, activity=6)
                for monday in sorted({monday_of(d) for d in days[:-7]})
            )
            _link, token = create_link(
                user,
                start=days[-1],
                end=today,
                days=1,
                include_notes=False,
                label="",
                now=timezone.now(),
            )
            busy = ", ".join(f"{x:.1f}" for x in os.getloadavg())
            self.stdout.write(
                f"FHIR on a share link, {years} years ({len(days):,} days); load average "
                f"{busy} on {os.cpu_count()} cores."
            )
            with override_settings(DEBUG=False):
                for run in range(1, runs + 1):
                    self._time(run, f"/shared/{token}/fhir.json")
                self._memory(f"/shared/{token}/fhir.json")
        finally:
            user.delete()

    def _download(self, url: str) -> tuple[int, int, float]:
        started = time.perf_counter()
        response = Client().get(url, HTTP_HOST="localhost")
        size, first = 0, 0.0
        for chunk in response.streaming_content:
            first = first or time.perf_counter() - started
            size += len(chunk)
        return response.status_code, size, first

    def _time(self, run: int, url: str) -> None:
        started = time.perf_counter()
        status, size, first = self._download(url)
        took = time.perf_counter() - started
        self.stdout.write(
            f"run {run}: status {status}, {size / 1e6:.1f} MB in {took:.2f} s "
            f"(first chunk after {first:.2f} s)"
        )

    def _memory(self, url: str) -> None:
        # Traced separately: tracemalloc makes Python several times slower.
        tracemalloc.start()
        self._download(url)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        self.stdout.write(
            f"memory: Python allocations at most {peak / 1e6:.1f} MB during a download; "
            f"this process's peak RSS {rss:.0f} MB"
        )
