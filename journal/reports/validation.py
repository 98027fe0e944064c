"""Does the next-day sentence say only what the data support? Checked on simulated diaries.

Each cell of the grid (practice pattern x carry-over phi x true effect x journal length) is
a few hundred simulated diaries (``simulate``), each run through ``adjusted_comparison``
and ``describe_comparison``, the code behind the Reports page. Per cell:

- coverage: the share of shown 95% intervals that contain the true effect (target 93-97%);
- false "lower" / false "higher": the share of diaries whose sentence claims that knee pain
  was lower (or higher) after practice when it was not: both directions with no true
  effect, "higher" when practice truly lowers pain (target at most 5% each);
- power: with a true effect of -1, the share of sentences that say "lower".
"""

import itertools
import math
from collections.abc import Iterable
from dataclasses import dataclass

from journal.analysis.nextday import adjusted_comparison
from journal.analysis.simulate import PATTERNS, simulate_diary
from journal.reports.wording.page import describe_comparison

PHIS = (0.0, 0.5, 0.8)
EFFECTS = (0.0, -1.0)
LENGTHS = (90, 365)
AREA = "knee"
COVERAGE_TARGET = (0.93, 0.97)
FALSE_CLAIM_TARGET = 0.05
# The sentence's own words for a claimed difference (see wording.describe_comparison).
SAYS_LOWER = "lower than after days you did not"
SAYS_HIGHER = "higher than after days you did not"


@dataclass(frozen=True)
class Cell:
    pattern: str
    phi: float
    effect: float
    days: int


@dataclass(frozen=True)
class Tally:
    diaries: int = 0
    shown: int = 0  # diaries with an interval on the page
    covered: int = 0
    says_lower: int = 0
    says_higher: int = 0

    def __add__(self, other: "Tally") -> "Tally":
        return Tally(
            self.diaries + other.diaries,
            self.shown + other.shown,
            self.covered + other.covered,
            self.says_lower + other.says_lower,
            self.says_higher + other.says_higher,
        )


@dataclass(frozen=True)
class CellResult:
    cell: Cell
    tally: Tally

    @property
    def coverage(self) -> float:
        return self.tally.covered / self.tally.shown if self.tally.shown else math.nan

    @property
    def false_lower(self) -> float:
        # With a true effect of -1, "lower" is right; only "higher" is a false claim.
        return self.tally.says_lower / self.tally.diaries if self.cell.effect == 0 else 0.0

    @property
    def false_higher(self) -> float:
        return self.tally.says_higher / self.tally.diaries if self.cell.effect <= 0 else 0.0

    @property
    def power(self) -> float | None:
        return self.tally.says_lower / self.tally.diaries if self.cell.effect < 0 else None

    @property
    def misses(self) -> list[str]:
        low, high = COVERAGE_TARGET
        misses = []
        if not low <= self.coverage <= high:
            misses.append(f"coverage {self.coverage:.1%}")
        if self.false_lower > FALSE_CLAIM_TARGET:
            misses.append(f"false lower {self.false_lower:.1%}")
        if self.false_higher > FALSE_CLAIM_TARGET:
            misses.append(f"false higher {self.false_higher:.1%}")
        return misses


def grid(lengths: Iterable[int] = LENGTHS) -> list[Cell]:
    return [
        Cell(pattern, phi, effect, days)
        for days, pattern, phi, effect in itertools.product(lengths, PATTERNS, PHIS, EFFECTS)
    ]


def tally(cell: Cell, seeds: Iterable[int]) -> Tally:
    """Simulate one diary per seed and count what its Reports sentence says."""
    diaries = shown = covered = lower = higher = 0
    for seed in seeds:
        rows = simulate_diary(
            cell.days, cell.pattern, phi=cell.phi, effect=cell.effect, seed=seed, areas=(AREA,)
        )
        comparison = adjusted_comparison(rows, AREA)
        sentence = describe_comparison(comparison, "Over these days")
        diaries += 1
        if comparison.low is not None and comparison.high is not None:
            shown += 1
            covered += comparison.low <= cell.effect <= comparison.high
        lower += SAYS_LOWER in sentence
        higher += SAYS_HIGHER in sentence
    return Tally(diaries, shown, covered, lower, higher)


def _tally_chunk(task: tuple[Cell, int, int]) -> tuple[Cell, Tally]:
    cell, first, last = task
    return cell, tally(cell, range(first, last))


def run(cells: list[Cell], seeds: int, jobs: int = 1, chunk: int = 100) -> list[CellResult]:
    """Every cell over seeds 0..seeds-1, split into chunks over ``jobs`` processes."""
    tasks = [
        (cell, first, min(first + chunk, seeds))
        for cell in cells
        for first in range(0, seeds, chunk)
    ]
    totals = {cell: Tally() for cell in cells}
    if jobs > 1:
        from multiprocessing import get_context

        # fork: the workers inherit the imported modules, so each chunk starts at once.
        with get_context("fork").Pool(jobs) as pool:
            done = pool.imap_unordered(_tally_chunk, tasks)
            for cell, counts in done:
                totals[cell] += counts
    else:
        for cell, counts in map(_tally_chunk, tasks):
            totals[cell] += counts
    return [CellResult(cell, totals[cell]) for cell in cells]
