"""Realistic synthetic diaries, for ``make validate`` and the tests; many at once, with numpy.

A person rates three areas (back, hip, knee) on the days they log, in whole numbers from 0
to 10, and ticks exercises. Each area's felt pain on day t is

    level(t) + week[weekday(t)] + flare(t) + common(t) + own_area(t) + the routine's effect

- ``common`` (shared by the areas: ``rho`` of the variance) and ``own_area`` are AR(1) with
  carry-over ``phi`` and a stationary SD of ``sd`` whatever ``phi``; their innovations are
  normal or Student t with 3 degrees of freedom scaled to the same SD (heavy tails);
- ``level`` may ease over the first year (``trend``), wander slowly over years
  (``wander``), or rise in a bad spell of 60-120 days a year (``spell``);
- a flare-up starts with probability ``flare_rate`` a day, adds ``flare_size`` to every
  area and lasts a geometric number of days (mean ``flare_days``);
- the whole routine on day t lowers the next day's felt pain of each area by ``effect``
  (part of it by ``partial_share`` of that); with ``carry2`` a share also lands on the day
  after next.

The rating is the felt pain rounded to a whole number and clipped to 0-10, so a person at
pain 1 or 2 cannot show a full point's relief. The person decides on day t from how they
*feel* (the mean felt pain of the three areas, not the rounded numbers they write, unless
``feel_from`` says "ratings"): logit P(practice) = ``base`` + ``feel_gain`` * (feel - level)
+ ``weekend`` on Saturdays and Sundays + a rise from ``practice_trend[0]`` to
``practice_trend[1]`` over the first year + ``habit`` for doing what they did yesterday. A
practice day is the whole routine with probability ``whole_share``, part of it otherwise.
A day is left unlogged with probability ``miss``, more often when the person feels worse
(``miss_pain`` on the logit per point) and less often on a practice day
(``miss_practice``); each area is rated on a logged day with its own probability.

``truth`` is what the Reports page names: the average difference in the next day's rating
(the 0-10 number, clipping included) after the whole routine against after no exercise,
everything else as it was, over every day of every diary. With a randomised ``schedule``
it is the effect of the plan instead (assigned practise against assigned rest days).
"""

import datetime
import math
from dataclasses import dataclass, replace

import numpy as np

from footcare.vocabulary import AREAS
from journal.analysis.nextday import NONE, PART, WHOLE, Diary
from journal.analysis.rows import DayRow

START = datetime.date(2026, 1, 5)  # a Monday
ROUTINE = (
    "Walking on your toes",
    "Ankle circles",
    "Toe gripping",
    "Toe presses",
    "Flexing the small muscles of the foot",
)
PART_OF_IT = ROUTINE[:2]
# The days of a plan's block with practise days among them (as the experiment draws them).
WEEK = (0.4, 0.3, 0.2, 0.2, 0.5, -0.7, -0.9)  # worse on working days, best on Sunday


@dataclass(frozen=True)
class Family:
    """How one kind of person's diary is made (see the module's docstring)."""

    name: str
    level: float = 5.0
    sd: float = 1.5
    phi: float = 0.8
    rho: float = 0.6
    heavy_tails: bool = False
    flare_rate: float = 0.0
    flare_days: float = 5.0
    flare_size: float = 3.0
    trend: float = 0.0  # change of the level over the first year, in points
    wander: float = 0.0  # SD of a slow wander of the level over years
    spell: float = 0.0  # a bad spell of this many points, 60-120 days, once a year
    spell_practice: float = 0.0  # logit change of practice during a spell
    week: tuple[float, ...] = (0.0,) * 7
    base: float = 0.0
    feel_gain: float = 0.0
    feel_from: str = "feeling"  # or "ratings": the mean of the day's rounded ratings
    weekend: float = 0.0
    practice_trend: tuple[float, float] | None = None
    habit: float = 0.0
    whole_share: float = 1.0
    partial_share: float = 0.5
    carry2: float = 0.0
    miss: float = 0.1
    miss_pain: float = 0.0
    miss_practice: float = 0.0
    rated: tuple[float, float, float] = (0.93, 0.93, 0.97)


@dataclass(frozen=True)
class Simulated:
    """Many diaries of the same length from ``START``."""

    logged: np.ndarray  # (diaries, days) bool
    ratings: np.ndarray  # (diaries, days, areas) float, NaN: not rated or not logged
    practice: np.ndarray  # (diaries, days) NONE / PART / WHOLE, also on unlogged days
    truth: np.ndarray  # (areas,) what the page names, in points of the 0-10 rating

    def __len__(self) -> int:
        return len(self.logged)

    def diary(self, i: int) -> Diary:
        practice = np.where(self.logged[i], self.practice[i], NONE).astype(np.int8)
        return Diary(START, self.logged[i], self.ratings[i], practice)

    def rows(self, i: int) -> list[DayRow]:
        """Diary ``i`` as the rows the pages read (exercise names from ``ROUTINE``)."""
        done = {NONE: frozenset(), PART: frozenset(PART_OF_IT), WHOLE: frozenset(ROUTINE)}
        result = []
        for t in np.flatnonzero(self.logged[i]):
            ratings = {
                area: None if math.isnan(v) else int(v)
                for area, v in zip(AREAS, self.ratings[i, t], strict=True)
            }
            day = START + datetime.timedelta(days=int(t))
            result.append(DayRow(day, ratings, done[int(self.practice[i, t])]))
        return result


def _logit(p: float) -> float:
    return math.log(p / (1.0 - p))


def _effect_share(status: np.ndarray, partial_share: float) -> np.ndarray:
    return np.where(status == WHOLE, 1.0, np.where(status == PART, partial_share, 0.0))


def simulate(
    family: Family,
    days: int,
    diaries: int,
    effect: tuple[float, float, float],
    seed: int,
    *,
    schedule: np.ndarray | None = None,
    adherence: float = 1.0,
) -> Simulated:
    """``diaries`` diaries of ``days`` days; ``effect`` per area in points (-1: one lower).

    ``schedule`` (diaries x days, True: practise): a randomised plan, followed on each day
    with probability ``adherence``; off the plan the person decides as the family says.
    """
    f = family
    rng = np.random.default_rng(seed)
    m, t_all = diaries, np.arange(days)
    weekday = (START.weekday() + t_all) % 7
    effect_ = np.asarray(effect, dtype=float)

    def innovations(shape: tuple[int, ...]) -> np.ndarray:
        if f.heavy_tails:  # t with 3 degrees of freedom has variance 3
            return rng.standard_t(3, shape) / math.sqrt(3.0)
        return rng.standard_normal(shape)

    level = np.full((m, days), f.level)
    if f.trend:
        level += f.trend * (np.minimum(t_all, 365) / 365.0 - 0.5)
    if f.wander:
        for _ in range(4):
            period = rng.uniform(200, 1200, size=(m, 1))
            phase = rng.uniform(0, 2 * math.pi, size=(m, 1))
            level += f.wander / math.sqrt(2) * np.sin(2 * math.pi * t_all / period + phase)
    level += np.asarray(f.week)[weekday]
    in_spell = np.zeros((m, days), dtype=bool)
    if f.spell:
        for year in range(0, days, 365):
            begin = year + rng.integers(0, 300, size=m)
            length = rng.integers(60, 121, size=m)
            in_spell |= (t_all >= begin[:, None]) & (t_all < (begin + length)[:, None])
        # edges eased over a week
        kernel = np.ones(7) / 7
        eased = np.array([np.convolve(row, kernel, mode="same") for row in in_spell.astype(float)])
        level += f.spell * eased

    sd_common, sd_own = f.sd * math.sqrt(f.rho), f.sd * math.sqrt(1.0 - f.rho)
    step = math.sqrt(1.0 - f.phi**2)
    common = sd_common * innovations((m,))
    own = sd_own * innovations((m, len(AREAS)))
    flare_left = np.zeros(m)
    felt = np.empty((m, days, len(AREAS)))
    without_yesterday = np.empty((m, days, len(AREAS)))
    status = np.zeros((m, days), dtype=np.int8)
    logged = np.zeros((m, days), dtype=bool)
    yesterday = np.zeros(m, dtype=np.int8)
    day_before = np.zeros(m, dtype=np.int8)
    miss = _logit(f.miss) if 0.0 < f.miss < 1.0 else -50.0
    for d in range(days):
        if d:
            common = f.phi * common + sd_common * step * innovations((m,))
            own = f.phi * own + sd_own * step * innovations((m, len(AREAS)))
        starting = (flare_left <= 0) & (rng.random(m) < f.flare_rate)
        flare_left = np.where(starting, rng.geometric(1.0 / f.flare_days, m), flare_left)
        flare = np.where(flare_left > 0, f.flare_size, 0.0)
        flare_left -= 1
        base = level[:, d, None] + flare[:, None] + common[:, None] + own
        carried = f.carry2 * _effect_share(day_before, f.partial_share)
        without_yesterday[:, d] = base + effect_ * carried[:, None]
        felt[:, d] = (
            without_yesterday[:, d] + effect_ * _effect_share(yesterday, f.partial_share)[:, None]
        )
        if f.feel_from == "ratings":
            feel = np.clip(np.round(felt[:, d]), 0, 10).mean(axis=1)
        else:
            feel = felt[:, d].mean(axis=1)
        logit = np.full(m, f.base) + f.feel_gain * (feel - f.level)
        logit += f.weekend * (weekday[d] >= 5) + f.spell_practice * in_spell[:, d]
        if f.practice_trend:
            start, end = f.practice_trend
            logit += _logit(start + (end - start) * min(d, 365) / 365.0)
        if f.habit and d:
            logit += f.habit * ((yesterday > 0) - 0.5)
        practise = rng.random(m) < 1.0 / (1.0 + np.exp(-logit))
        if schedule is not None:
            practise = np.where(rng.random(m) < adherence, schedule[:, d], practise)
        whole = rng.random(m) < f.whole_share
        status[:, d] = np.where(practise, np.where(whole, WHOLE, PART), NONE)
        skip = miss + f.miss_pain * (feel - f.level) - f.miss_practice * (status[:, d] > 0)
        logged[:, d] = rng.random(m) >= 1.0 / (1.0 + np.exp(-skip))
        day_before, yesterday = yesterday, status[:, d]

    ratings = np.clip(np.round(felt), 0, 10)
    rated = rng.random((m, days, len(AREAS))) < np.asarray(f.rated)
    ratings = np.where(rated & logged[:, :, None], ratings, np.nan)

    def rating(shift: float | np.ndarray) -> np.ndarray:
        return np.clip(np.round(without_yesterday[:, 1:] + shift), 0, 10)

    none = rating(0.0)
    after_whole = rating(effect_) - none
    if schedule is None:
        truth = after_whole.mean(axis=(0, 1))
    else:
        # The plan's effect: on plan, the whole routine (or part of it) against nothing;
        # off plan the same choice either way. Carry-over into the day after next adds
        # -carry2/14 of it: in a block of 14 with 7 practise days, the day before a practise
        # day is a practise day 6 times in 13, before a rest day 7 times in 13.
        after_part = rating(effect_ * f.partial_share) - none
        done = f.whole_share * after_whole + (1.0 - f.whole_share) * after_part
        truth = adherence * done.mean(axis=(0, 1))
        truth -= (
            adherence
            * f.carry2
            * effect_
            * (f.whole_share + (1.0 - f.whole_share) * f.partial_share)
            / 14.0
        )
    return Simulated(logged, ratings, status, truth)


# --- the families of ``make validate`` ---------------------------------------------------

FAMILIES: dict[str, Family] = {
    family.name: family
    for family in (
        Family("coin flip", phi=0.5),
        Family("streaks", habit=4.4),
        Family("bad days", feel_gain=1.0),
        Family("bad days by the numbers", feel_gain=1.0, feel_from="ratings"),
        Family("near 0", level=1.5, feel_gain=1.0),
        Family("near 10", level=8.7, feel_gain=-1.0),
        Family("heavy tails and flare-ups", heavy_tails=True, flare_rate=1 / 45, feel_gain=1.0),
        Family("gaps at random", feel_gain=1.0, miss=0.35),
        Family("gaps not at random", feel_gain=1.0, miss=0.15, miss_pain=0.5, miss_practice=1.0),
        Family("slow trend", trend=-2.0, practice_trend=(0.3, 0.8)),
        Family("bad spell", spell=2.0, spell_practice=1.7),
        Family("weekly", week=WEEK, feel_gain=-1.0, weekend=1.5),
        Family("part of the routine", feel_gain=1.0, whole_share=0.5, partial_share=0.8),
        Family("φ 0.95", phi=0.95, feel_gain=2.0),
        Family("unrated areas", feel_gain=1.0, rated=(0.5, 0.0, 0.97)),
        Family(
            "all together",
            phi=0.9,
            heavy_tails=True,
            flare_rate=1 / 60,
            trend=-2.0,
            wander=0.7,
            week=WEEK,
            feel_gain=-1.0,
            weekend=1.0,
            practice_trend=(0.3, 0.8),
            whole_share=0.7,
            miss=0.15,
            miss_pain=0.5,
            miss_practice=1.0,
            rated=(0.9, 0.0, 0.95),
        ),
    )
}


def family(name: str, **changes: object) -> Family:
    return replace(FAMILIES[name], **changes)


def simulate_diary(
    days: int, kind: str = "bad days", *, effect: float = 0.0, seed: int = 0
) -> list[DayRow]:
    """One diary of a kind in ``FAMILIES`` as the rows the pages read, the same effect in
    every area: for the tests and the demo's charts."""
    return simulate(FAMILIES[kind], days, 1, (effect,) * len(AREAS), seed).rows(0)
