"""Realistic synthetic diaries, for the validation command and the tests.

A diary is what a person in pain writes: pain carries over from day to day and people do not
practise at random. Each day D:

- pain(D) = 5 + effect * practice(D - 1) + noise(D), rounded and clipped to 0-10, where the
  noise is AR(1), noise(D) = φ · noise(D - 1) + innovation, with a stationary SD of 1.5
  whatever φ (so φ changes the carry-over, not how much pain varies);
- practice(D) is chosen by one of ``PATTERNS`` from what the person knows on day D;
- 10% of days are not logged at all (the row is missing, but the person still practised or
  not), and 5% of the areas on a logged day are left unrated.

The result is the same ``DayRow`` list that ``data.load_rows`` gives the pages, so the
validation runs through exactly the code a person's Reports use. Every area gets the same
effect and its own noise; the validation reads the knee.
"""

import datetime
import math
import random
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from footcare.vocabulary import AREAS
from journal.analysis.rows import DayRow

START = datetime.date(2026, 1, 1)
EXERCISE = "Toe presses"
BASELINE = 5.0
NOISE_SD = 1.5
UNLOGGED = 0.10
UNRATED = 0.05
STREAK_KEEP = 0.9
PHASE_DAYS = 7
# The person decides from the pain the validation reads.
DECIDING_AREA = "knee"


class Today(NamedTuple):
    """What the person knows when deciding whether to practise on ``day``."""

    day: int  # 0 for the first day
    pain: float  # today's knee rating, known to the person even if the diary misses it
    pain_yesterday: float | None
    practised_yesterday: bool | None


# (rng, today) -> practise today?
Chooser = Callable[[random.Random, Today], bool]


def _logistic(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def _coin_flip(rng: random.Random, today: Today) -> bool:
    return rng.random() < 0.5


def _streaks(rng: random.Random, today: Today) -> bool:
    if today.practised_yesterday is None:
        return rng.random() < 0.5
    keep = rng.random() < STREAK_KEEP
    return today.practised_yesterday if keep else not today.practised_yesterday


def _after_bad_day(rng: random.Random, today: Today) -> bool:
    # logit p = yesterday's pain - 5: a 7 yesterday means practice 88% of the time.
    if today.pain_yesterday is None:
        return rng.random() < 0.5
    return rng.random() < _logistic(today.pain_yesterday - BASELINE)


def _pain_falling(rng: random.Random, today: Today) -> bool:
    # logit p = -(today - yesterday): practice goes with pain that is easing anyway.
    if today.pain_yesterday is None:
        return rng.random() < 0.5
    return rng.random() < _logistic(-(today.pain - today.pain_yesterday))


def _phases() -> Chooser:
    # One coin per 7-day phase, drawn when the phase starts.
    chosen: dict[int, bool] = {}

    def choose(rng: random.Random, today: Today) -> bool:
        phase = today.day // PHASE_DAYS
        if phase not in chosen:
            chosen[phase] = rng.random() < 0.5
        return chosen[phase]

    return choose


PATTERNS: dict[str, Callable[[], Chooser]] = {
    "coin flip": lambda: _coin_flip,
    "streaks": lambda: _streaks,
    "after a bad day": lambda: _after_bad_day,
    "when pain is falling": lambda: _pain_falling,
    "7-day phases": _phases,
}


def _diary(
    days: int,
    choose: Chooser,
    *,
    phi: float,
    effect: float,
    seed: int,
    start: datetime.date = START,
    unlogged: float = UNLOGGED,
    unrated: float = UNRATED,
    areas: Sequence[str] = AREAS,
) -> list[DayRow]:
    if not 0.0 <= phi < 1.0:
        raise ValueError("phi must be in [0, 1)")
    if DECIDING_AREA not in areas:
        raise ValueError(f"the simulated areas must include {DECIDING_AREA}")
    rng = random.Random(seed)
    gauss, uniform = rng.gauss, rng.random
    innovation_sd = NOISE_SD * math.sqrt(1.0 - phi * phi)
    noise = {area: gauss(0.0, NOISE_SD) for area in areas}
    practised_yesterday: bool | None = None
    pain_yesterday: float | None = None
    did, rested = frozenset({EXERCISE}), frozenset()
    rows = []
    for offset in range(days):
        if offset:
            for area in areas:
                noise[area] = phi * noise[area] + gauss(0.0, innovation_sd)
        level = BASELINE + (effect if practised_yesterday else 0.0)
        ratings: dict[str, int | None] = dict.fromkeys(AREAS)
        for area in areas:
            ratings[area] = min(10, max(0, round(level + noise[area])))
        pain = float(ratings[DECIDING_AREA])  # type: ignore[arg-type]
        practised = choose(rng, Today(offset, pain, pain_yesterday, practised_yesterday))
        if uniform() >= unlogged:
            for area in areas:
                if uniform() < unrated:
                    ratings[area] = None
            rows.append(
                DayRow(
                    start + datetime.timedelta(days=offset), ratings, did if practised else rested
                )
            )
        practised_yesterday, pain_yesterday = practised, pain
    return rows


def simulate_diary(days: int, pattern: str, **diary: Any) -> list[DayRow]:
    """A diary of ``days`` days in which the person practises as ``pattern`` says.

    ``diary`` holds ``phi``, ``effect`` and ``seed``, and optionally ``start``,
    ``unlogged``, ``unrated`` and ``areas`` (see ``_diary``). ``effect`` is the true change
    in next-day pain after a practice day (-1: one point less). The practice patterns decide
    from the knee pain, so the knee is the confounded area. ``areas`` limits the simulation
    to some areas (the others are left unrated), which makes the validation three times
    faster.
    """
    if pattern not in PATTERNS:
        raise ValueError(f"unknown practice pattern {pattern!r}; choose from {sorted(PATTERNS)}")
    return _diary(days, PATTERNS[pattern](), **diary)


def simulate_schedule(
    schedule: Sequence[bool], *, adherence: float = 1.0, **diary: Any
) -> list[DayRow]:
    """A diary that follows a fixed practise (True) / rest (False) schedule, one per day.

    For the randomised self-experiment. With ``adherence`` below 1, on that share of days
    the person ignores the assignment and practises only after a bad day instead, the
    realistic way of not sticking to a schedule. ``diary`` is as for ``simulate_diary``:
    phi, effect and seed, and optionally start, unlogged, unrated and areas.
    """

    def choose(rng: random.Random, today: Today) -> bool:
        assigned = schedule[today.day]
        if rng.random() < adherence:
            return assigned
        return _after_bad_day(rng, today)

    return _diary(len(schedule), choose, **diary)
