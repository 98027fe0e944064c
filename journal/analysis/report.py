"""What the journal says about practice and pain over a range: numbers only, from plain rows.

No ORM, no matplotlib and no sentences here (``journal.reports.wording`` composes those from
a ``Report``), so everything can be tested on synthetic journals in milliseconds.
``journal.rows`` turns the database into ``DayRow``s; ``journal.reports.drawing`` draws the
results.
"""

import datetime
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from footcare.vocabulary import AREAS
from journal.analysis.factors import FactorMeans, MedicineEventRow, factor_days, factor_means
from journal.analysis.nextday import Comparison, NextDayMeans, adjusted_comparison, next_day_means
from journal.analysis.rows import DayRow

# The change within the range compares the first and last this many rated days.
CHANGE_WINDOW = 14
# Past this many days a daily mark is narrower than a pixel on an 800-pixel chart.
WEEKLY_AFTER_DAYS = 400
ROLLING_DAYS = 7
ROLLING_WEEKS = 4


# --- change within the range ---------------------------------------------------------------


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


def week_start(day: datetime.date) -> datetime.date:
    """The Monday of the day's ISO week: every weekly figure in the Reports uses these weeks."""
    return day - datetime.timedelta(days=day.weekday())


@dataclass(frozen=True)
class Bins:
    """The columns of the trend and adherence charts: days, or past a year ISO weeks."""

    first: datetime.date
    days: int  # 1 or 7
    count: int

    def index(self, day: datetime.date) -> int:
        return (day - self.first).days // self.days

    @property
    def starts(self) -> list[datetime.date]:
        return [self.first + datetime.timedelta(days=i * self.days) for i in range(self.count)]


def bins_for(start: datetime.date, end: datetime.date) -> Bins:
    # Weeks run Monday to Sunday, as in the doctor's weekly table, not from the range's
    # first day: the same week then has the same mean on the chart and in the PDF.
    if (end - start).days + 1 > WEEKLY_AFTER_DAYS:
        first = week_start(start)
        return Bins(first, 7, (week_start(end) - first).days // 7 + 1)
    return Bins(start, 1, (end - start).days + 1)


def trend(rows: Sequence[DayRow], start: datetime.date, end: datetime.date) -> Trend:
    columns = bins_for(start, end)
    bins, bin_days = columns.count, columns.days
    ratings: dict[str, list[list[float]]] = {a: [[] for _ in range(bins)] for a in AREAS}
    done: list[list[float]] = [[] for _ in range(bins)]
    for row in rows:
        if not start <= row.day <= end:
            continue
        index = columns.index(row.day)
        done[index].append(float(len(row.exercises)))
        for area in AREAS:
            rating = row.ratings.get(area)
            if rating is not None:
                ratings[area][index].append(float(rating))
    values = {a: [_nanmean(b) if b else math.nan for b in ratings[a]] for a in AREAS}
    window = ROLLING_WEEKS if bin_days > 1 else ROLLING_DAYS
    return Trend(
        starts=columns.starts,
        bin_days=bin_days,
        values=values,
        smooth={a: _rolling(values[a], window) for a in AREAS},
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
    columns = bins_for(start, end)
    bins = columns.count
    logged = [0] * bins
    done = {name: [0] * bins for name in exercise_names}
    for row in rows:
        if not start <= row.day <= end:
            continue
        index = columns.index(row.day)
        logged[index] += 1
        for name in row.exercises:
            if name in done:
                done[name][index] += 1
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
        starts=columns.starts,
        bin_days=columns.days,
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
    next_day_means: list[NextDayMeans]
    changes: list[Change]
    adherence: Adherence = field(repr=False)
    # The factors of the day and the medicine changes of the range (journal.analysis.factors).
    factors: list[FactorMeans] = field(default_factory=list, repr=False)
    factor_days: list[tuple[str, int]] = field(default_factory=list)
    medicine_events: list[MedicineEventRow] = field(default_factory=list)

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
    *,
    factor_names: Sequence[str] = (),
    medicine_events: Sequence[MedicineEventRow] = (),
) -> Report:
    rows = sorted((r for r in rows if start <= r.day <= end), key=lambda r: r.day)
    return Report(
        start=start,
        end=end,
        period=period,
        rows=rows,
        trend=trend(rows, start, end),
        comparisons=[adjusted_comparison(rows, area) for area in AREAS],
        next_day_means=[
            next_day_means(rows, area, name) for name in (None, *exercise_names) for area in AREAS
        ],
        changes=[change_from_start(rows, area) for area in AREAS],
        adherence=adherence(rows, exercise_names, start, end, today),
        factors=factor_means(rows, factor_names),
        factor_days=factor_days(rows, factor_names),
        medicine_events=sorted(
            (e for e in medicine_events if start <= e.day <= end),
            key=lambda e: (e.day, e.medicine),
        ),
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
        weeks.setdefault(week_start(row.day), []).append(row)
    result = []
    for monday, week_rows in sorted(weeks.items()):
        means = {}
        for area in AREAS:
            rated = [r.ratings[area] for r in week_rows if r.ratings.get(area) is not None]
            means[area] = sum(rated) / len(rated) if rated else math.nan
        result.append(Week(monday, means, len(week_rows)))
    return result
