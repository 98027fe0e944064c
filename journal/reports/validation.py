"""Does the Reports page say only what the data support? Checked on simulated diaries.

Each cell (a kind of diary from ``simulate.FAMILIES`` x a journal length x a true effect) is
``DIARIES`` simulated diaries, each run through the page's own code: ``fit_areas``,
``main_area`` and ``verdicts`` (the main area decided first, the others after it), and the
sentence the page leads with (``wording.page.verdict_sentence``), whose words are counted:

- coverage: per area, the share of 95% intervals that hold what the page names, the
  difference in the next day's 0-10 rating after the whole routine against after no
  exercise (``Simulated.truth``; target 93-97%);
- false claims per area: sentences that say "less pain" or "more pain" when the true
  difference is 0, or the wrong one when it is not (target at most 5%);
- false claims across the areas: diaries with a false claim in any area (at most 5%);
- power: with a true effect of -1, the share of sentences that say "less pain", and how
  many of them say "clearly".

A rate from 1,000 diaries has a Monte Carlo error: a procedure that is exactly right at 5%
shows 3.6-6.4% in 95 cells of 100. ``misses`` counts a false-claim rate as missing its
target when it is above 5% beyond that error (more than 6.4% at 1,000 diaries: a one-sided
binomial test at 1%), and shows every rate so a reader can judge.
"""

import itertools
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from footcare.vocabulary import AREAS
from journal.analysis.chunks import add_chunks, chunk_tasks
from journal.analysis.nextday import fit_areas, main_area, verdicts
from journal.analysis.simulate import FAMILIES, simulate
from journal.analysis.stats import validation_misses
from journal.reports.wording.page import verdict_sentence

DIARIES = 1000
LENGTHS = (21, 90, 365, 3650)
EFFECTS: dict[str, tuple[float, float, float]] = {
    "none": (0.0, 0.0, 0.0),
    "-1 everywhere": (-1.0, -1.0, -1.0),
    # The knee is rated a little more often than the others in every family, so it is
    # nearly always the main area (the default: the area rated most).
    "-1 knee only": (0.0, 0.0, -1.0),
}
COVERAGE_TARGET = (0.93, 0.97)
FALSE_CLAIM_TARGET = 0.05
# Coverage is judged only where an area has an interval in this many diaries or more.
MIN_SHOWN = 100
SAYS_LOWER = "less pain"
SAYS_HIGHER = "more pain"
SAYS_CLEARLY = "clearly"
SAYS_SAME = "about the same"


@dataclass(frozen=True)
class Cell:
    family: str
    days: int
    effect: str

    @property
    def seed(self) -> int:
        return zlib.crc32(f"{self.family}|{self.days}|{self.effect}".encode())


def _zeros() -> list[int]:
    return [0] * len(AREAS)


@dataclass
class Tally:
    diaries: int = 0
    shown: list[int] = field(default_factory=_zeros)  # diaries with an interval, per area
    covered: list[int] = field(default_factory=_zeros)
    lower: list[int] = field(default_factory=_zeros)  # sentences saying "less pain"
    higher: list[int] = field(default_factory=_zeros)
    clearly: list[int] = field(default_factory=_zeros)  # ... of them "clearly"
    same: list[int] = field(default_factory=_zeros)  # "about the same"
    false: list[int] = field(default_factory=_zeros)  # false claims per area
    false_anywhere: int = 0  # diaries with a false claim in any area
    truth: list[float] = field(default_factory=lambda: [0.0] * len(AREAS))  # summed per diary

    def __iadd__(self, other: "Tally") -> "Tally":
        for name in ("shown", "covered", "lower", "higher", "clearly", "same", "false", "truth"):
            mine, theirs = getattr(self, name), getattr(other, name)
            setattr(self, name, [a + b for a, b in zip(mine, theirs, strict=True)])
        self.diaries += other.diaries
        self.false_anywhere += other.false_anywhere
        return self


def tally(cell: Cell, diaries: int, seed: int) -> Tally:
    """Simulate ``diaries`` diaries of a cell and count what the page says about them."""
    simulated = simulate(FAMILIES[cell.family], cell.days, diaries, EFFECTS[cell.effect], seed)
    result = Tally(diaries=diaries, truth=[float(t) * diaries for t in simulated.truth])
    for i in range(diaries):
        diary = simulated.diary(i)
        fits = fit_areas(diary)
        said = verdicts(fits, main_area(diary))
        wrong_anywhere = False
        for k, area in enumerate(AREAS):
            fit, truth = fits[area], float(simulated.truth[k])
            if fit.enough:
                result.shown[k] += 1
                result.covered[k] += fit.p_value(truth) > 0.05
            sentence = verdict_sentence(fit, said[area].rung)
            lower, higher = SAYS_LOWER in sentence, SAYS_HIGHER in sentence
            result.lower[k] += lower
            result.higher[k] += higher
            result.clearly[k] += (lower or higher) and SAYS_CLEARLY in sentence
            result.same[k] += SAYS_SAME in sentence
            wrong = (lower and not truth < 0) or (higher and not truth > 0)
            result.false[k] += wrong
            wrong_anywhere |= wrong
        result.false_anywhere += wrong_anywhere
    return result


@dataclass(frozen=True)
class CellResult:
    cell: Cell
    tally: Tally

    @property
    def truth(self) -> list[float]:
        return [t / self.tally.diaries for t in self.tally.truth]

    def shown(self, k: int) -> float:
        return self.tally.shown[k] / self.tally.diaries

    def coverage(self, k: int) -> float | None:
        shown = self.tally.shown[k]
        return self.tally.covered[k] / shown if shown >= MIN_SHOWN else None

    def false(self, k: int) -> float:
        return self.tally.false[k] / self.tally.diaries

    @property
    def familywise(self) -> float:
        return self.tally.false_anywhere / self.tally.diaries

    def power(self, k: int) -> float | None:
        if not EFFECTS[self.cell.effect][k] < 0:
            return None
        return self.tally.lower[k] / self.tally.diaries

    def clearly(self, k: int) -> float | None:
        if not EFFECTS[self.cell.effect][k] < 0:
            return None
        return self.tally.clearly[k] / self.tally.diaries

    @property
    def misses(self) -> list[str]:
        return validation_misses(
            AREAS,
            [
                (self.tally.covered[k], self.tally.shown[k])
                if self.tally.shown[k] >= MIN_SHOWN
                else None
                for k in range(len(AREAS))
            ],
            self.tally.false,
            self.tally.false_anywhere,
            self.tally.diaries,
            COVERAGE_TARGET,
            FALSE_CLAIM_TARGET,
        )


def grid(lengths: Iterable[int] = LENGTHS, families: Iterable[str] = FAMILIES) -> list[Cell]:
    return [
        Cell(family, days, effect)
        for family, days, effect in itertools.product(families, lengths, EFFECTS)
    ]


CHUNK = 100


def _tally_chunk(task: tuple[Cell, int, int]) -> tuple[Cell, Tally]:
    cell, diaries, chunk = task
    return cell, tally(cell, diaries, cell.seed + chunk)


def run(cells: list[Cell], diaries: int = DIARIES, jobs: int = 1) -> list[CellResult]:
    """Every cell with ``diaries`` diaries, in chunks of ``CHUNK`` over ``jobs`` processes."""
    tasks = chunk_tasks(cells, diaries, CHUNK)
    # The longest journals first, so that no process is left with one at the end.
    tasks.sort(key=lambda task: -task[0].days)
    totals = {cell: Tally() for cell in cells}
    add_chunks(_tally_chunk, tasks, totals, jobs)
    return [CellResult(cell, totals[cell]) for cell in cells]


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f}"


def _span(values: Iterable[float | None]) -> str:
    present = [v for v in values if v is not None]
    if not present:
        return "–"
    low, high = min(present), max(present)
    return _percent(low) if low == high else f"{_percent(low)}–{_percent(high)}"


def table(results: list[CellResult]) -> Iterator[str]:
    """One row per kind of diary and length: the three effects side by side, in %.

    Coverage: lowest to highest over the areas and effects. False claims: the largest per
    area, and across the areas, with no effect and with an effect on the knee only. Power:
    the knee's "less pain" with an effect everywhere (of which "clearly").
    """
    by = {(r.cell.family, r.cell.days, r.cell.effect): r for r in results}
    yield (
        "| diary | days | shown | coverage | false claims per area (none / knee only) "
        "| across the areas (none / knee only) | power: less pain (clearly) |"
    )
    yield "|---|---|---|---|---|---|---|"
    knee = AREAS.index("knee")
    seen = []
    for r in results:
        key = (r.cell.family, r.cell.days)
        if key not in seen:
            seen.append(key)
    for family, days in seen:
        cells = [by[(family, days, e)] for e in EFFECTS if (family, days, e) in by]
        none = by.get((family, days, "none"))
        only = by.get((family, days, "-1 knee only"))
        everywhere = by.get((family, days, "-1 everywhere"))
        shown = _span(c.shown(k) for c in cells for k in range(len(AREAS)) if c.shown(k) > 0)
        coverage = _span(c.coverage(k) for c in cells for k in range(len(AREAS)))
        false_area = " / ".join(
            _percent(max(c.false(k) for k in range(len(AREAS)))) if c else "–" for c in (none, only)
        )
        familywise = " / ".join(_percent(c.familywise) if c else "–" for c in (none, only))
        power = "–"
        if everywhere:
            power = f"{_percent(everywhere.power(knee))} ({_percent(everywhere.clearly(knee))})"
        yield (
            f"| {family} | {days:,} | {shown} | {coverage} | {false_area} | {familywise} "
            f"| {power} |"
        )


def details(results: list[CellResult]) -> Iterator[str]:
    """Every cell and area, for the terminal: what the one-row table summarises."""
    yield (
        "| diary | days | effect | area | truth | shown | coverage | false | less pain "
        "| clearly | about the same |"
    )
    yield "|---|---|---|---|---|---|---|---|---|---|---|"
    for r in results:
        n = r.tally.diaries
        for k, area in enumerate(AREAS):
            yield (
                f"| {r.cell.family} | {r.cell.days:,} | {r.cell.effect} | {area} | "
                f"{r.truth[k]:+.2f} | {_percent(r.shown(k))} | {_percent(r.coverage(k))} | "
                f"{_percent(r.false(k))} | {_percent(r.tally.lower[k] / n)} | "
                f"{_percent(r.tally.clearly[k] / n)} | {_percent(r.tally.same[k] / n)} |"
            )


__all__ = [
    "COVERAGE_TARGET",
    "DIARIES",
    "EFFECTS",
    "FALSE_CLAIM_TARGET",
    "LENGTHS",
    "Cell",
    "CellResult",
    "details",
    "grid",
    "run",
    "table",
]
