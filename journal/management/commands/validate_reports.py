import datetime
import os
import resource
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from journal.analysis.experiment_validation import (
    COVERAGE,
    EXPERIMENT_CELLS,
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
from journal.analysis.simulate import FAMILIES
from journal.analysis.stats import binomial_limit
from journal.reports.validation import (
    COVERAGE_TARGET,
    DIARIES,
    FALSE_CLAIM_TARGET,
    LENGTHS,
    details,
    grid,
    run,
    table,
)


def _cpu_seconds() -> float:
    # This process and its workers: on a busy machine the wall clock mostly measures the
    # other processes; CPU seconds / cores is the time on a quiet one.
    return sum(
        resource.getrusage(who).ru_utime + resource.getrusage(who).ru_stime
        for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )


class Command(BaseCommand):
    help = (
        "Simulate diaries of every kind in journal/analysis/simulate.py at 21, 90, 365 and "
        "3,650 days with no effect, an effect of -1 in every area and in the knee only, run "
        "each through the Reports' next-day analysis and sentences, and print per cell the "
        "coverage of the 95% intervals, the false claims per area and across the areas, and "
        "the power; then the randomised experiment's cells and the before/after comparison's. "
        "Exits with an error when a cell misses its target."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--seeds", type=int, default=DIARIES, help=f"Diaries per cell ({DIARIES})."
        )
        parser.add_argument(
            "--jobs", type=int, default=os.cpu_count() or 1, help="Processes (all cores)."
        )
        parser.add_argument("--days", type=int, nargs="+", default=list(LENGTHS))
        parser.add_argument(
            "--families", nargs="+", default=list(FAMILIES), help="Kinds of diary (all)."
        )
        parser.add_argument(
            "--details", action="store_true", help="Also print every cell and area."
        )
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
        unknown = set(options["families"]) - set(FAMILIES)
        if unknown:
            raise CommandError(f"Unknown kinds of diary: {', '.join(sorted(unknown))}.")
        started, cpu = time.perf_counter(), _cpu_seconds()
        results = run(grid(days, options["families"]), seeds, jobs)
        low, high = COVERAGE_TARGET
        limit = binomial_limit(seeds, FALSE_CLAIM_TARGET)
        self.stdout.write(
            f"Next-day analysis on simulated diaries, {seeds} per cell, "
            f"{datetime.date.today():%Y-%m-%d}: {time.perf_counter() - started:.0f} s wall on "
            f"{jobs} process(es), {_cpu_seconds() - cpu:.0f} s CPU.\n"
            f"Targets: coverage {100 * low:.0f}-{100 * high:.0f}%; false claims at most "
            f"{100 * FALSE_CLAIM_TARGET:.0f}% per area and across the areas (a cell misses "
            f"it above {limit} of {seeds}, beyond Monte Carlo error). Values in %.\n"
        )
        for line in table(results):
            self.stdout.write(line)
        if options["details"]:
            self.stdout.write("")
            for line in details(results):
                self.stdout.write(line)
        misses = [
            f"{r.cell.family}, {r.cell.days} days, effect {r.cell.effect}: " + ", ".join(r.misses)
            for r in results
            if r.misses
        ]
        experiment_seeds = options["experiment_seeds"]
        misses += self._experiments(seeds if experiment_seeds is None else experiment_seeds, jobs)
        relief_seeds = options["relief_seeds"]
        misses += self._relief(2 * seeds if relief_seeds is None else relief_seeds)
        wall, used = time.perf_counter() - started, _cpu_seconds() - cpu
        self.stdout.write(f"\nIn all {wall:.0f} s wall, {used:.0f} s CPU.")
        if misses:
            raise CommandError("Targets missed:\n" + "\n".join(misses))
        self.stdout.write(f"All {len(results)} cells met their targets.")

    def _experiments(self, seeds: int, jobs: int) -> list[str]:
        """The randomised self-experiment's cells; returns the targets they miss."""
        if seeds <= 0:
            return []
        started = time.perf_counter()
        results = run_experiment_cells(EXPERIMENT_CELLS, seeds, jobs)
        low, high = COVERAGE
        self.stdout.write(
            f"\nRandomised experiments, {seeds} per cell, {time.perf_counter() - started:.0f} s. "
            f"Targets: false claims at most 5% per area and across the areas, coverage of the "
            f"plan's effect {100 * low:.0f}-{100 * high:.0f}%. Values in %.\n"
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
