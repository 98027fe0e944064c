"""Validation of the randomised self-experiment on simulated diaries, for ``make validate``.

Each run draws a schedule the way the server does (``experiment.draw_schedule``), simulates
a person who follows it (``simulate.simulate`` with the schedule: three correlated areas,
AR(1) felt pain rounded to 0-10, off-plan days chosen by how the person feels), and
computes every area's result and the decision across the areas with the same
``area_result`` and ``experiment_rungs`` the experiment page uses (the knee is the area
chosen at the start). Per cell:

- false claims: "lower" or "higher" (probably or clearly) for an area whose plan effect is
  0, or the wrong one; per area and across the three (target at most 5%);
- coverage: the share of 95% intervals that hold the effect of the plan, the quantity the
  page names: next-day rating after assigned practise days minus after assigned rest days
  (target 93-97%). It is smaller than the exercises' effect when days go off plan;
- power: with a true effect of -1, the share that say "lower" for the knee.

The cells add to the clean ones what a real experiment meets: days off plan (70%
adherence), part of the routine on practise days, days skipped more often when the pain is
bad (gaps not at random), an effect that carries over into the day after next, φ 0.95 with
heavy tails and flare-ups, and 4 and 8 weeks.
"""

import datetime
import math
import random
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

import numpy as np

from footcare.vocabulary import AREAS
from journal.analysis.chunks import add_chunks, chunk_tasks
from journal.analysis.experiment import (
    BLOCK_DAYS,
    PRACTISE,
    ExperimentPlan,
    area_result,
    draw_schedule,
    experiment_rungs,
)
from journal.analysis.nextday import CLAIMS, Rung
from journal.analysis.simulate import ROUTINE, START, Family, simulate
from journal.analysis.stats import validation_misses

PRIMARY = "knee"
COVERAGE = (0.93, 0.97)
FALSE_CLAIMS = 0.05
RUNS = 1000

BASE = Family("experiment", feel_gain=1.0)


@dataclass(frozen=True)
class ExperimentCell:
    name: str
    weeks: int
    effect: tuple[float, float, float]
    family: Family = BASE
    adherence: float = 1.0

    @property
    def seed(self) -> int:
        return zlib.crc32(self.name.encode())


NO_EFFECT = (0.0, 0.0, 0.0)
EVERYWHERE = (-1.0, -1.0, -1.0)
KNEE_ONLY = (0.0, 0.0, -1.0)

EXPERIMENT_CELLS = (
    ExperimentCell("φ 0, no effect", 6, NO_EFFECT, replace(BASE, phi=0.0)),
    ExperimentCell("φ 0.8, no effect", 6, NO_EFFECT),
    ExperimentCell("φ 0.8", 6, EVERYWHERE),
    ExperimentCell("φ 0.8, knee only", 6, KNEE_ONLY),
    ExperimentCell(
        "φ 0.95, heavy tails, flare-ups, no effect",
        6,
        NO_EFFECT,
        replace(BASE, phi=0.95, heavy_tails=True, flare_rate=1 / 45),
    ),
    ExperimentCell("70% of days on plan, no effect", 6, NO_EFFECT, adherence=0.7),
    ExperimentCell("70% of days on plan", 6, EVERYWHERE, adherence=0.7),
    ExperimentCell(
        "part of the routine on 30% of practise days",
        6,
        EVERYWHERE,
        replace(BASE, whole_share=0.7, partial_share=0.5),
    ),
    ExperimentCell(
        "gaps not at random, no effect",
        6,
        NO_EFFECT,
        replace(BASE, miss=0.15, miss_pain=0.5),
    ),
    ExperimentCell("gaps not at random", 6, EVERYWHERE, replace(BASE, miss=0.15, miss_pain=0.5)),
    ExperimentCell("carry-over to the day after next", 6, EVERYWHERE, replace(BASE, carry2=0.5)),
    ExperimentCell("4 weeks", 4, EVERYWHERE),
    ExperimentCell("8 weeks", 8, EVERYWHERE),
)


def _zeros() -> list[int]:
    return [0] * len(AREAS)


@dataclass
class ExperimentTally:
    runs: int = 0  # runs with a result for the knee
    tested: list[int] = field(default_factory=_zeros)  # per area: runs with a result
    covered: list[int] = field(default_factory=_zeros)
    lower: list[int] = field(default_factory=_zeros)
    higher: list[int] = field(default_factory=_zeros)
    clearly: list[int] = field(default_factory=_zeros)
    false: list[int] = field(default_factory=_zeros)
    false_anywhere: int = 0
    width: float = 0.0  # the knee's bounded intervals, summed
    bounded: int = 0
    truth: list[float] = field(default_factory=lambda: [0.0] * len(AREAS))  # summed per run

    def __iadd__(self, other: "ExperimentTally") -> "ExperimentTally":
        for name in ("tested", "covered", "lower", "higher", "clearly", "false", "truth"):
            mine, theirs = getattr(self, name), getattr(other, name)
            setattr(self, name, [a + b for a, b in zip(mine, theirs, strict=True)])
        self.runs += other.runs
        self.false_anywhere += other.false_anywhere
        self.width += other.width
        self.bounded += other.bounded
        return self


def tally_experiments(
    cell: ExperimentCell, runs: int, seed: int, draws: int | None = None
) -> ExperimentTally:
    """Simulate ``runs`` experiments of a cell and count what their results say."""
    rng = random.Random(seed)
    schedules = [
        tuple(day == PRACTISE for day in draw_schedule(cell.weeks, rng)) for _ in range(runs)
    ]
    days = cell.weeks * 7 + 1  # one more day, so that the last day's next day is rated
    plan_days = np.array([[*s, False] for s in schedules])
    simulated = simulate(
        cell.family, days, runs, cell.effect, seed, schedule=plan_days, adherence=cell.adherence
    )
    options = {} if draws is None else {"draws": draws}
    total = ExperimentTally()
    truth = [float(t) for t in simulated.truth]
    for i, practise in enumerate(schedules):
        plan = ExperimentPlan(practise, START, PRIMARY, BLOCK_DAYS, routine=frozenset(ROUTINE))
        rows = {row.day: row for row in simulated.rows(i)}
        today = plan.end + datetime.timedelta(days=1)
        results = [area_result(plan, rows, area, today, **options) for area in AREAS]
        if results[AREAS.index(PRIMARY)].test is None:
            continue
        rungs = experiment_rungs(results, PRIMARY)
        total.runs += 1
        wrong_anywhere = False
        for k, result in enumerate(results):
            test = result.test
            if test is None:
                continue
            total.tested[k] += 1
            bounded = test.low is not None and test.high is not None
            total.covered[k] += (not bounded) or test.low <= truth[k] <= test.high
            if result.area == PRIMARY and bounded:
                total.width += test.high - test.low
                total.bounded += 1
            rung = rungs[result.area]
            if rung not in CLAIMS:
                continue
            lower = rung in (Rung.CLEARLY_LOWER, Rung.PROBABLY_LOWER)
            total.lower[k] += lower
            total.higher[k] += not lower
            total.clearly[k] += rung in (Rung.CLEARLY_LOWER, Rung.CLEARLY_HIGHER)
            wrong = (lower and not truth[k] < 0) or (not lower and not truth[k] > 0)
            total.false[k] += wrong
            wrong_anywhere |= wrong
        total.false_anywhere += wrong_anywhere
    total.truth = [t * total.runs for t in truth]
    return total


@dataclass(frozen=True)
class ExperimentCellResult:
    cell: ExperimentCell
    tally: ExperimentTally

    @property
    def truth(self) -> list[float]:
        return [t / max(self.tally.runs, 1) for t in self.tally.truth]

    def coverage(self, k: int) -> float | None:
        tested = self.tally.tested[k]
        return self.tally.covered[k] / tested if tested else None

    def false(self, k: int) -> float:
        return self.tally.false[k] / max(self.tally.runs, 1)

    @property
    def familywise(self) -> float:
        return self.tally.false_anywhere / max(self.tally.runs, 1)

    @property
    def power(self) -> float | None:
        k = AREAS.index(PRIMARY)
        if not self.cell.effect[k] < 0:
            return None
        return self.tally.lower[k] / max(self.tally.runs, 1)

    @property
    def mean_width(self) -> float:
        return self.tally.width / self.tally.bounded if self.tally.bounded else math.inf

    @property
    def misses(self) -> list[str]:
        misses = validation_misses(
            AREAS,
            [
                (self.tally.covered[k], self.tally.tested[k]) if self.tally.tested[k] else None
                for k in range(len(AREAS))
            ],
            self.tally.false,
            self.tally.false_anywhere,
            self.tally.runs,
            COVERAGE,
            FALSE_CLAIMS,
        )
        return [f"experiment, {self.cell.name}: {m}" for m in misses]


CHUNK = 50


def _tally_chunk(task: tuple[ExperimentCell, int, int]) -> tuple[ExperimentCell, ExperimentTally]:
    cell, runs, chunk = task
    return cell, tally_experiments(cell, runs, cell.seed + chunk)


def run_experiment_cells(
    cells: Iterable[ExperimentCell], runs: int = RUNS, jobs: int = 1
) -> list[ExperimentCellResult]:
    """Every cell over ``runs`` simulated experiments, in chunks over ``jobs`` processes."""
    cells = list(cells)
    totals = {cell: ExperimentTally() for cell in cells}
    add_chunks(_tally_chunk, chunk_tasks(cells, runs, CHUNK), totals, jobs)
    return [ExperimentCellResult(cell, totals[cell]) for cell in cells]


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f}"


def experiment_table(results: list[ExperimentCellResult]) -> Iterator[str]:
    """The table as Markdown rows (values in %), for the terminal and the README."""
    yield (
        "| experiment | weeks | plan effect (knee) | runs | coverage (back / hip / knee) "
        "| false claims per area (largest) | across the areas | power (knee) | mean width |"
    )
    yield "|---|---|---|---|---|---|---|---|---|"
    for r in results:
        coverage = " / ".join(_percent(r.coverage(k)) for k in range(len(AREAS)))
        knee = r.truth[AREAS.index(PRIMARY)]
        yield (
            f"| {r.cell.name} | {r.cell.weeks} | {knee:+.2f} | {r.tally.runs} | {coverage} | "
            f"{_percent(max(r.false(k) for k in range(len(AREAS))))} | "
            f"{_percent(r.familywise)} | {_percent(r.power)} | {r.mean_width:.2f} |"
        )


def experiment_misses(results: list[ExperimentCellResult]) -> list[str]:
    """The cells that miss a target, in words; empty when every target is met."""
    return [miss for r in results for miss in r.misses]
