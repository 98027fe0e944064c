"""Does practice go with less pain the next day? Numbers only, from plain rows.

Answered by ``adjusted_comparison`` (see ``Comparison``); the plain next-day means per
exercise are descriptive only.
"""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from journal.analysis.rows import DayRow
from journal.analysis.stats import SingularDesign, ols

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
