"""Does the routine help almost at once? Before/after ratings, and a randomised rest control.

A session is the routine (or, in a comparison, sitting and resting for as long) with a pain
rating of the primary area just before and just after. The change (after minus before)
mixes what the routine does with two things that happen anyway: pain that was bad when the
person started tends to ease by itself, and expecting relief lowers the rating. A comparison
with rest, chosen by chance, takes out the first; nothing here can take out the second.

In a comparison the server draws, in blocks of two, which session is the routine and which
a rest, so that each block has one of each and the two kinds are spread alike over time.
The result is the difference of the mean changes with Welch's interval (validated below on
simulated comparisons). No Django here.
"""

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .stats import welch_interval

ROUTINE = "R"
REST = "S"  # sit and rest
BLOCK = 2
COMPARISON_BLOCKS = 10  # 10 sessions of each
MIN_EACH = 3  # rated sessions of each kind before an interval is shown


def draw_schedule(blocks: int, rng: random.Random) -> str:
    """The kinds of a comparison's sessions, in order: each block one routine and one rest."""
    letters = []
    for _ in range(blocks):
        pair = [ROUTINE, REST]
        rng.shuffle(pair)
        letters.extend(pair)
    return "".join(letters)


@dataclass(frozen=True)
class Ratings:
    """One session's ratings of the primary area, 0-10; after is None if never given."""

    before: int
    after: int | None

    @property
    def change(self) -> int | None:
        return None if self.after is None else self.after - self.before


@dataclass(frozen=True)
class Description:
    """Sessions of one kind: what happened, with no verdict."""

    sessions: int
    mean_before: float
    mean_after: float
    mean_change: float


def describe(sessions: Iterable[Ratings]) -> Description | None:
    rated = [s for s in sessions if s.after is not None]
    if not rated:
        return None
    n = len(rated)
    return Description(
        n,
        sum(s.before for s in rated) / n,
        sum(s.after for s in rated) / n,
        sum(s.change for s in rated) / n,
    )


@dataclass(frozen=True)
class Comparison:
    routine: Description | None
    rest: Description | None
    difference: float | None  # routine's mean change minus rest's; negative: more relief
    low: float | None  # 95% Welch interval, once both kinds have MIN_EACH rated sessions
    high: float | None

    @property
    def verdict(self) -> str:
        """ "more" (pain eased more during the routine than during rest), "less", or
        "unclear" (the interval holds 0, or there is no interval yet)."""
        if self.low is None or self.high is None:
            return "unclear"
        if self.high < 0:
            return "more"
        if self.low > 0:
            return "less"
        return "unclear"


def compare(routine: Sequence[Ratings], rest: Sequence[Ratings]) -> Comparison:
    first = [s.change for s in routine if s.after is not None]
    second = [s.change for s in rest if s.after is not None]
    difference = low = high = None
    if first and second:
        difference = sum(first) / len(first) - sum(second) / len(second)
    if len(first) >= MIN_EACH and len(second) >= MIN_EACH:
        difference, low, high = welch_interval(first, second)
    return Comparison(describe(routine), describe(rest), difference, low, high)
