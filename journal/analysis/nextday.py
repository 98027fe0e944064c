"""Is next-day pain lower after a day with the whole routine than after a day with none?

Numbers only, from plain rows. Per area, over the *runs* (three logged days D-1, D, D+1 in a
row with the area rated on all three), least squares of pain on D+1 on:

- the whole routine on D (the coefficient the page reports) and part of it on D (its own
  column, so partial days count neither as practice nor as rest);
- pain on D and D-1, and the other areas' pain on D where they are rated on most days:
  pain carries over from day to day, people practise more on bad (or good) days, and the
  areas move together;
- the whole routine and part of it on D-1: yesterday's practice acts on today's pain;
- the weekday of D+1: pain and practice both follow the week;
- a smooth trend over the range (a cubic spline with a piece per ``TREND_PIECE_DAYS``):
  pain eases or worsens over months while habits change.

Ratings are whole numbers, so the fit is made twice (``stats.two_fits``), and the interval
and p-value cover both (``stats.bracket_interval``). The areas are decided together
(``verdicts``): the main area at 5%, the others only after it, by Holm.

``make validate`` checks all of it on simulated diaries (``simulate``, ``validation``).
"""

import datetime
import enum
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from footcare.vocabulary import AREAS, PAIN_MAX, PAIN_MIN
from journal.analysis.rows import DayRow
from journal.analysis.stats import Dependent, TwoFits, main_first_holm, two_fits

NONE, PART, WHOLE = 0, 1, 2

# One piece of the trend's cubic spline per this many days of range; below 1.5 pieces the
# trend is a straight line. (Validation: with pieces of 30-60 days a 2-point bad spell of
# 60-120 days that changes practice is followed; with 180-day pieces it claimed 5.5%.)
TREND_PIECE_DAYS = 60
# Another area's pain on D enters when it is rated on at least this share of logged days.
OTHER_AREA_SHARE = 0.8
# The bracket's allowance for the ends of the scale, per share of next-day ratings at 0 or
# 10 and per point of the larger fit. There the effect on the rating differs from day to
# day (a day at 0 cannot show relief), and the fits weigh the days otherwise than the plain
# average the page names: ``make validate`` near 0 and near 10 (a quarter of ratings at
# the end) measured them 0.015-0.045 points off at 3,650 days, where the interval is
# +-0.09 wide; with no effect there is no such spread, and mid-scale diaries have almost no
# ratings at the ends, so in both the allowance is next to nothing. Chosen on the validation
# grid: at 0.075-0.2 near 0 at 3,650 days was covered 98-100% of the time, and 0.05 did no
# better than 0.06 elsewhere.
END_ALLOWANCE = 0.06
# Below these there is no estimate, only how long until there can be one.
MIN_RUNS_EACH = 5  # runs with the whole routine on D, and runs with none
MIN_DF = 8  # residual degrees of freedom

PROBABLY = 0.05  # familywise level of "probably lower/higher"
CLEARLY = 0.005  # and of "clearly lower/higher"
ABOUT_THE_SAME = 0.5  # points: "about the same" when the 95% interval is within this


def practice_of(exercises: frozenset[str], routine: frozenset[str]) -> int:
    """WHOLE when every exercise of the routine was done, NONE when no exercise was, else PART."""
    if not exercises:
        return NONE
    return WHOLE if routine and routine <= exercises else PART


@dataclass(frozen=True)
class Diary:
    """A journal as columns, one entry per calendar day from ``first``."""

    first: datetime.date
    logged: np.ndarray  # bool
    ratings: np.ndarray  # float, one column per area in AREAS; NaN: not rated or not logged
    practice: np.ndarray  # int8, NONE / PART / WHOLE (NONE where not logged)

    @classmethod
    def from_rows(
        cls,
        rows: Sequence[DayRow],
        routine: frozenset[str],
        start: datetime.date,
        end: datetime.date,
    ) -> "Diary":
        days = max(0, (end - start).days + 1)
        logged = np.zeros(days, dtype=bool)
        ratings = np.full((days, len(AREAS)), math.nan)
        practice = np.zeros(days, dtype=np.int8)
        for row in rows:
            i = (row.day - start).days
            if not 0 <= i < days:
                continue
            logged[i] = True
            practice[i] = practice_of(row.exercises, routine)
            for j, area in enumerate(AREAS):
                rating = row.ratings.get(area)
                if rating is not None:
                    ratings[i, j] = rating
        return cls(start, logged, ratings, practice)

    @property
    def weekday(self) -> np.ndarray:
        return (self.first.weekday() + np.arange(len(self.logged))) % 7


class Rung(enum.Enum):
    """What the page says about one area, from the most certain to the least."""

    CLEARLY_LOWER = "clearly lower"
    PROBABLY_LOWER = "probably lower"
    ABOUT_THE_SAME = "about the same"
    CANT_TELL = "can't tell yet"
    PROBABLY_HIGHER = "probably higher"
    CLEARLY_HIGHER = "clearly higher"
    TOO_LITTLE = "too little data"

    @property
    def claims(self) -> bool:
        return self in CLAIMS


CLAIMS = {Rung.CLEARLY_LOWER, Rung.PROBABLY_LOWER, Rung.PROBABLY_HIGHER, Rung.CLEARLY_HIGHER}


@dataclass(frozen=True)
class AreaFit:
    area: str
    runs: int
    whole_runs: int  # runs with the whole routine on D
    none_runs: int  # runs with no exercise on D
    part_runs: int  # runs with part of the routine on D
    fits: TwoFits | None = None
    problem: str = ""  # "few" (too little data), "tied", "flat"
    days_needed: int = 0  # when "few": about how many more days of logging

    @property
    def enough(self) -> bool:
        return self.fits is not None

    @property
    def estimate(self) -> float | None:
        """The middle of the two fits: the number the page rounds and prints."""
        if self.fits is None:
            return None
        return (self.fits.as_written.estimate + self.fits.rounding.estimate) / 2.0

    def interval(self, level: float = 0.95) -> tuple[float, float] | None:
        return None if self.fits is None else self.fits.interval(level)

    def p_value(self, theta: float = 0.0) -> float:
        return 1.0 if self.fits is None else self.fits.p_value(theta)


def trend_columns(days: int, first: int, last: int) -> np.ndarray:
    """The trend over calendar days 0..days-1, fitted on [first, last], without a constant."""
    span = last - first
    t = np.arange(days, dtype=float)
    if span <= 0:
        return np.empty((days, 0))
    pieces = round(span / TREND_PIECE_DAYS)
    if pieces < 2:
        return ((t - first) / span - 0.5)[:, None]
    return cubic_bspline(t, float(first), float(last), pieces)[:, 1:]


def cubic_bspline(x: np.ndarray, low: float, high: float, pieces: int) -> np.ndarray:
    """The cubic B-spline basis on [low, high] with equal pieces; each row sums to 1.

    De Boor's recursion on the four functions that are not zero at each x.
    """
    degree = 3
    inner = np.linspace(low, high, pieces + 1)
    knots = np.concatenate([[low] * degree, inner, [high] * degree])
    x = np.clip(x, low, high)
    span = np.minimum(np.searchsorted(inner, x, side="right") - 1, pieces - 1) + degree
    values = np.zeros((len(x), degree + 1))
    values[:, 0] = 1.0
    left = np.zeros((len(x), degree + 1))
    right = np.zeros((len(x), degree + 1))
    for d in range(1, degree + 1):
        left[:, d] = x - knots[span + 1 - d]
        right[:, d] = knots[span + d] - x
        saved = np.zeros(len(x))
        for r in range(d):
            width = right[:, r + 1] + left[:, d - r]
            share = np.where(width > 0, values[:, r] / np.where(width > 0, width, 1.0), 0.0)
            values[:, r] = saved + right[:, r + 1] * share
            saved = left[:, d - r] * share
        values[:, d] = saved
    basis = np.zeros((len(x), pieces + degree))
    rows = np.arange(len(x))
    for r in range(degree + 1):
        basis[rows, span - degree + r] = values[:, r]
    return basis


def fit_areas(diary: Diary) -> dict[str, AreaFit]:
    """Every area's two fits (or why there are none), from one diary."""
    logged = diary.logged
    days = len(logged)
    logged_days = np.flatnonzero(logged)
    if len(logged_days) == 0:
        return {area: _too_few(area, 0, 0, 0, 0, diary) for area in AREAS}
    trend = trend_columns(days, int(logged_days[0]), int(logged_days[-1]))
    weekday = diary.weekday
    whole = (diary.practice == WHOLE) & logged
    part = (diary.practice == PART) & logged
    rated = ~np.isnan(diary.ratings)
    share_rated = rated[logged].mean(axis=0)
    result = {}
    for j, area in enumerate(AREAS):
        others = [k for k in range(len(AREAS)) if k != j and share_rated[k] >= OTHER_AREA_SHARE]
        ok = rated[:, j] & logged
        run = np.zeros(days, dtype=bool)
        run[1 : days - 1] = ok[:-2] & ok[1:-1] & ok[2:]
        for k in others:
            run &= rated[:, k]
        d = np.flatnonzero(run)
        counts = (
            len(d),
            int(whole[d].sum()),
            int((~whole[d] & ~part[d]).sum()),
            int(part[d].sum()),
        )
        if counts[1] < MIN_RUNS_EACH or counts[2] < MIN_RUNS_EACH:
            result[area] = _too_few(area, *counts, diary)
            continue
        pain = diary.ratings[:, j]
        columns = [np.ones(len(d)), part[d].astype(float), pain[d], pain[d - 1]]
        rounded = [2, 3]
        for k in others:
            rounded.append(len(columns))
            columns.append(diary.ratings[d, k])
        columns += [whole[d - 1].astype(float), part[d - 1].astype(float)]
        columns += [(weekday[d + 1] == w).astype(float) for w in range(1, 7)]
        x = np.column_stack([*columns, trend[d], whole[d].astype(float)])
        if len(d) < x.shape[1] + MIN_DF:
            result[area] = _too_few(area, *counts, diary, columns=x.shape[1])
            continue
        try:
            fits = two_fits(x, pain[d + 1], rounded, MIN_DF)
        except Dependent:
            result[area] = AreaFit(area, *counts, problem="tied")
            continue
        except ValueError:
            result[area] = _too_few(area, *counts, diary, columns=x.shape[1])
            continue
        if fits.as_written.standard_error < 1e-6:
            result[area] = AreaFit(area, *counts, problem="flat")
            continue
        at_ends = float(np.isin(pain[d + 1], (PAIN_MIN, PAIN_MAX)).mean())
        size = max(abs(fits.as_written.estimate), abs(fits.rounding.estimate))
        fits = replace(fits, allowance=END_ALLOWANCE * at_ends * size)
        result[area] = AreaFit(area, *counts, fits=fits)
    return result


def _too_few(
    area: str, runs: int, whole: int, none: int, part: int, diary: Diary, columns: int = 16
) -> AreaFit:
    return AreaFit(
        area,
        runs,
        whole,
        none,
        part,
        problem="few",
        days_needed=days_needed(runs, whole, none, diary, columns),
    )


def days_needed(runs: int, whole: int, none: int, diary: Diary, columns: int = 16) -> int:
    """About how many more days of daily logging (every area rated) until there is an
    estimate: each new day makes a run, with the whole routine or none as often as in the
    journal so far (half each while there is little to go on, or when one of them is rare).
    """
    logged = diary.logged
    days_logged = int(logged.sum())
    share_whole = share_none = 0.5
    if days_logged >= 14:
        share_whole = max(float((diary.practice[logged] == WHOLE).mean()), 0.2)
        share_none = max(float((diary.practice[logged] == NONE).mean()), 0.2)
    need = max(
        (MIN_RUNS_EACH - whole) / share_whole,
        (MIN_RUNS_EACH - none) / share_none,
        float(columns + MIN_DF - runs),
        1.0,
    )
    return math.ceil(need)


@dataclass(frozen=True)
class Verdict:
    area: str
    rung: Rung
    main: bool
    # Its own p-value is at or below 5% but the decision across the areas does not let it
    # claim: the main area shows no difference ("main"), or Holm asks for more ("holm").
    held_back: str = ""


def main_area(diary: Diary, chosen: str | None = None) -> str:
    """The person's choice, else the area with most ratings (ties: the order of AREAS)."""
    if chosen in AREAS:
        return chosen
    counts = (~np.isnan(diary.ratings)).sum(axis=0)
    return AREAS[int(np.argmax(counts))]


def verdicts(fits: Mapping[str, AreaFit], main: str) -> dict[str, Verdict]:
    """One rung per area, decided together so that a false claim anywhere stays below 5%."""
    p = {area: fit.p_value() for area, fit in fits.items() if fit.enough}
    probably = main_first_holm(p, main, PROBABLY)
    clearly = main_first_holm(p, main, CLEARLY)
    result = {}
    for area, fit in fits.items():
        held = area in p and p[area] <= PROBABLY and area not in probably
        result[area] = Verdict(
            area,
            _rung(fit, area in probably, area in clearly),
            area == main,
            held_back=("holm" if main in probably else "main") if held else "",
        )
    return result


def _rung(fit: AreaFit, probably: bool, clearly: bool) -> Rung:
    if fit.fits is None:
        return Rung.TOO_LITTLE if fit.problem == "few" else Rung.CANT_TELL
    lower = max(fit.fits.as_written.estimate, fit.fits.rounding.estimate) < 0
    if clearly:
        return Rung.CLEARLY_LOWER if lower else Rung.CLEARLY_HIGHER
    if probably:
        return Rung.PROBABLY_LOWER if lower else Rung.PROBABLY_HIGHER
    if fit.p_value(ABOUT_THE_SAME) <= 0.05 and fit.p_value(-ABOUT_THE_SAME) <= 0.05:
        low, high = sorted((fit.fits.as_written.estimate, fit.fits.rounding.estimate))
        if low > -ABOUT_THE_SAME and high < ABOUT_THE_SAME:
            return Rung.ABOUT_THE_SAME
    return Rung.CANT_TELL


# --- plain next-day means per exercise (descriptive) ---------------------------------------


@dataclass(frozen=True)
class Mean:
    n: int
    mean: float | None


@dataclass(frozen=True)
class NextDayMeans:
    """Plain next-day means after days an exercise was done and after days it was not.

    Descriptive only: with three areas and several exercises there are many comparisons,
    some differences appear by chance, and these means are not adjusted for how the pain
    was going, so the page gives no interval or verdict for them.
    """

    area: str
    exercise: str | None  # None: any exercise
    after_practice: Mean
    after_rest: Mean


def next_day_pairs(
    rows: Iterable[DayRow], area: str, exercise: str | None = None
) -> tuple[list[float], list[float]]:
    """Next-day ratings after practice days and after days without practice.

    Day D's practice is paired with day D+1's rating of ``area``. Pairs are skipped when
    D+1 has no rating for the area (an empty rating is "not rated", never 0) and when D
    itself was not logged, since then nobody knows whether there was practice.
    """
    by_day = {row.day: row for row in rows}
    after_practice: list[float] = []
    after_rest: list[float] = []
    one_day = datetime.timedelta(days=1)
    for day, row in by_day.items():
        following = by_day.get(day + one_day)
        if following is None:
            continue
        rating = following.ratings.get(area)
        if rating is None:
            continue
        did = exercise in row.exercises if exercise else row.practised
        (after_practice if did else after_rest).append(float(rating))
    return after_practice, after_rest


def _mean(values: Sequence[float]) -> Mean:
    return Mean(len(values), sum(values) / len(values) if values else None)


def next_day_means(rows: Sequence[DayRow], area: str, exercise: str | None = None) -> NextDayMeans:
    practice, rest = next_day_pairs(rows, area, exercise)
    return NextDayMeans(area, exercise, _mean(practice), _mean(rest))
