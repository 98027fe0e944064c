"""What the journal says about practice and pain: pure functions from plain rows to results.

No ORM and no matplotlib here, so everything can be tested on synthetic journals in
milliseconds. ``journal.reporting`` turns the database into ``DayRow``s; ``journal.charts``
draws the results.

The interval for a difference of means is Welch's t-interval: the two groups (days after
practice, days after no practice) have different sizes and possibly different spreads, and
Welch does not assume equal variances. It is exact for normal data and close for 0 to 10
ratings with a week or more in each group (checked by the coverage tests on synthetic
journals), and unlike a bootstrap it gives the same answer on every request, so cached
charts, the page and the PDF always agree. The t quantile is computed here from the
regularized incomplete beta function so that the project does not need SciPy for one
number.
"""

import datetime
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

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


# --- statistics --------------------------------------------------------------------------


def _incomplete_beta_fraction(a: float, b: float, x: float) -> float:
    # Lentz's continued fraction for I_x(a, b) (Numerical Recipes, betacf).
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 300):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c if abs(1.0 + aa / c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c if abs(1.0 + aa / c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-14:
            break
    return h


def regularized_incomplete_beta(a: float, b: float, x: float) -> float:
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    log_front = (
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    front = math.exp(log_front)
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _incomplete_beta_fraction(a, b, x) / a
    return 1.0 - front * _incomplete_beta_fraction(b, a, 1.0 - x) / b


def t_cdf(t: float, df: float) -> float:
    tail = 0.5 * regularized_incomplete_beta(df / 2.0, 0.5, df / (df + t * t))
    return 1.0 - tail if t > 0 else tail


@lru_cache(maxsize=4096)
def t_quantile(p: float, df: float) -> float:
    """The ``p`` quantile of Student's t with ``df`` (possibly fractional) degrees of freedom."""
    if not 0.0 < p < 1.0 or df <= 0:
        raise ValueError("t_quantile needs 0 < p < 1 and df > 0")
    if p < 0.5:
        return -t_quantile(1.0 - p, df)
    # The CDF is monotonic, so bisection cannot go wrong; 200 halvings reach float precision.
    low, high = 0.0, 1.0
    while t_cdf(high, df) < p:
        high *= 2.0
    for _ in range(200):
        mid = (low + high) / 2.0
        if t_cdf(mid, df) < p:
            low = mid
        else:
            high = mid
        if high - low < 1e-12:
            break
    return (low + high) / 2.0


def _mean_and_variance(values: Sequence[float]) -> tuple[float, float]:
    n = len(values)
    mean = sum(values) / n
    variance = sum((v - mean) ** 2 for v in values) / (n - 1) if n > 1 else 0.0
    return mean, variance


@dataclass(frozen=True)
class GroupSummary:
    n: int
    mean: float | None
    low: float | None  # 95% t-interval of the mean; None below two values
    high: float | None


def summarize_group(values: Sequence[float]) -> GroupSummary:
    if not values:
        return GroupSummary(0, None, None, None)
    mean, variance = _mean_and_variance(values)
    if len(values) < 2:
        return GroupSummary(1, mean, None, None)
    half = t_quantile(0.975, len(values) - 1) * math.sqrt(variance / len(values))
    return GroupSummary(len(values), mean, mean - half, mean + half)


def welch_interval(
    first: Sequence[float], second: Sequence[float], level: float = 0.95
) -> tuple[float, float, float]:
    """Mean of ``first`` minus mean of ``second`` with Welch's t-interval."""
    if len(first) < 2 or len(second) < 2:
        raise ValueError("Welch's interval needs at least two values in each group")
    mean1, var1 = _mean_and_variance(first)
    mean2, var2 = _mean_and_variance(second)
    se1, se2 = var1 / len(first), var2 / len(second)
    difference = mean1 - mean2
    standard_error = math.sqrt(se1 + se2)
    if standard_error == 0.0:
        return difference, difference, difference
    df = (se1 + se2) ** 2 / (se1**2 / (len(first) - 1) + se2**2 / (len(second) - 1))
    half = t_quantile(0.5 + level / 2.0, df) * standard_error
    return difference, difference - half, difference + half


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


def _days(n: int) -> str:
    return f"{n} day{'' if n == 1 else 's'}"


def describe_comparison(comparison: Comparison, period: str) -> str:
    """One honest sentence: an association with its interval and n, never a cause."""
    area = comparison.area
    exercise = comparison.exercise
    what = f"you did “{exercise}”" if exercise else "you practised"
    not_what = "you did not do it" if exercise else "you did not"
    if not comparison.enough:
        needs = []
        if comparison.practice_days_needed:
            needs.append(f"{_days(comparison.practice_days_needed)} more after {what}")
        if comparison.rest_days_needed:
            needs.append(f"{_days(comparison.rest_days_needed)} more after days {not_what}")
        return (
            f"Not enough data yet for your {area} pain: the comparison needs at least "
            f"{MIN_DAYS_PER_GROUP} rated days after days {what} and {MIN_DAYS_PER_GROUP} after "
            f"days {not_what} ({comparison.after_practice.n} and {comparison.after_rest.n} so "
            f"far); log {' and '.join(needs)}."
        )
    assert comparison.difference is not None and comparison.low is not None
    assert comparison.high is not None
    size = abs(comparison.difference)
    direction = "lower" if comparison.difference < 0 else "higher"
    if comparison.difference < 0:
        low, high = -comparison.high, -comparison.low
    else:
        low, high = comparison.low, comparison.high
    counts = (
        f"95% interval {low:.1f} to {high:.1f}; "
        f"{comparison.after_practice.n} and {comparison.after_rest.n} days"
    )
    sentence = (
        f"{period}, on days after {what} your {area} pain was on average {size:.1f} "
        f"point{'' if round(size, 1) == 1 else 's'} {direction} than on days after "
        f"{not_what} ({counts})."
    )
    if comparison.includes_zero:
        sentence += (
            " The interval includes 0, so the data cannot tell whether there is a difference."
        )
    return sentence + " This is an association, not proof that the exercises caused it."


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

    @property
    def mark(self) -> str:
        drop = self.relative_drop
        if drop is None:
            return "not available"
        if drop >= SUBSTANTIAL_DROP:
            return "substantial improvement (50% or more)"
        if drop >= MODERATE_DROP:
            return "moderate improvement (30% or more)"
        if drop > 0:
            return "less than the 30% of a moderate improvement"
        return "no improvement"


def change_from_start(rows: Sequence[DayRow], area: str) -> Change:
    rated = [row.ratings[area] for row in rows if row.ratings.get(area) is not None]
    if len(rated) < 2 * CHANGE_WINDOW:
        return Change(area, len(rated))
    first = sum(rated[:CHANGE_WINDOW]) / CHANGE_WINDOW
    last = sum(rated[-CHANGE_WINDOW:]) / CHANGE_WINDOW
    return Change(area, len(rated), first, last)


def describe_change(change: Change) -> str:
    if not change.enough:
        return (
            f"Not enough data yet for the change in your {change.area} pain: it needs "
            f"{2 * CHANGE_WINDOW} rated days ({change.rated_days} so far, "
            f"{change.days_needed} more needed)."
        )
    assert change.first_mean is not None and change.last_mean is not None
    text = (
        f"Your {change.area} pain averaged {change.first_mean:.1f} over your first "
        f"{CHANGE_WINDOW} rated days and {change.last_mean:.1f} over your last {CHANGE_WINDOW}"
    )
    drop = change.relative_drop
    if drop is None:
        return text + "."
    verb = "a drop" if drop >= 0 else "a rise"
    return f"{text}: {verb} of {abs(drop):.0%}, {change.mark}."


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

    @property
    def smooth_label(self) -> str:
        return f"{ROLLING_WEEKS}-week mean" if self.weekly else f"{ROLLING_DAYS}-day mean"

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


def describe_trend(trend_: Trend, rows: Sequence[DayRow]) -> str:
    if not rows:
        return "Pain over time: no days logged in this range yet, so there is nothing to draw."
    unit = "weekly means" if trend_.weekly else "daily ratings"
    parts = []
    for area in AREA_NAMES:
        rated = [v for v in trend_.values[area] if not math.isnan(v)]
        if rated:
            parts.append(
                f"{area} from {rated[0]:.1f} to {rated[-1]:.1f} "
                f"(lowest {min(rated):.1f}, highest {max(rated):.1f})"
            )
        else:
            parts.append(f"{area} not rated")
    practised = sum(1 for row in rows if row.practised)
    return (
        f"Pain over time, {unit} from 0 to 10 with the {trend_.smooth_label}: "
        f"{'; '.join(parts)}. Exercises were done on {practised} of {len(rows)} logged days."
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

    @property
    def share_text(self) -> str:
        return "–" if self.share is None else f"{self.share:.0%}"


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


def describe_adherence(result: Adherence) -> str:
    if not result.any_exercise.logged_days:
        return "Adherence: no days logged in this range yet, so there is nothing to draw."
    parts = [
        f"{e.name} on {e.days_done} of {e.logged_days} logged days ({e.share:.0%})"
        for e in result.exercises
    ]
    streaks = result.any_exercise.streaks
    return (
        f"Adherence by exercise: {'; '.join(parts) or 'no exercises in the catalog'}. "
        f"Current practice streak {_days(streaks.current)}, longest {_days(streaks.longest)}."
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
    def trend_text(self) -> str:
        return describe_trend(self.trend, self.rows)

    @property
    def comparison_text(self) -> str:
        if not self.rows:
            return "Practice against pain: no days logged in this range yet."
        return " ".join(describe_comparison(c, self.period) for c in self.comparisons)

    @property
    def adherence_text(self) -> str:
        return describe_adherence(self.adherence)

    @property
    def practice_alt(self) -> str:
        if not self.rows:
            return (
                "Practice against pain: no days logged in this range yet, "
                "so there is nothing to draw."
            )
        parts = []
        for c in self.comparisons:
            groups = [
                f"{label} {_group_text(g)}"
                for label, g in (
                    ("after practice", c.after_practice),
                    ("after no practice", c.after_rest),
                )
            ]
            parts.append(f"{c.area}: {', '.join(groups)}")
        return (
            "Practice against pain, mean next-day pain with 95% intervals: "
            + "; ".join(parts)
            + "."
        )

    @property
    def comparison_sentences(self) -> list[str]:
        if not self.rows:
            return ["No days logged in this range yet, so there is nothing to compare."]
        return [describe_comparison(c, self.period) for c in self.comparisons]

    @property
    def change_sentences(self) -> list[str]:
        return [describe_change(c) for c in self.changes]

    @property
    def comparison_rows(self) -> list[list[str]]:
        return [
            [
                c.area.capitalize(),
                c.exercise or "Any",
                _group_text(c.after_practice),
                _group_text(c.after_rest),
                _difference_text(c),
            ]
            for c in [*self.comparisons, *self.exercise_comparisons]
        ]

    @property
    def adherence_rows(self) -> list[ExerciseAdherence]:
        return [*self.adherence.exercises, self.adherence.any_exercise]


def _group_text(group: GroupSummary) -> str:
    if group.mean is None:
        return "no days"
    interval = f" ({group.low:.1f} to {group.high:.1f})" if group.low is not None else ""
    return f"{group.mean:.1f}{interval}; {_days(group.n)}"


def _difference_text(comparison: Comparison) -> str:
    if not comparison.enough:
        return f"not enough data yet (needs {MIN_DAYS_PER_GROUP} days in each group)"
    return f"{comparison.difference:+.1f} ({comparison.low:+.1f} to {comparison.high:+.1f})"


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
