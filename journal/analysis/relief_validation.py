"""Validation of the before/after comparison on simulated comparisons, for `make validate`.

Each run simulates one person's comparison: COMPARISON_BLOCKS blocks of a routine and a rest
in an order drawn like the server's, pain that carries over between sessions (AR(1), SD 1.5),
sessions started at a bad moment that eases by itself whatever the person does (the "pain
easing anyway" the page warns about), ratings rounded to whole points and clipped to 0-10,
and 10% of sessions never rated after. Each session has both potential changes (routine and
rest, the same noise), so the true effect is known exactly even with rounding and clipping:
the mean of their difference over the rated sessions. Per cell it counts how often the page
would claim more (or less) relief during the routine than during rest, and how often the
95% interval covers the true effect.
"""

import math
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .relief import COMPARISON_BLOCKS, ROUTINE, Ratings, compare, draw_schedule


@dataclass(frozen=True)
class ReliefCell:
    blocks_done: int  # of the comparison's COMPARISON_BLOCKS, when the result is read
    phi: float  # how much pain carries over from one session's start to the next
    bad_moments: float  # share of sessions started at a bad moment (pain up, easing anyway)
    effect: float  # the routine's true effect on the change, in points (negative: relief)


@dataclass(frozen=True)
class ReliefTally:
    runs: int = 0  # comparisons with an interval
    more: int = 0  # said the routine eased pain more than rest
    less: int = 0  # said it eased pain less
    covered: int = 0  # the sessions' true average effect inside the 95% interval
    width: float = 0.0

    def __add__(self, other: "ReliefTally") -> "ReliefTally":
        return ReliefTally(
            self.runs + other.runs,
            self.more + other.more,
            self.less + other.less,
            self.covered + other.covered,
            self.width + other.width,
        )


def _rating(value: float) -> int:
    return max(0, min(10, round(value)))


def simulate_comparison(cell: ReliefCell, seed: int) -> tuple[list[Ratings], list[Ratings], float]:
    """One person's comparison: the routine and rest sessions as rated, and the true average
    effect over the rated sessions (the mean of each session's two potential changes)."""
    rng = random.Random(seed)
    schedule = draw_schedule(COMPARISON_BLOCKS, rng)
    level = rng.uniform(3.5, 6.5)  # the person's usual pain
    carried = 0.0
    routine: list[Ratings] = []
    rest: list[Ratings] = []
    effects = []
    for letter in schedule[: 2 * cell.blocks_done]:
        carried = cell.phi * carried + math.sqrt(1 - cell.phi**2) * rng.gauss(0, 1.5)
        spike = rng.uniform(1.0, 3.0) if rng.random() < cell.bad_moments else 0.0
        latent = level + carried + spike
        before = _rating(latent + rng.gauss(0, 0.5))
        # During the session a bad moment eases by itself, whatever the person does.
        eased = latent - spike * rng.uniform(0.3, 0.7) + rng.gauss(0, 0.7)
        noise = rng.gauss(0, 0.5)
        after_rest = _rating(eased + noise)
        after_routine = _rating(eased + cell.effect + noise)
        if rng.random() < 0.1:  # no rating after: closed the app, went out
            continue
        effects.append(after_routine - after_rest)
        if letter == ROUTINE:
            routine.append(Ratings(before, after_routine))
        else:
            rest.append(Ratings(before, after_rest))
    truth = sum(effects) / len(effects) if effects else 0.0
    return routine, rest, truth


def tally(cell: ReliefCell, seeds: Iterable[int]) -> ReliefTally:
    total = ReliefTally()
    for seed in seeds:
        routine, rest, truth = simulate_comparison(cell, seed)
        result = compare(routine, rest)
        if result.low is None or result.high is None:
            continue
        total += ReliefTally(
            runs=1,
            more=int(result.verdict == "more"),
            less=int(result.verdict == "less"),
            covered=int(result.low <= truth <= result.high),
            width=result.high - result.low,
        )
    return total


RELIEF_CELLS = (
    *(
        ReliefCell(COMPARISON_BLOCKS, phi, bad, effect)
        for effect in (0.0, -1.0)
        for phi in (0.0, 0.8)
        for bad in (0.0, 0.5)
    ),
    ReliefCell(5, 0.5, 0.5, 0.0),
    ReliefCell(5, 0.5, 0.5, -1.0),
)
FALSE_CLAIM_TARGET = 0.05
COVERAGE_TARGET = (0.93, 0.97)


def relief_table(rows: list[tuple[ReliefCell, ReliefTally]]) -> Iterator[str]:
    """The table as Markdown rows, for the terminal and the README."""
    yield (
        "| sessions of each | φ | bad moments | true effect | runs | coverage | "
        "says more relief | says less relief | mean width |"
    )
    yield "|---|---|---|---|---|---|---|---|---|"
    for cell, t in rows:
        more = f"{t.more / t.runs:.1%}" + (" (power)" if cell.effect else " (false)")
        yield (
            f"| {cell.blocks_done} | {cell.phi} | {cell.bad_moments:.0%} | {cell.effect:g} | "
            f"{t.runs} | {t.covered / t.runs:.1%} | {more} | {t.less / t.runs:.1%} (false) | "
            f"{t.width / t.runs:.2f} |"
        )


def relief_misses(rows: list[tuple[ReliefCell, ReliefTally]]) -> list[str]:
    """The cells that miss a target, in words; empty when every target is met."""
    misses = []
    low, high = COVERAGE_TARGET
    for cell, t in rows:
        name = f"{cell.blocks_done} of each, φ {cell.phi}, bad moments {cell.bad_moments:.0%}"
        name += f", effect {cell.effect:g}"
        coverage = t.covered / t.runs
        if not low <= coverage <= high:
            misses.append(f"{name}: coverage {coverage:.1%}, target {low:.0%}–{high:.0%}")
        false_more = t.more / t.runs if cell.effect == 0 else 0.0
        for what, rate in (("more", false_more), ("less", t.less / t.runs)):
            if rate > FALSE_CLAIM_TARGET:
                misses.append(f"{name}: false '{what} relief' {rate:.1%}, target ≤ 5%")
    return misses


def run_relief_cells(
    cells: Iterable[ReliefCell], seeds: int, first_seed: int = 0
) -> list[tuple[ReliefCell, ReliefTally]]:
    return [(cell, tally(cell, range(first_seed, first_seed + seeds))) for cell in cells]
