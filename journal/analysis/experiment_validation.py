"""Validation of the randomised self-experiment on simulated diaries.

Each run draws a schedule the way the server does, simulates a person who follows it
(``simulate.simulate_schedule``: AR(1) pain, 10% of days not logged, 5% of ratings missing,
and, with adherence below 1, practice after bad days instead of the schedule on some days),
and computes the primary result with the same ``area_result`` the experiment page uses.

Per cell it reports the false-alarm rate of the randomisation test (p <= 0.05 with no true
effect), the coverage of the 95% interval (true effect inside; only where the person
follows the schedule, since otherwise the schedule's effect is smaller than practice's),
and the power for an effect of -1 (p <= 0.05).
"""

import datetime
import math
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from journal.analysis.experiment import (
    BLOCK_DAYS,
    PRACTISE,
    ExperimentPlan,
    area_result,
    draw_schedule,
)
from journal.analysis.simulate import START, simulate_schedule

AREA = "knee"
ALPHA = 0.05
# Targets: the randomisation test's false alarms at φ 0.8 with no effect, and the interval's
# coverage wherever the person follows the schedule.
FALSE_ALARMS = (0.04, 0.06)
COVERAGE = (0.93, 0.97)


@dataclass(frozen=True)
class ExperimentCell:
    weeks: int
    phi: float
    effect: float
    adherence: float


@dataclass(frozen=True)
class ExperimentTally:
    runs: int = 0  # runs with enough rated days for a result
    rejected: int = 0  # p <= 0.05
    covered: int = 0  # true effect inside the 95% interval
    width: float = 0.0  # sum of the bounded intervals' widths
    bounded: int = 0

    def __add__(self, other: "ExperimentTally") -> "ExperimentTally":
        return ExperimentTally(
            self.runs + other.runs,
            self.rejected + other.rejected,
            self.covered + other.covered,
            self.width + other.width,
            self.bounded + other.bounded,
        )


@dataclass(frozen=True)
class ExperimentCellResult:
    cell: ExperimentCell
    runs: int
    rejected: float  # share with p <= 0.05: false alarms at effect 0, power otherwise
    coverage: float | None  # None where the schedule's effect is not the practice's
    mean_width: float

    @classmethod
    def of(cls, cell: ExperimentCell, tally: ExperimentTally) -> "ExperimentCellResult":
        return cls(
            cell,
            tally.runs,
            tally.rejected / tally.runs,
            tally.covered / tally.runs if cell.adherence == 1.0 else None,
            tally.width / tally.bounded if tally.bounded else math.inf,
        )


# The cells `validate_reports` prints. φ 0.8 is the hard case for naive intervals.
EXPERIMENT_CELLS = (
    *(ExperimentCell(6, phi, effect, 1.0) for phi in (0.0, 0.5, 0.8) for effect in (0.0, -1.0)),
    ExperimentCell(6, 0.8, 0.0, 0.8),
    ExperimentCell(6, 0.8, -1.0, 0.8),
    ExperimentCell(4, 0.8, -1.0, 1.0),
    ExperimentCell(8, 0.8, -1.0, 1.0),
)


def tally_experiments(
    cell: ExperimentCell, seeds: Iterable[int], draws: int | None = None
) -> ExperimentTally:
    """Simulate one experiment per seed and count what its primary result says."""
    total = ExperimentTally()
    options = {} if draws is None else {"draws": draws}
    for seed in seeds:
        schedule = draw_schedule(cell.weeks, random.Random(seed))
        practise = tuple(letter == PRACTISE for letter in schedule)
        # One more day, so that the last day's next-day rating exists.
        rows = simulate_schedule(
            (*practise, False),
            phi=cell.phi,
            effect=cell.effect,
            seed=seed,
            adherence=cell.adherence,
            areas=(AREA,),
        )
        plan = ExperimentPlan(practise, START, AREA, BLOCK_DAYS)
        today = plan.end + datetime.timedelta(days=1)
        test = area_result(plan, {row.day: row for row in rows}, AREA, today, **options).test
        if test is None:
            continue
        bounded = test.low is not None and test.high is not None
        total += ExperimentTally(
            runs=1,
            rejected=int(test.p_value <= ALPHA),
            covered=int(bounded and test.low <= cell.effect <= test.high),
            width=test.high - test.low if bounded else 0.0,
            bounded=int(bounded),
        )
    return total


def run_experiment_cell(
    cell: ExperimentCell, seeds: int, first_seed: int = 0, draws: int | None = None
) -> ExperimentCellResult:
    tally = tally_experiments(cell, range(first_seed, first_seed + seeds), draws)
    return ExperimentCellResult.of(cell, tally)


def _tally_chunk(
    task: tuple[ExperimentCell, int, int],
) -> tuple[ExperimentCell, ExperimentTally]:
    cell, first, stop = task
    return cell, tally_experiments(cell, range(first, stop))


def run_experiment_cells(
    cells: Iterable[ExperimentCell], seeds: int, jobs: int = 1, chunk: int = 50
) -> list[ExperimentCellResult]:
    """Every cell over seeds 0..seeds-1, in chunks over ``jobs`` processes."""
    cells = list(cells)
    tasks = [
        (c, first, min(first + chunk, seeds)) for c in cells for first in range(0, seeds, chunk)
    ]
    totals = {cell: ExperimentTally() for cell in cells}
    if jobs > 1:
        from multiprocessing import get_context

        with get_context("fork").Pool(jobs) as pool:
            for cell, counts in pool.imap_unordered(_tally_chunk, tasks):
                totals[cell] += counts
    else:
        for cell, counts in map(_tally_chunk, tasks):
            totals[cell] += counts
    return [ExperimentCellResult.of(cell, totals[cell]) for cell in cells]


def experiment_table(results: list[ExperimentCellResult]) -> Iterator[str]:
    """The table as Markdown rows, for the terminal and the README."""
    yield "| weeks | φ | true effect | adherence | runs | p ≤ 0.05 | coverage | mean width |"
    yield "|---|---|---|---|---|---|---|---|"
    for r in results:
        c = r.cell
        what = "false alarms" if c.effect == 0 else "power"
        coverage = "—" if r.coverage is None else f"{100 * r.coverage:.1f}%"
        yield (
            f"| {c.weeks} | {c.phi} | {c.effect:g} | {100 * c.adherence:.0f}% | {r.runs} | "
            f"{100 * r.rejected:.1f}% ({what}) | {coverage} | {r.mean_width:.2f} |"
        )


def experiment_misses(results: list[ExperimentCellResult]) -> list[str]:
    """The cells that miss a target, in words; empty when every target is met."""
    misses = []
    for r in results:
        c = r.cell
        name = f"{c.weeks} weeks, φ {c.phi}, effect {c.effect:g}, adherence {c.adherence:.0%}"
        low, high = FALSE_ALARMS
        if c.effect == 0 and c.phi == 0.8 and not low <= r.rejected <= high:
            misses.append(f"{name}: false alarms {r.rejected:.1%}, target {low:.0%}–{high:.0%}")
        low, high = COVERAGE
        if r.coverage is not None and not low <= r.coverage <= high:
            misses.append(f"{name}: coverage {r.coverage:.1%}, target {low:.0%}–{high:.0%}")
    return misses
