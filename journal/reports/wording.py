"""Every sentence, caption, alt text and table row of the Reports, composed from a Report.

``analysis`` computes numbers only; this module is the one place where they become words,
so "where does this sentence come from" has one answer. The charts and the doctor's PDF
take their titles and labels from here too.
"""

import datetime
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from .analysis import (
    AREA_NAMES,
    CHANGE_WINDOW,
    MIN_RUNS,
    MIN_RUNS_EACH,
    ROLLING_DAYS,
    ROLLING_WEEKS,
    Adherence,
    Change,
    Comparison,
    ExerciseAdherence,
    Mean,
    NextDayMeans,
    PegRow,
    Report,
    Trend,
    Week,
    peg_series,
)
from .evidence import Estimate
from .experiment import AreaResult, AsDone, ExperimentAdherence, ExperimentResult
from .stats import RandomisationResult

NO_DATA = "No days logged in this range yet"
NOT_ENOUGH = "can't tell yet"
TITLES = {
    "trend": "Pain over time (0 = none, 10 = worst imaginable)",
    "practice": (
        "Next-day pain: after practice minus after none, allowing for recent pain (95% intervals)"
    ),
    "adherence": "Exercises done per logged day",
}
PRACTICE_AXIS = "Points of pain next day\n(below 0: less pain\nafter practice)"
PHONE_TREND_TITLE = "Pain over time (0 = none, 10 = worst)"

# The assumption behind every next-day sentence, in plain words.
ASSUMPTION = "assuming pain carries over a day or two, not longer"
METHOD = (
    "How this is worked out: each logged day's practice is compared with the next day's "
    "pain, allowing for the pain on that day and the day before and for practice the day "
    "before, over runs of three logged days in a row. Allowing for how the pain was going "
    "matters because pain carries over from day to day and people often practise after a "
    "bad day, in streaks, or while the pain is easing anyway; a plain comparison of "
    "next-day means gets those diaries wrong. It assumes pain carries over a day or two: it "
    "adjusts for the last two days' pain only, not for longer swings or anything else that "
    "changed at the same time (a new medicine, the weather). Each interval is a 95% "
    "interval: the range of differences the data fit. It shows an association, not proof "
    "that the exercises caused it."
)
CHANGE_CAVEAT = (
    f"The mean of your first {CHANGE_WINDOW} rated days in this range against your last "
    f"{CHANGE_WINDOW}. Pain often eases after a bad spell without any treatment, so a drop "
    "from a high start is expected even if nothing helped; with no comparison group this "
    "cannot say why pain changed. (The 30% and 50% drops that trials call moderate and "
    "substantial improvements, after IMMPACT, are measured against a control group, so they "
    "do not apply here.)"
)
EXERCISE_MEANS_CAPTION = (
    "Plain means of next-day pain after logged days an exercise was done and after logged "
    "days it was not, with the number of days. Descriptive only: they are not adjusted for "
    "how the pain was going, and with this many comparisons some differences appear by "
    "chance, so no intervals or verdicts are given for them."
)
CAPTIONS = {
    "trend": (
        "One panel per area. Thin lines: each rating (past 400 days, each week's mean); thick "
        "lines: the rolling mean; gaps: days not rated. The bars below show how many "
        "exercises you did on each logged day; hatched days were not logged."
    ),
    "practice": (
        "For each area, how much higher or lower next-day pain was after a day with "
        "exercises than after a day without, for the same pain that day and the day before, "
        "with its 95% "
        "interval and the number of runs of three logged days. An interval that crosses 0 "
        "means the data cannot tell."
    ),
    "adherence": (
        "Green: done; white: logged but not done; grey: not logged. Past a year, each column "
        "is a week shaded by the share of its logged days."
    ),
    "adherence_table": "Days each exercise was done, out of the days logged in this range.",
    "comparison_table": (
        "Next-day pain after practice minus after no practice, for the same pain that day "
        f"and the day before ({ASSUMPTION}); below 0 means less pain after practice. Runs are "
        "three logged days "
        "in a row with the area rated on each."
    ),
}
# Below this starting mean a percentage change overstates a small change in points.
MIN_PERCENT_BASE = 3.0


def days(n: int) -> str:
    return f"{n} day{'' if n == 1 else 's'}"


# --- does practice go with less pain? ----------------------------------------------------


def points(value: float) -> str:
    """A difference in words, from the value as printed: never "-0.0" or "0.0 points"."""
    if value == 0.0:
        return "no difference"
    size = round(abs(value), 1)
    word = "lower" if value < 0 else "higher"
    if size == 0.0:
        return f"less than 0.1 points {word}"
    return f"{size:.1f} point{'' if size == 1.0 else 's'} {word}"


def range_text(low: float, high: float) -> str:
    """ "from 1.2 points lower to 0.2 points higher, including no difference" """
    if low <= 0.0 <= high:
        return f"from {points(low)} to {points(high)}, including no difference"
    near, far = (high, low) if high < 0 else (low, high)
    word = "lower" if high < 0 else "higher"
    near_size, far_size = round(abs(near), 1), round(abs(far), 1)
    near_text = "less than 0.1" if near_size == 0.0 else f"{near_size:.1f}"
    return f"from {near_text} to {far_size:.1f} points {word}"


def interval_text(low: float, high: float) -> str:
    """ "the data fit anything from 1.2 points lower to 0.2 points higher, including no
    difference" """
    return f"the data fit anything {range_text(low, high)}"


def runs_text(comparison: Comparison) -> str:
    return (
        f"{comparison.runs} runs of three logged days, {comparison.practice_runs} with "
        f"practice on the middle day"
    )


def _not_enough(comparison: Comparison) -> str:
    area = comparison.area
    needs = []
    if comparison.runs_needed:
        needs.append(
            f"{comparison.runs_needed} more run{'' if comparison.runs_needed == 1 else 's'}"
        )
    if comparison.practice_runs_needed:
        needs.append(f"{comparison.practice_runs_needed} more with practice on the middle day")
    if comparison.rest_runs_needed:
        needs.append(f"{comparison.rest_runs_needed} more without")
    return (
        f"Not enough data yet for your {area} pain: the comparison needs at least {MIN_RUNS} "
        f"runs of three logged days in a row with your {area} rated on each, at least "
        f"{MIN_RUNS_EACH} of them with practice on the middle day and {MIN_RUNS_EACH} without "
        f"({comparison.runs} so far, {comparison.practice_runs} with practice); it needs "
        f"{' and '.join(needs)}. Logging every day, also days without exercises, makes runs."
    )


def describe_comparison(comparison: Comparison, period: str) -> str:
    """One honest sentence: what the data fit, with n and the assumption, never a cause."""
    area = comparison.area
    if comparison.problem == "tied":
        return (
            f"The data cannot tell yet for your {area} pain: on these days "
            f"({runs_text(comparison)}) whether you practised always followed from whether "
            "you practised the day before (every day, or every other day), so the effect of a "
            "day's practice cannot be told apart from the day before's. A few days that break "
            "the pattern would let it compare."
        )
    if comparison.problem == "flat":
        return (
            f"The data cannot tell for your {area} pain: over {runs_text(comparison)} the next "
            "day's pain followed the day's pain exactly, so there is no spread to give an "
            "interval from."
        )
    if not comparison.enough:
        return _not_enough(comparison)
    assert comparison.estimate is not None
    assert comparison.low is not None and comparison.high is not None
    counts = f"{runs_text(comparison)}; {ASSUMPTION}"
    fit = interval_text(comparison.low, comparison.high)
    # "1.2 points lower than", or "the same as" when the estimate is exactly 0.
    estimate = f"{points(comparison.estimate)} than" if comparison.estimate else "the same as"
    if comparison.claim is None:
        return (
            f"{period}, the data cannot tell whether practice goes with less or more {area} "
            "pain the next day. For the same pain that day and the day before, next-day "
            f"{area} pain after practice was {estimate} after no practice, but this is within "
            f"chance: {fit} ({counts})."
        )
    return (
        f"{period}, on days after you practised your {area} pain was {estimate} after "
        f"days you did not, for the same pain that day and the day before. "
        f"{fit[0].upper()}{fit[1:]} ({counts}). This is an association, not proof that the "
        "exercises caused it."
    )


def comparison_sentences(report: Report) -> list[str]:
    if not report.rows:
        return ["No days logged in this range yet, so there is nothing to compare."]
    return [describe_comparison(c, report.period) for c in report.comparisons]


def estimate_cells(comparison: Comparison) -> list[str]:
    """Estimate and interval for a table, or why there is none."""
    if not comparison.enough:
        return [NOT_ENOUGH, "–"]
    assert comparison.estimate is not None
    assert comparison.low is not None and comparison.high is not None
    return [
        f"{_signed(comparison.estimate)}",
        f"{_signed(comparison.low)} to {_signed(comparison.high)}",
    ]


def _signed(value: float) -> str:
    # Rounded first, so a value that prints as zero is "0.0", never "-0.0" or "+0.0".
    rounded = round(value, 1)
    return "0.0" if rounded == 0.0 else f"{rounded:+.1f}"


def comparison_rows(report: Report) -> list[list[str]]:
    return [
        [
            c.area.capitalize(),
            f"{c.runs} ({c.practice_runs} with practice)",
            *estimate_cells(c),
        ]
        for c in report.comparisons
    ]


def mean_text(mean: Mean) -> str:
    if mean.mean is None:
        return "no days"
    return f"{mean.mean:.1f}; {days(mean.n)}"


def next_day_means_rows(report: Report) -> list[list[str]]:
    rows: list[NextDayMeans] = report.next_day_means
    return [
        [
            m.area.capitalize(),
            m.exercise or "Any",
            mean_text(m.after_practice),
            mean_text(m.after_rest),
        ]
        for m in rows
    ]


def practice_alt(report: Report) -> str:
    if not report.rows:
        return (
            "Practice against pain: no days logged in this range yet, so there is nothing to draw."
        )
    parts = []
    for c in report.comparisons:
        if c.enough:
            assert c.estimate is not None and c.low is not None and c.high is not None
            parts.append(
                f"{c.area}: {points(c.estimate)} ({range_text(c.low, c.high)}; {c.runs} runs)"
            )
        else:
            parts.append(f"{c.area}: {NOT_ENOUGH} ({c.runs} runs)")
    return (
        "Practice against pain: next-day pain after practice compared with after no "
        f"practice, for the same pain that day and the day before, with 95% intervals "
        f"({ASSUMPTION}): " + "; ".join(parts) + "."
    )


def estimate_label(comparison: Comparison) -> str:
    return f"n={comparison.runs}"


# --- change within this range ------------------------------------------------------------


def describe_change(change: Change) -> str:
    if not change.enough:
        return (
            f"Not enough data yet for the change in your {change.area} pain: it needs "
            f"{2 * CHANGE_WINDOW} rated days ({change.rated_days} so far, "
            f"{change.days_needed} more needed)."
        )
    assert change.first_mean is not None and change.last_mean is not None
    # Everything is worked out from the means as printed, so the words never contradict
    # the numbers beside them (a 49.5% drop printed as "50%").
    first, last = round(change.first_mean, 1), round(change.last_mean, 1)
    text = (
        f"Your {change.area} pain averaged {first:.1f} over your first {CHANGE_WINDOW} rated "
        f"days in this range and {last:.1f} over your last {CHANGE_WINDOW}"
    )
    difference = round(last - first, 1)
    if difference == 0.0:
        return f"{text}: the same."
    size = abs(difference)
    word = "lower" if difference < 0 else "higher"
    amount = f"{size:.1f} point{'' if size == 1.0 else 's'}"
    if first < MIN_PERCENT_BASE:
        return (
            f"{text}: {amount} {word} (no percentage: from a start this low it would "
            "overstate a small change)."
        )
    return f"{text}: {amount} ({round(100 * size / first):.0f}%) {word}."


def change_sentences(report: Report) -> list[str]:
    return [describe_change(c) for c in report.changes]


# --- trend -------------------------------------------------------------------------------


def smooth_label(trend: Trend) -> str:
    return f"{ROLLING_WEEKS}-week mean" if trend.weekly else f"{ROLLING_DAYS}-day mean"


def trend_legend(trend: Trend, *, weekly_means: bool = False) -> str:
    thin = "weekly means" if trend.weekly else "each rating"
    thick = "weekly mean" if weekly_means else smooth_label(trend)
    return f"thin: {thin}; thick: {thick}; gap: not rated"


def strip_title(trend: Trend, most: int, *, narrow: bool = False) -> str:
    """What the practice strip's height means, and how a day not logged looks."""
    per = "logged day, weekly mean" if trend.weekly else "logged day"
    return f"Exercises done per {per} (0–{most}){chr(10) if narrow else '; '}hatched: not logged"


def describe_trend(report: Report) -> str:
    trend, rows = report.trend, report.rows
    if not rows:
        return "Pain over time: no days logged in this range yet, so there is nothing to draw."
    unit = "weekly means" if trend.weekly else "daily ratings"
    parts = []
    for area in AREA_NAMES:
        rated = [v for v in trend.values[area] if not math.isnan(v)]
        if rated:
            parts.append(
                f"{area} from {rated[0]:.1f} to {rated[-1]:.1f} "
                f"(lowest {min(rated):.1f}, highest {max(rated):.1f})"
            )
        else:
            parts.append(f"{area} not rated")
    practised = sum(1 for row in rows if row.practised)
    return (
        f"Pain over time, {unit} from 0 to 10 with the {smooth_label(trend)}: "
        f"{'; '.join(parts)}. Exercises were done on {practised} of {len(rows)} logged days."
    )


def _cell(value: float, decimals: int) -> str:
    return "–" if math.isnan(value) else f"{value:.{decimals}f}"


def trend_table_caption(trend: Trend) -> str:
    if trend.weekly:
        return "Weekly means for each logged week; “–” means not rated."
    return "Daily ratings for each logged day; “–” means not rated."


def trend_table(report: Report) -> list[list[str]]:
    trend = report.trend
    # A day's rating is a whole number; a week's is a mean.
    decimals = 1 if trend.weekly else 0
    return [
        [
            f"{start:%-d %b %Y}",
            *(_cell(trend.values[area][i], decimals) for area in AREA_NAMES),
            _cell(trend.practice[i], decimals),
        ]
        for i, start in enumerate(trend.starts)
        if not math.isnan(trend.practice[i])
    ]


def weekly_rows(weeks: list[Week]) -> list[list[str]]:
    return [
        [
            f"{week.start:%-d %b %Y}",
            *(_cell(week.means[area], 1) for area in AREA_NAMES),
            str(week.logged_days),
        ]
        for week in weeks
    ]


# --- adherence ---------------------------------------------------------------------------


def share_text(exercise: ExerciseAdherence) -> str:
    return "–" if exercise.share is None else f"{exercise.share:.0%}"


def describe_adherence(result: Adherence) -> str:
    if not result.any_exercise.logged_days:
        return "Adherence: no days logged in this range yet, so there is nothing to draw."
    parts = [
        f"{e.name} on {e.days_done} of {e.logged_days} logged days ({share_text(e)})"
        for e in result.exercises
    ]
    streaks = result.any_exercise.streaks
    return (
        f"Adherence by exercise: {'; '.join(parts) or 'no exercises in the catalog'}. "
        f"Current practice streak {days(streaks.current)}, longest {days(streaks.longest)}."
    )


def streak_title(result: Adherence) -> str:
    streaks = result.any_exercise.streaks
    return f"Practice streak: current {days(streaks.current)}, longest {days(streaks.longest)}"


def adherence_label(exercise: ExerciseAdherence) -> str:
    return f"{exercise.name} ({share_text(exercise)})"


def adherence_label_tail(shortened: str, exercise: ExerciseAdherence) -> str:
    """The second line of a long name cut short beside the grid; the table has it whole."""
    return f"{shortened} ({share_text(exercise)})"


def adherence_rows(report: Report) -> list[list[str]]:
    return [
        [
            e.name,
            f"{e.days_done} of {e.logged_days}",
            share_text(e),
            str(e.streaks.current),
            str(e.streaks.longest),
        ]
        for e in report.adherence_rows
    ]


# --- the doctor's PDF --------------------------------------------------------------------
# Written for a clinician: third person, short, with n and intervals.

PDF_TITLE = "Footcare Journal: pain and practice report"
PDF_SCALE = "Patient-reported 0–10 pain (0 = none, 10 = worst imaginable)."
PDF_TREND_TITLE = "Pain by area over time"
PDF_AREAS_TITLE = "Pain by area in this range"
PDF_AREAS_HEADER = [
    "Area",
    "Mean",
    f"First {CHANGE_WINDOW} → last {CHANGE_WINDOW} rated days",
    "Days rated",
]
PDF_PEG_TITLE = "PEG score by week (0–10)"
PDF_PEG_NONE = "No PEG check-ins in this range."
PDF_EVIDENCE_TITLE = "Next-day pain after exercise days and after other days"
PDF_EVIDENCE_HEADER = [
    "Area",
    "n exercise",
    "n other",
    "Difference (95% CI)",
    "Reading",
]
PDF_EXPERIMENT_ROWS = (
    "Randomised self-experiment: exercise days assigned at random (stronger evidence)"
)
PDF_OBSERVED_ROWS = (
    "Observational: the patient chose when to exercise; n in runs of three logged days"
)
PDF_ADHERENCE_TITLE = "Adherence per exercise"
PDF_ADHERENCE_HEADER = ["Exercise", "Days done", "Share", "Streak now", "Longest"]
PDF_METHOD_TITLE = "Method and limitations"
PDF_METHOD = [
    "Self-reported: the patient rates back, hip and knee pain from 0 to 10 once a day; an "
    "unrated day is missing, never 0. Observational unless randomised: the patient chose when "
    "to exercise, so a difference may have other causes; only a randomised self-experiment "
    "supports a causal reading. This summarises a diary; it is not a diagnosis.",
    "Difference = next-day pain after exercise days minus after other days, for the same pain "
    "that day and the day before (regression over runs of three logged days; below 0: less "
    "pain). The 95% interval assumes pain carries over a day or two, not longer, and that "
    "nothing else changed at the same time (a new medicine, the weather).",
]


def pdf_document_title(patient: str) -> str:
    return f"Footcare report for {patient}"


def pdf_details(report: Report, generated: datetime.date, born: datetime.date | None = None) -> str:
    span = (report.end - report.start).days + 1
    parts = [f"Born {born:%-d %b %Y}"] if born else []
    parts += [
        f"Range {report.start:%-d %b %Y} to {report.end:%-d %b %Y} ({days(span)})",
        f"{days(report.logged_days)} logged",
        f"Generated {generated:%-d %b %Y}",
    ]
    return " · ".join(parts)


def _change_cell(change: Change) -> str:
    if not change.enough:
        return f"needs {2 * CHANGE_WINDOW} rated days ({change.rated_days} so far)"
    assert change.first_mean is not None and change.last_mean is not None
    # From the means as printed, like describe_change, so the words match the numbers.
    first, last = round(change.first_mean, 1), round(change.last_mean, 1)
    text = f"{first:.1f} → {last:.1f}"
    difference = round(last - first, 1)
    if difference == 0.0:
        return f"{text} (the same)"
    word = "lower" if difference < 0 else "higher"
    if first < MIN_PERCENT_BASE:
        return f"{text} ({abs(difference):.1f} {word})"
    return f"{text} ({abs(difference):.1f}, {round(100 * abs(difference) / first):.0f}% {word})"


def pdf_area_rows(report: Report) -> list[list[str]]:
    rows = []
    for change in report.changes:
        rated = [
            r.ratings[change.area] for r in report.rows if r.ratings.get(change.area) is not None
        ]
        mean = f"{sum(rated) / len(rated):.1f}" if rated else "–"
        rows.append([change.area.capitalize(), mean, _change_cell(change), str(len(rated))])
    return rows


def pdf_evidence_row(e: Estimate) -> list[str]:
    """One area's row: the counts, the difference with its interval, and how to read it."""
    counts = [e.area.capitalize(), str(e.n_practice), str(e.n_rest)]
    if e.difference is None or e.low is None or e.high is None:
        return [*counts, "–", "Cannot tell yet (too few days)"]
    interval = f"{_signed(e.difference)} ({_signed(e.low)} to {_signed(e.high)})"
    if e.low <= 0 <= e.high:
        return [*counts, interval, "No clear difference"]
    return [*counts, interval, f"{points(e.difference)} after exercise"]


def pdf_more_exercises(left_out: int) -> str:
    return f"… and {left_out} more exercise{'' if left_out == 1 else 's'}, listed in the app"


def pdf_adherence_rows(report: Report) -> list[list[str]]:
    return [
        [
            e.name,
            f"{e.days_done} of {e.logged_days}",
            share_text(e),
            days(e.streaks.current),
            days(e.streaks.longest),
        ]
        for e in report.adherence_rows
    ]


# --- the page ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportText:
    """Everything the Reports page writes, in one object for the template."""

    trend: str
    trend_table: list[list[str]]
    trend_table_caption: str
    practice_alt: str
    comparisons: list[str]
    comparison_rows: list[list[str]]
    next_day_means_rows: list[list[str]]
    changes: list[str]
    adherence: str
    adherence_rows: list[list[str]]
    captions: dict[str, str] = field(default_factory=lambda: dict(CAPTIONS))
    method: str = METHOD
    change_caveat: str = CHANGE_CAVEAT
    exercise_means_caption: str = EXERCISE_MEANS_CAPTION


def report_text(report: Report) -> ReportText:
    return ReportText(
        trend=describe_trend(report),
        trend_table=trend_table(report),
        trend_table_caption=trend_table_caption(report.trend),
        practice_alt=practice_alt(report),
        comparisons=comparison_sentences(report),
        comparison_rows=comparison_rows(report),
        next_day_means_rows=next_day_means_rows(report),
        changes=change_sentences(report),
        adherence=describe_adherence(report.adherence),
        adherence_rows=adherence_rows(report),
    )


# --- the weekly PEG check-in -------------------------------------------------------------

PEG_TITLE = "Weekly check-in (PEG)"
PEG_HEADER = ["Week from", "Pain", "Enjoyment", "Activity", "PEG score"]
PEG_EXPLAINED = (
    "The PEG asks about the past week: average pain, and how much pain interfered with "
    "enjoyment of life and with general activity, each from 0 to 10. The score is their "
    "mean (higher is worse); a week with an unanswered question has no score. "
    "Krebs et al., J Gen Intern Med 2009;24(6):733–738."
)


def _item(value: int | None) -> str:
    return "–" if value is None else str(value)


def peg_rows(rows: Sequence[PegRow]) -> list[list[str]]:
    return [
        [
            f"{row.week:%-d %b %Y}",
            _item(row.pain),
            _item(row.enjoyment),
            _item(row.activity),
            "–" if row.score is None else f"{row.score:.1f}",
        ]
        for row in rows
    ]


def describe_peg(rows: Sequence[PegRow]) -> str:
    series = peg_series(rows)
    if not rows:
        return "No weekly check-in in this range."
    answered = f"{len(rows)} weekly check-in{'' if len(rows) == 1 else 's'}"
    if not series:
        return f"{answered}, none with all three questions answered, so no PEG score."
    (first_week, first), (last_week, last) = series[0], series[-1]
    if len(series) == 1:
        return f"{answered}; PEG score {first:.1f} in the week of {first_week:%-d %b %Y}."
    return (
        f"{answered}, {len(series)} with a score: {first:.1f} in the week of "
        f"{first_week:%-d %b %Y} and {last:.1f} in the week of {last_week:%-d %b %Y}."
    )


@dataclass(frozen=True)
class PegText:
    summary: str
    rows: list[list[str]]
    explained: str = PEG_EXPLAINED


def peg_text(rows: Sequence[PegRow]) -> PegText:
    return PegText(summary=describe_peg(rows), rows=peg_rows(rows))


# --- randomised self-experiment ----------------------------------------------------------

EXPERIMENT_ASKS = (
    "On practise days, do the routine (all the foot exercises). On rest days, do no "
    "exercises at all. Rate your pain every day, especially the area you choose, and tick "
    "what you did. Chance chooses the days: half of every two weeks are practise days."
)
EXPERIMENT_WHY = (
    "Comparing days you chose to practise with days you did not cannot tell whether the "
    "exercises help: people practise more on bad days, in streaks, or while pain is easing "
    "anyway. When chance chooses the days, nothing but the exercises differs between them."
)
EXPERIMENT_ONLY_TODAY = "You see each day's assignment on that day only, so it cannot sway you."
EXPERIMENT_ALREADY_OPEN = (
    "You already have an experiment running. Finish or stop it before starting another."
)
EXPERIMENT_STOP_WARNING = (
    "Stopping ends the experiment today. Its result will say it is incomplete, and you "
    "cannot restart it."
)
EXPERIMENT_AS_DONE_CAPTION = (
    "Secondary and observational: by what you actually did. You chose when to follow the "
    "schedule, so this comparison is not protected by chance and has no interval."
)
EXPERIMENT_SECONDARY_CAPTION = (
    "Secondary: the other areas, by the same schedule. You did not choose them in advance, so "
    "read a clear result here as a hint to test, not as a finding."
)
EXPERIMENT_METHOD = (
    "Each day's assignment is paired with the pain you rated the next day, whatever you "
    "actually did (days without a rating the next day are left out). The 95% interval and "
    "the p-value come from re-drawing the schedule the way the app drew it: they assume "
    "nothing about how pain goes from day to day, only that the exercises shift next-day "
    "pain by the same amount on every day."
)


def assignment_name(practise: bool) -> str:
    return "Practise" if practise else "Rest day"


def assignment_heading(practise: bool, is_today: bool) -> str:
    what = "practise" if practise else "rest day"
    return f"{'Today' if is_today else 'This day'}: {what}"


def assignment_instruction(practise: bool) -> str:
    if practise:
        return "Do the routine today and tick the exercises you did."
    return "Do no exercises today. Rate your pain as usual."


def experiment_day_text(day_number: int, days: int, area_label: str) -> str:
    return f"Day {day_number} of {days} of your {area_label.lower()} experiment."


def _points(value: float) -> str:
    shown = f"{abs(value):.1f}"
    return f"{shown} point{'' if shown == '1.0' else 's'}"


def _direction(value: float) -> str:
    return "lower" if value < 0 else "higher"


def _interval_span(low: float, high: float) -> str:
    """The interval in the words of its direction, without minus signs."""
    if high < 0:
        return f"{-high:.1f} to {-low:.1f} points lower"
    if low > 0:
        return f"{low:.1f} to {high:.1f} points higher"
    return f"from {_points(low)} lower to {_points(high)} higher"


def p_value_text(p: float) -> str:
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}"


def randomisation_text(test: RandomisationResult) -> str:
    p = p_value_text(test.p_value)
    if test.exact:
        return f"Randomisation test: {p}, over all {test.schedules:,} schedules the design allows."
    return (
        f"Randomisation test: {p}, against {test.schedules - 1:,} schedules re-drawn the same way."
    )


def experiment_status_text(result: ExperimentResult) -> str:
    if result.status == "stopped":
        return (
            f"Stopped early after {result.days_counted} of {result.days_planned} days, so "
            "this result is incomplete."
        )
    if result.status == "interim" and result.days_counted == 0:
        return "The experiment has not started yet."
    if result.status == "interim":
        return (
            f"Interim result after {result.days_counted} of {result.days_planned} days. "
            "Results part-way through swing more than the final one: wait for the end "
            "before deciding."
        )
    return f"Complete: all {result.days_planned} days."


def _too_few(area: AreaResult, area_label: str) -> str:
    needs = []
    if area.practise_days_needed:
        needs.append(f"{area.practise_days_needed} more after practise days")
    if area.rest_days_needed:
        needs.append(f"{area.rest_days_needed} more after rest days")
    return (
        f"Not enough {area_label.lower()} ratings yet for a result: it needs the next day "
        f"rated on {' and '.join(needs)}."
    )


def experiment_area_text(area: AreaResult, area_label: str, lead: str = "") -> str:
    """One area's comparison by the schedule, with its interval and n, never overstated."""
    sentence = _experiment_area_sentence(area, area_label, lead)
    return sentence[0].upper() + sentence[1:]


def _experiment_area_sentence(area: AreaResult, area_label: str, lead: str) -> str:
    test = area.test
    if test is None:
        return _too_few(area, area_label)
    days = f"{test.n_treated} and {test.n_control} days"
    label = area_label.lower()
    if test.low is None or test.high is None:
        return (
            f"{lead}{label} pain was {_points(test.difference)} {_direction(test.difference)} "
            f"the day after practise days ({days}), but the data are too few to bound the "
            "difference: they cannot tell whether the exercises changed it."
        )
    if abs(test.difference) < 0.05:
        head = f"{lead}{label} pain was the same the day after practise and rest days"
    else:
        head = (
            f"{lead}{label} pain was {_points(test.difference)} {_direction(test.difference)} "
            "the day after practise days"
        )
    if area.includes_zero:
        return (
            f"{head}, but the data fit anything {_interval_span(test.low, test.high)} "
            f"(95% interval; {days}), including no difference: they cannot tell whether the "
            f"exercises changed your {label} pain."
        )
    return f"{head} (95% interval {_interval_span(test.low, test.high)}; {days})."


def experiment_verdict(result: ExperimentResult, area_label: str) -> str:
    """The plain verdict on the primary area: what the data support, and no more."""
    primary = result.primary
    lead = (
        f"In your {result.weeks}-week experiment, " if result.status == "complete" else "So far, "
    )
    sentence = experiment_area_text(primary, area_label, lead)
    if primary.test is None or primary.includes_zero:
        return sentence
    label = area_label.lower()
    helped = primary.test.difference < 0
    effect = "the exercises helped you" if helped else f"the exercises made your {label} pain worse"
    if result.status == "complete":
        advice = "" if helped else " Talk to your clinician about it."
        why = (
            f" Because chance chose the days, this is good evidence that {effect} over these "
            f"weeks.{advice}"
        )
    elif result.status == "stopped":
        why = (
            " Because the experiment was stopped early, this is weaker evidence than planned, "
            "and it can mislead if you stopped because of how it was going."
        )
    else:
        why = " This is an interim look: it is not yet evidence either way."
    return sentence + why


def as_done_text(result: AsDone, area_label: str) -> str:
    label = area_label.lower()
    if result.difference is None:
        return (
            f"By what you actually did: not enough days yet to compare {label} pain after "
            "days with and without exercises."
        )
    if abs(result.difference) < 0.05:
        comparison = "the same"
    else:
        comparison = f"{_points(result.difference)} {_direction(result.difference)}"
    return (
        f"By what you actually did: {label} pain the day after days with exercises was "
        f"{comparison} than after days without ({result.practised_n} and "
        f"{result.rested_n} days). This is an association, not evidence that the exercises "
        "caused it."
    )


def experiment_adherence_text(adherence: ExperimentAdherence) -> str:
    def share(done: int, of: int, what: str) -> str:
        return f"{what} on {done} of {of} {'day' if of == 1 else 'days'}"

    if adherence.practise_days + adherence.rest_days == 0:
        return "No days of the experiment have passed yet."
    text = (
        f"You {share(adherence.practised, adherence.practise_days, 'practised')} assigned to "
        f"practise and {share(adherence.rested, adherence.rest_days, 'rested')} assigned to "
        "rest"
    )
    if adherence.not_logged:
        day_word = "day was" if adherence.not_logged == 1 else "days were"
        text += f"; {adherence.not_logged} {day_word} not logged"
    return text + "."
