"""What the journal says about practice and pain: numbers only, from plain rows.

No ORM, no matplotlib and no sentences here (``wording`` composes those from a ``Report``),
so everything can be tested on synthetic journals in milliseconds. ``data`` turns the
database into ``DayRow``s; ``charts`` and ``pdf`` draw the results.

The interval for a difference of means is Welch's t-interval (``stats.welch_interval``).
"""

import datetime
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .stats import mean_and_variance, t_quantile, welch_interval

AREA_NAMES: tuple[str, ...] = ("back", "hip", "knee")

# Fewer days than this in either group and the page says "not enough data yet".
MIN_DAYS_PER_GROUP = 7
# The change from the start compares the first and last this many rated days.
CHANGE_WINDOW = 14
# IMMPACT (Dworkin et al. 2008): in chronic pain trials a 30% drop is a moderate and a 50%
# drop a substantial improvement.
MODERATE_DROP = 0.30
SUBSTANTIAL_DROP = 0.50
# Past this many days a daily mark is narrower than a pixel on an 800-pixel chart.
WEEKLY_AFTER_DAYS = 400
ROLLING_DAYS = 7
ROLLING_WEEKS = 4


@dataclass(frozen=True)
class DayRow:
    day: datetime.date
    ratings: dict[str, int | None]
    exercises: frozenset[str]

    @property
    def practised(self) -> bool:
        return bool(self.exercises)


@dataclass(frozen=True)
class GroupSummary:
    n: int
    mean: float | None
    low: float | None  # 95% t-interval of the mean; None below two values
    high: float | None


def summarize_group(values: Sequence[float]) -> GroupSummary:
    if not values:
        return GroupSummary(0, None, None, None)
    mean, variance = mean_and_variance(values)
    if len(values) < 2:
        return GroupSummary(1, mean, None, None)
    half = t_quantile(0.975, len(values) - 1) * math.sqrt(variance / len(values))
    return GroupSummary(len(values), mean, mean - half, mean + half)


# --- next-day comparison -----------------------------------------------------------------


@dataclass(frozen=True)
class Comparison:
    area: str
    exercise: str | None  # None: any exercise
    after_practice: GroupSummary
    after_rest: GroupSummary
    difference: float | None = None  # after practice minus after rest; negative is less pain
    low: float | None = None
    high: float | None = None

    @property
    def enough(self) -> bool:
        return self.difference is not None

    @property
    def practice_days_needed(self) -> int:
        return max(0, MIN_DAYS_PER_GROUP - self.after_practice.n)

    @property
    def rest_days_needed(self) -> int:
        return max(0, MIN_DAYS_PER_GROUP - self.after_rest.n)

    @property
    def includes_zero(self) -> bool:
        return self.low is not None and self.high is not None and self.low <= 0.0 <= self.high


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


def compare_next_day(rows: Sequence[DayRow], area: str, exercise: str | None = None) -> Comparison:
    practice, rest = next_day_pairs(rows, area, exercise)
    base = Comparison(area, exercise, summarize_group(practice), summarize_group(rest))
    if len(practice) < MIN_DAYS_PER_GROUP or len(rest) < MIN_DAYS_PER_GROUP:
        return base
    difference, low, high = welch_interval(practice, rest)
    return Comparison(
        base.area, exercise, base.after_practice, base.after_rest, difference, low, high
    )


# --- change from the start ---------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    area: str
    rated_days: int
    first_mean: float | None = None
    last_mean: float | None = None

    @property
    def enough(self) -> bool:
        return self.first_mean is not None

    @property
    def days_needed(self) -> int:
        return max(0, 2 * CHANGE_WINDOW - self.rated_days)

    @property
    def relative_drop(self) -> float | None:
        # A drop from a mean of 0 is not defined: there was no pain to improve on.
        if self.first_mean is None or self.last_mean is None or self.first_mean == 0:
            return None
        return (self.first_mean - self.last_mean) / self.first_mean


def change_from_start(rows: Sequence[DayRow], area: str) -> Change:
    rated = [row.ratings[area] for row in rows if row.ratings.get(area) is not None]
    if len(rated) < 2 * CHANGE_WINDOW:
        return Change(area, len(rated))
    first = sum(rated[:CHANGE_WINDOW]) / CHANGE_WINDOW
    last = sum(rated[-CHANGE_WINDOW:]) / CHANGE_WINDOW
    return Change(area, len(rated), first, last)


# --- series for the trend chart ----------------------------------------------------------


def _nanmean(values: Iterable[float]) -> float:
    present = [v for v in values if not math.isnan(v)]
    return sum(present) / len(present) if present else math.nan


@dataclass(frozen=True)
class Trend:
    starts: list[datetime.date]  # first day of each bin: a day, or a week past a year
    bin_days: int
    values: dict[str, list[float]]  # mean rating per bin, NaN where nothing was rated
    smooth: dict[str, list[float]]
    practice: list[float]  # exercises done per logged day in the bin, NaN if none logged

    @property
    def weekly(self) -> bool:
        return self.bin_days > 1

    def rated_points(self, area: str) -> int:
        return sum(1 for v in self.values[area] if not math.isnan(v))


def _rolling(values: list[float], window: int) -> list[float]:
    # Trailing window; needs at least half of it rated, so one lonely day is not a "mean".
    result = []
    for i in range(len(values)):
        chunk = [v for v in values[max(0, i - window + 1) : i + 1] if not math.isnan(v)]
        result.append(sum(chunk) / len(chunk) if len(chunk) * 2 >= window else math.nan)
    return result


def trend(rows: Sequence[DayRow], start: datetime.date, end: datetime.date) -> Trend:
    total = (end - start).days + 1
    bin_days = 7 if total > WEEKLY_AFTER_DAYS else 1
    bins = (total + bin_days - 1) // bin_days
    ratings: dict[str, list[list[float]]] = {a: [[] for _ in range(bins)] for a in AREA_NAMES}
    done: list[list[float]] = [[] for _ in range(bins)]
    for row in rows:
        offset = (row.day - start).days
        if not 0 <= offset < total:
            continue
        index = offset // bin_days
        done[index].append(float(len(row.exercises)))
        for area in AREA_NAMES:
            rating = row.ratings.get(area)
            if rating is not None:
                ratings[area][index].append(float(rating))
    values = {a: [_nanmean(b) if b else math.nan for b in ratings[a]] for a in AREA_NAMES}
    window = ROLLING_WEEKS if bin_days > 1 else ROLLING_DAYS
    return Trend(
        starts=[start + datetime.timedelta(days=i * bin_days) for i in range(bins)],
        bin_days=bin_days,
        values=values,
        smooth={a: _rolling(values[a], window) for a in AREA_NAMES},
        practice=[sum(d) / len(d) if d else math.nan for d in done],
    )


# --- adherence ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Streaks:
    current: int
    longest: int


def practice_streaks(days_done: set[datetime.date], today: datetime.date) -> Streaks:
    """Runs of consecutive calendar days with practice.

    The current streak is still alive when today is not logged yet but yesterday was a
    practice day: people log in the evening.
    """
    longest = run = 0
    previous: datetime.date | None = None
    for day in sorted(days_done):
        run = run + 1 if previous is not None and (day - previous).days == 1 else 1
        longest = max(longest, run)
        previous = day
    current = 0
    day = today if today in days_done else today - datetime.timedelta(days=1)
    while day in days_done:
        current += 1
        day -= datetime.timedelta(days=1)
    return Streaks(current, longest)


@dataclass(frozen=True)
class ExerciseAdherence:
    name: str
    days_done: int
    logged_days: int
    streaks: Streaks

    @property
    def share(self) -> float | None:
        return self.days_done / self.logged_days if self.logged_days else None


@dataclass(frozen=True)
class Adherence:
    exercises: list[ExerciseAdherence]
    any_exercise: ExerciseAdherence
    starts: list[datetime.date]
    bin_days: int
    # exercise by bin: share of the logged days in the bin on which it was done, NaN if none
    grid: list[list[float]] = field(repr=False)


def adherence(
    rows: Sequence[DayRow],
    exercise_names: Sequence[str],
    start: datetime.date,
    end: datetime.date,
    today: datetime.date,
) -> Adherence:
    total = (end - start).days + 1
    bin_days = 7 if total > WEEKLY_AFTER_DAYS else 1
    bins = (total + bin_days - 1) // bin_days
    logged = [0] * bins
    done = {name: [0] * bins for name in exercise_names}
    for row in rows:
        offset = (row.day - start).days
        if not 0 <= offset < total:
            continue
        logged[offset // bin_days] += 1
        for name in row.exercises:
            if name in done:
                done[name][offset // bin_days] += 1
    grid = [
        [done[name][i] / logged[i] if logged[i] else math.nan for i in range(bins)]
        for name in exercise_names
    ]

    def summary(name: str, days: set[datetime.date]) -> ExerciseAdherence:
        return ExerciseAdherence(name, len(days), len(rows), practice_streaks(days, today))

    return Adherence(
        exercises=[
            summary(name, {row.day for row in rows if name in row.exercises})
            for name in exercise_names
        ],
        any_exercise=summary("Any exercise", {row.day for row in rows if row.practised}),
        starts=[start + datetime.timedelta(days=i * bin_days) for i in range(bins)],
        bin_days=bin_days,
        grid=grid,
    )


# --- the whole report --------------------------------------------------------------------


@dataclass(frozen=True)
class Report:
    start: datetime.date
    end: datetime.date
    period: str
    rows: list[DayRow] = field(repr=False)
    trend: Trend = field(repr=False)
    comparisons: list[Comparison]
    exercise_comparisons: list[Comparison]
    changes: list[Change]
    adherence: Adherence = field(repr=False)

    @property
    def logged_days(self) -> int:
        return len(self.rows)

    @property
    def adherence_rows(self) -> list[ExerciseAdherence]:
        return [*self.adherence.exercises, self.adherence.any_exercise]


def build_report(
    rows: Sequence[DayRow],
    exercise_names: Sequence[str],
    start: datetime.date,
    end: datetime.date,
    today: datetime.date,
    period: str,
) -> Report:
    rows = sorted((r for r in rows if start <= r.day <= end), key=lambda r: r.day)
    return Report(
        start=start,
        end=end,
        period=period,
        rows=rows,
        trend=trend(rows, start, end),
        comparisons=[compare_next_day(rows, area) for area in AREA_NAMES],
        exercise_comparisons=[
            compare_next_day(rows, area, name) for name in exercise_names for area in AREA_NAMES
        ],
        changes=[change_from_start(rows, area) for area in AREA_NAMES],
        adherence=adherence(rows, exercise_names, start, end, today),
    )


# --- weekly means for the doctor's report ------------------------------------------------


@dataclass(frozen=True)
class Week:
    start: datetime.date  # a Monday
    means: dict[str, float]  # NaN where nothing was rated that week
    logged_days: int


def weekly_means(rows: Sequence[DayRow]) -> list[Week]:
    weeks: dict[datetime.date, list[DayRow]] = {}
    for row in rows:
        monday = row.day - datetime.timedelta(days=row.day.weekday())
        weeks.setdefault(monday, []).append(row)
    result = []
    for monday, week_rows in sorted(weeks.items()):
        means = {}
        for area in AREA_NAMES:
            rated = [r.ratings[area] for r in week_rows if r.ratings.get(area) is not None]
            means[area] = sum(rated) / len(rated) if rated else math.nan
        result.append(Week(monday, means, len(week_rows)))
    return result
