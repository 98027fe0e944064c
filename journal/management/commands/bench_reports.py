import datetime
import os
import secrets
import statistics
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.test import RequestFactory
from django.test.utils import override_settings
from django.utils import timezone

from exercises.models import Exercise
from journal.analysis.report import build_report
from journal.demo import demo_days
from journal.models import Entry
from journal.reports.data import cache_key, report_for
from journal.reports.drawing import charts
from journal.reports.drawing.pdf import doctor_pdf
from journal.reports.page import chart_url
from journal.reports.period import Period
from journal.reports.views import report_chart
from journal.rows import load_rows
from journal.version import data_version

TARGET_365_TREND_MS = 200
TARGET_GROWTH = 2.5
TARGET_CACHE_HIT_MS = 5


# Wall-clock time is what a person waits for. On a shared, busy machine it mostly measures
# the other processes, so --clock cpu times this process's own CPU instead.
CLOCKS = {"wall": time.perf_counter, "cpu": time.process_time}


def median_ms(
    action: Callable[[], object], runs: int, clock: Callable[[], float], warm: bool = True
) -> float:
    if warm:
        action()  # fills Python's, SQLite's and the OS's caches; not counted
    timings = []
    for _ in range(runs):
        started = clock()
        action()
        timings.append((clock() - started) * 1000)
    return statistics.median(timings)


class Command(BaseCommand):
    help = (
        "Time the Reports on a throw-away user with 30, 365 and 3,650 days of sample "
        "entries: loading the rows, the analysis, drawing each chart and the doctor's PDF "
        "uncached, and serving a chart from the cache. Prints medians in milliseconds and "
        "deletes the user and its cached charts afterwards."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--days", type=int, nargs="+", default=[30, 365, 3650])
        parser.add_argument("--runs", type=int, default=5, help="Runs per median (default 5).")
        parser.add_argument(
            "--clock",
            choices=sorted(CLOCKS),
            default="wall",
            help="wall (default): elapsed time; cpu: this process's CPU time, steadier on a "
            "busy machine.",
        )

    def handle(self, *args: Any, days: list[int], runs: int, clock: str, **options: Any) -> None:
        self.clock_name = clock
        self.clock = CLOCKS[clock]
        if not Exercise.objects.active().exists():
            call_command("load_catalog", stdout=self.stdout)
        user = get_user_model().objects.create_user(f"bench-reports-{secrets.token_hex(4)}")
        keys: list[str] = []
        try:
            today = timezone.localdate()
            self._fill(user, today, max(days))
            # Timed as production runs: with DEBUG on (as management commands run here),
            # Django logs every query and, on SQLite, runs a second one to quote its
            # parameters, which would double the cost of a cache hit.
            with override_settings(DEBUG=False):
                self._run(user, today, sorted(days), runs, keys)
        finally:
            cache.delete_many(keys)
            user.delete()

    def _ms(self, action: Callable[[], object], runs: int, warm: bool = True) -> float:
        return median_ms(action, runs, self.clock, warm)

    def _fill(self, user: Any, today: datetime.date, days: int) -> None:
        exercises = {exercise.order: exercise for exercise in Exercise.objects.active()}
        sample = demo_days(today, days, exercise_orders=sorted(exercises))
        Entry.objects.bulk_create(
            Entry(user=user, day=d.day, note=d.note, **d.ratings) for d in sample
        )
        by_day = dict(Entry.objects.for_user(user).values_list("day", "pk"))
        Entry.exercises.through.objects.bulk_create(
            Entry.exercises.through(entry_id=by_day[d.day], exercise_id=exercises[order].pk)
            for d in sample
            for order in d.exercise_orders
        )

    def _run(
        self, user: Any, today: datetime.date, all_days: list[int], runs: int, keys: list[str]
    ) -> None:
        backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
        first = Period("custom", today - datetime.timedelta(days=29), today)
        warm_up = self._ms(
            lambda: charts.chart_bytes(report_for(user, first, today), "trend", "png"),
            1,
            warm=False,
        )
        busy = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        self.stdout.write(
            f"Reports benchmark: medians of {runs} runs in ms ({self.clock_name} clock); "
            f"cache backend {backend}; "
            f"load average before the runs {busy} on {os.cpu_count()} cores.\n"
            f"First drawing in this process (imports matplotlib, loads fonts), not counted "
            f"below: {warm_up:.0f} ms.\n"
        )
        # Each chart in its wide and its phone variant (twice the pixels, larger type).
        header = (
            f"{'days':>6} {'logged':>7} {'rows':>6} {'analysis':>9} "
            + " ".join(f"{name:>16}" for name in charts.CHART_NAMES)
            + f" {'trend.svg':>10} {'doctor PDF':>11} {'cache hit':>10} {'hit (view)':>11}"
        )
        self.stdout.write(header)
        trend_ms: dict[int, float] = {}
        hit_ms: list[float] = []
        factory = RequestFactory()
        for days in all_days:
            period = Period("custom", today - datetime.timedelta(days=days - 1), today)
            rows, names = load_rows(user, period.start, period.end)
            load = self._ms(lambda p=period: load_rows(user, p.start, p.end), runs)
            analysis = self._ms(
                lambda p=period, r=rows, n=names: build_report(
                    r, n, p.start, p.end, today, p.label
                ),
                runs,
            )
            report = build_report(rows, names, period.start, period.end, today, period.label)
            drawn = {
                name: self._ms(lambda k=name, r=report: charts.chart_bytes(r, k, "png"), runs)
                for name in charts.CHART_NAMES
            }
            svg = self._ms(lambda r=report: charts.chart_bytes(r, "trend", "svg"), runs)
            pdf = self._ms(lambda r=report: doctor_pdf(r, "Bench", today), runs)
            trend_ms[days] = drawn["trend"]

            # A cache hit as the chart view does it: the data version, then the cache.
            version = data_version(user)
            key = cache_key(user, period, version, "trend.png")
            keys.append(key)
            cache.set(key, charts.chart_bytes(report, "trend", "png"))

            def hit(k: str = key) -> None:
                data_version(user)
                assert cache.get(k) is not None

            cached = self._ms(hit, max(runs, 20))
            hit_ms.append(cached)
            request = factory.get(chart_url(period, version, "trend", "png"))
            request.user = user
            via_view = self._ms(lambda r=request: report_chart(r, "trend", "png"), max(runs, 20))
            self.stdout.write(
                f"{days:>6} {len(rows):>7} {load:>6.1f} {analysis:>9.1f} "
                + " ".join(f"{drawn[name]:>16.1f}" for name in charts.CHART_NAMES)
                + f" {svg:>10.1f} {pdf:>11.1f} {cached:>10.2f} {via_view:>11.2f}"
            )
        self._targets(trend_ms, hit_ms)

    def _targets(self, trend_ms: dict[int, float], hit_ms: list[float]) -> None:
        lines = ["", "Targets:"]
        if 365 in trend_ms:
            ok = trend_ms[365] <= TARGET_365_TREND_MS
            lines.append(
                f"  365-day trend uncached {trend_ms[365]:.0f} ms "
                f"(target <= {TARGET_365_TREND_MS}): {'met' if ok else 'MISSED'}"
            )
            if 3650 in trend_ms:
                ratio = trend_ms[3650] / trend_ms[365]
                lines.append(
                    f"  3,650-day trend {trend_ms[3650]:.0f} ms = {ratio:.2f} x the 365-day one "
                    f"(target <= {TARGET_GROWTH}): {'met' if ratio <= TARGET_GROWTH else 'MISSED'}"
                )
        worst = max(hit_ms)
        lines.append(
            f"  cache hit {worst:.2f} ms at worst (target <= {TARGET_CACHE_HIT_MS}): "
            f"{'met' if worst <= TARGET_CACHE_HIT_MS else 'MISSED'}"
        )
        self.stdout.write("\n".join(lines))
