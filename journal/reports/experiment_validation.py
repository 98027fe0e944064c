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
import random
from collections.abc import Iterator
from dataclasses import dataclass

from .experiment import BLOCK_DAYS, PRACTISE, ExperimentPlan, area_result, draw_schedule
from .simulate import START, simulate_schedule

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
class ExperimentCellResult:
    cell: ExperimentCell
    runs: int  # runs with enough rated days for a result
    rejected: float  # share with p <= 0.05: false alarms at effect 0, power otherwise
    coverage: float | None  # share with the true effect inside the 95% interval
    mean_width: float


# The cells `validate_reports` prints. φ 0.8 is the hard case for naive intervals.
EXPERIMENT_CELLS = (
    *(ExperimentCell(6, phi, effect, 1.0) for phi in (0.0, 0.5, 0.8) for effect in (0.0, -1.0)),
    ExperimentCell(6, 0.8, 0.0, 0.8),
    ExperimentCell(6, 0.8, -1.0, 0.8),
    ExperimentCell(4, 0.8, -1.0, 1.0),
    ExperimentCell(8, 0.8, -1.0, 1.0),
)


def run_experiment_cell(
    cell: ExperimentCell, seeds: int, first_seed: int = 0, draws: int | None = None
) -> ExperimentCellResult:
    rejected = covered = runs = 0
    widths: list[float] = []
    for seed in range(first_seed, first_seed + seeds):
        schedule = draw_schedule(cell.weeks, random.Random(seed))
        practise = tuple(letter == PRACTISE for letter in schedule)
        # One more day, so that the last day's next-day rating exists.
        rows = simulate_schedule(
            (*practise, False),
            phi=cell.phi,
            effect=cell.effect,
            seed=seed,
            adherence=cell.adherence,
        )
        plan = ExperimentPlan(practise, START, AREA, BLOCK_DAYS)
        today = plan.end + datetime.timedelta(days=1)
        options = {} if draws is None else {"draws": draws}
        result = area_result(plan, {row.day: row for row in rows}, AREA, today, **options)
        test = result.test
        if test is None:
            continue
        runs += 1
        rejected += test.p_value <= ALPHA
        if test.low is not None and test.high is not None:
            covered += test.low <= cell.effect <= test.high
            widths.append(test.high - test.low)
    return ExperimentCellResult(
        cell,
        runs,
        rejected / runs,
        covered / runs if cell.adherence == 1.0 else None,
        sum(widths) / len(widths),
    )


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
