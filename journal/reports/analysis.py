"""What the journal says about practice and pain: numbers only, from plain rows.

No ORM, no matplotlib and no sentences here (``wording`` composes those from a ``Report``),
so everything can be tested on synthetic journals in milliseconds. ``data`` turns the
database into ``DayRow``s; ``charts`` and ``pdf`` draw the results.

"Does practice go with less pain?" is answered by ``adjusted_comparison`` (see
``Comparison``); the plain next-day means per exercise are descriptive only.
"""

import datetime
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from .stats import SingularDesign, ols

AREA_NAMES: tuple[str, ...] = ("back", "hip", "knee")

# The change within the range compares the first and last this many rated days.
CHANGE_WINDOW = 14
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


# --- does practice go with less pain the next day? ---------------------------------------

# A regression with five coefficients needs runs of three logged days; below these the page
# says how many more are needed instead of an estimate.
MIN_RUNS = 14
MIN_RUNS_EACH = 5  # runs with practice on the middle day, and runs without
FLAT_STANDARD_ERROR = 1e-6


@dataclass(frozen=True)
class Run:
    """Three consecutive logged days D-1, D, D+1 with the area rated on all three."""

    practised_before: bool  # practice on D-1
    practised: bool  # practice on D
    pain: float  # on D
    pain_next: float  # on D+1
    pain_before: float  # on D-1


def runs_of_three(rows: Iterable[DayRow], area: str) -> list[Run]:
    """The runs the regression uses: a day, the day before and the day after, all logged.

    Unlogged days break runs (nobody knows what was done), and so does a missing rating of
    the area (an empty rating is "not rated", never 0).
    """
    by_day = {row.day: row for row in rows}
    one_day = datetime.timedelta(days=1)
    runs = []
    for day, row in by_day.items():
        before, after = by_day.get(day - one_day), by_day.get(day + one_day)
        if before is None or after is None:
            continue
        ratings = (before.ratings.get(area), row.ratings.get(area), after.ratings.get(area))
        if None in ratings:
            continue
        pain_before, pain, pain_next = (float(rating) for rating in ratings)  # type: ignore[arg-type]
        runs.append(Run(before.practised, row.practised, pain, pain_next, pain_before))
    return runs


@dataclass(frozen=True)
class Comparison:
    """Next-day pain after practice minus after no practice, for the same pain today.

    The estimate is the practice coefficient of an ordinary least-squares regression of
    pain(D+1) on practice(D), pain(D), pain(D-1) and practice(D-1), over ``runs_of_three``.
    Adjusting for the day's pain removes what a plain comparison of next-day means gets
    wrong in real diaries: pain carries over from day to day, and people practise more after
    bad days, in streaks, or while pain is easing anyway. practice(D-1) is there because
    yesterday's practice acts on today's pain. pain(D-1) is there because a whole-number
    rating is only a rough measure of the day's pain: with pain(D) alone, diaries of people
    who practise after a bad day or while pain is falling left enough confounding that at
    1,000 days the interval covered 89-92% and claimed "higher" 7-11% of the time with no
    effect (87% and 13% at 3,650 days); with pain(D-1) as well, 93-95% and 3-4% (100-300
    simulated diaries each, phi 0.8).
    The 95% interval is the OLS t-interval on n - 5 degrees of freedom. It assumes pain
    carries over a day or two (what happened earlier matters only through the last two
    days' pain). ``make validate`` checks its coverage on simulated diaries.
    """

    area: str
    runs: int
    practice_runs: int  # runs with practice on the middle day
    rest_runs: int
    estimate: float | None = None  # negative: less pain the day after practice
    low: float | None = None
    high: float | None = None
    # Why there is no estimate although there are enough runs: "tied" when practice on a
    # day is fixed by practice the day before (every day, or every other day), "flat" when
    # the regression fits every day exactly and leaves no spread for an interval.
    problem: str = ""

    @property
    def enough(self) -> bool:
        return self.estimate is not None

    @property
    def runs_needed(self) -> int:
        return max(0, MIN_RUNS - self.runs)

    @property
    def practice_runs_needed(self) -> int:
        return max(0, MIN_RUNS_EACH - self.practice_runs)

    @property
    def rest_runs_needed(self) -> int:
        return max(0, MIN_RUNS_EACH - self.rest_runs)

    @property
    def includes_zero(self) -> bool:
        return self.low is not None and self.high is not None and self.low <= 0.0 <= self.high

    @property
    def claim(self) -> str | None:
        """The difference the page claims: "lower", "higher", or None when it cannot tell."""
        if self.low is None or self.high is None or self.includes_zero:
            return None
        return "lower" if self.high < 0 else "higher"


def adjusted_comparison(rows: Sequence[DayRow], area: str) -> Comparison:
    runs = runs_of_three(rows, area)
    practice_runs = sum(run.practised for run in runs)
    base = Comparison(area, len(runs), practice_runs, len(runs) - practice_runs)
    if base.runs_needed or base.practice_runs_needed or base.rest_runs_needed:
        return base
    # Practice goes last: a column that depends on the ones before it adds nothing and is
    # dropped (the estimate is the same without it), unless it is practice itself.
    columns = [
        [1.0] * len(runs),
        [run.pain for run in runs],
        [run.pain_before for run in runs],
        [float(run.practised_before) for run in runs],
        [float(run.practised) for run in runs],
    ]
    y = [run.pain_next for run in runs]
    while True:
        try:
            fit = ols([list(row) for row in zip(*columns, strict=True)], y)
            break
        except SingularDesign as error:
            if error.column is None or error.column == len(columns) - 1:
                return replace(base, problem="tied")
            del columns[error.column]
    # A fit with (up to round-off) no residual spread gives a zero-width interval, which is
    # not a 95% interval of anything: ratings are whole points, so 1e-6 is no spread at all.
    if fit.standard_errors[-1] < FLAT_STANDARD_ERROR:
        return replace(base, problem="flat")
    low, high = fit.interval(len(columns) - 1)
    return replace(base, estimate=fit.coefficients[-1], low=low, high=high)


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
    ratings: dict[str, list[list[float]]] = {a: [[] for _ in range(bins)] for a in AREA_NAMES}
    done: list[list[float]] = [[] for _ in range(bins)]
    for row in rows:
        if not start <= row.day <= end:
            continue
        index = columns.index(row.day)
        done[index].append(float(len(row.exercises)))
        for area in AREA_NAMES:
            rating = row.ratings.get(area)
            if rating is not None:
                ratings[area][index].append(float(rating))
    values = {a: [_nanmean(b) if b else math.nan for b in ratings[a]] for a in AREA_NAMES}
    window = ROLLING_WEEKS if bin_days > 1 else ROLLING_DAYS
    return Trend(
        starts=columns.starts,
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
        comparisons=[adjusted_comparison(rows, area) for area in AREA_NAMES],
        next_day_means=[
            next_day_means(rows, area, name)
            for name in (None, *exercise_names)
            for area in AREA_NAMES
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
        weeks.setdefault(week_start(row.day), []).append(row)
    result = []
    for monday, week_rows in sorted(weeks.items()):
        means = {}
        for area in AREA_NAMES:
            rated = [r.ratings[area] for r in week_rows if r.ratings.get(area) is not None]
            means[area] = sum(rated) / len(rated) if rated else math.nan
        result.append(Week(monday, means, len(week_rows)))
    return result
