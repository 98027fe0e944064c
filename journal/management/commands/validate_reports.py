import datetime
import os
import resource
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from journal.analysis.experiment_validation import (
    COVERAGE,
    EXPERIMENT_CELLS,
    FALSE_ALARMS,
    experiment_misses,
    experiment_table,
    run_experiment_cells,
)
from journal.analysis.relief_validation import (
    COVERAGE_TARGET as RELIEF_COVERAGE,
)
from journal.analysis.relief_validation import (
    RELIEF_CELLS,
    relief_misses,
    relief_table,
    run_relief_cells,
)
from journal.reports.validation import (
    COVERAGE_TARGET,
    FALSE_CLAIM_TARGET,
    LENGTHS,
    CellResult,
    grid,
    run,
)


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f}"


class Command(BaseCommand):
    help = (
        "Simulate diaries (5 practice patterns x carry-over phi 0, 0.5, 0.8 x true effect 0 "
        "and -1, at 90 and 365 days), run each through the Reports' next-day analysis and "
        "print per cell the coverage of the 95% interval, the rate of false 'lower' and "
        "'higher' sentences and the power. Exits with an error when a cell misses its target."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--seeds", type=int, default=1000, help="Diaries per cell (1000).")
        parser.add_argument(
            "--jobs", type=int, default=os.cpu_count() or 1, help="Processes (all cores)."
        )
        parser.add_argument("--days", type=int, nargs="+", default=list(LENGTHS))
        parser.add_argument(
            "--experiment-seeds",
            type=int,
            help="Simulated randomised experiments per cell (as --seeds; 0 skips them).",
        )
        parser.add_argument(
            "--relief-seeds",
            type=int,
            help="Simulated before/after comparisons per cell (twice --seeds; 0 skips them).",
        )

    def handle(self, *args: Any, seeds: int, jobs: int, days: list[int], **options: Any) -> None:
        started = time.perf_counter()
        results = run(grid(days), seeds, jobs)
        elapsed = time.perf_counter() - started
        # CPU time of this process and its workers: on a busy machine the wall clock mostly
        # measures the other processes; CPU seconds / cores is the time on a quiet one.
        cpu = sum(
            resource.getrusage(who).ru_utime + resource.getrusage(who).ru_stime
            for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
        )
        low, high = COVERAGE_TARGET
        self.stdout.write(
            f"Next-day analysis on simulated diaries, {seeds} per cell, "
            f"{datetime.date.today():%Y-%m-%d}: {elapsed:.0f} s wall on {jobs} process(es), "
            f"{cpu:.0f} s CPU.\n"
            f"Targets: coverage {100 * low:.0f}-{100 * high:.0f}%, each false claim at most "
            f"{100 * FALSE_CLAIM_TARGET:.0f}%. Values in %.\n"
        )
        self.stdout.write(
            "| days | practice | φ | effect | shown | coverage | false lower | false higher "
            "| power |\n|---|---|---|---|---|---|---|---|---|"
        )
        for result in results:
            self.stdout.write(self._row(result))
        misses = [
            f"{r.cell.days} days, {r.cell.pattern}, φ {r.cell.phi}, effect {r.cell.effect:g}: "
            + ", ".join(r.misses)
            for r in results
            if r.misses
        ]
        experiment_seeds = options["experiment_seeds"]
        misses += self._experiments(seeds if experiment_seeds is None else experiment_seeds, jobs)
        relief_seeds = options["relief_seeds"]
        misses += self._relief(2 * seeds if relief_seeds is None else relief_seeds)
        if misses:
            raise CommandError("Targets missed:\n" + "\n".join(misses))
        self.stdout.write(f"\nAll {len(results)} cells met their targets.")

    def _row(self, result: CellResult) -> str:
        cell, tally = result.cell, result.tally
        effect = f"{cell.effect:g}"
        false_lower = _percent(result.false_lower) if cell.effect == 0 else "–"
        return (
            f"| {cell.days} | {cell.pattern} | {cell.phi:g} | {effect} | "
            f"{_percent(tally.shown / tally.diaries)} | {_percent(result.coverage)} | "
            f"{false_lower} | {_percent(result.false_higher)} | {_percent(result.power)} |"
        )

    def _experiments(self, seeds: int, jobs: int) -> list[str]:
        """The randomised self-experiment's cells; returns the targets they miss."""
        if seeds <= 0:
            return []
        started = time.perf_counter()
        results = run_experiment_cells(EXPERIMENT_CELLS, seeds, jobs)
        low, high = FALSE_ALARMS
        self.stdout.write(
            f"\nRandomised experiments, {seeds} per cell, {time.perf_counter() - started:.0f} s. "
            f"Targets: false alarms {100 * low:.0f}-{100 * high:.0f}% at φ 0.8, coverage "
            f"{100 * COVERAGE[0]:.0f}-{100 * COVERAGE[1]:.0f}% where the schedule is followed.\n"
        )
        for line in experiment_table(results):
            self.stdout.write(line)
        return experiment_misses(results)

    def _relief(self, seeds: int) -> list[str]:
        """The before/after comparison (routine against rest); returns the targets missed."""
        if seeds <= 0:
            return []
        started = time.perf_counter()
        rows = run_relief_cells(RELIEF_CELLS, seeds)
        low, high = RELIEF_COVERAGE
        self.stdout.write(
            f"\nBefore/after comparisons (routine against rest), {seeds} per cell, "
            f"{time.perf_counter() - started:.0f} s. Targets: each false claim at most 5%, "
            f"coverage {100 * low:.0f}-{100 * high:.0f}%.\n"
        )
        for line in relief_table(rows):
            self.stdout.write(line)
        return relief_misses(rows)
