"""Every sentence, caption, alt text and table row of the Reports, composed from a Report.

``analysis`` computes numbers only; this module is the one place where they become words,
so "where does this sentence come from" has one answer. The charts and the doctor's PDF
take their titles and labels from here too.
"""

import datetime
import math
from dataclasses import dataclass

from .analysis import (
    AREA_NAMES,
    CHANGE_WINDOW,
    MIN_DAYS_PER_GROUP,
    MODERATE_DROP,
    ROLLING_DAYS,
    ROLLING_WEEKS,
    SUBSTANTIAL_DROP,
    Adherence,
    Change,
    Comparison,
    ExerciseAdherence,
    GroupSummary,
    Report,
    Trend,
    Week,
)

NO_DATA = "No days logged in this range yet"
NOT_ENOUGH = "not enough data yet"
PRACTICE_STRIP = "Exercises\ndone "
TITLES = {
    "trend": "Pain over time (0 = none, 10 = worst)",
    "practice": "Pain on the day after practice and after no practice (95% intervals)",
    "adherence": "Exercises done per logged day",
}
PRACTICE_GROUPS = {"after_practice": "After practice", "after_rest": "After no practice"}
PRACTICE_AXIS = "Mean pain next day"


def days(n: int) -> str:
    return f"{n} day{'' if n == 1 else 's'}"


# --- next-day comparison -----------------------------------------------------------------


def describe_comparison(comparison: Comparison, period: str) -> str:
    """One honest sentence: an association with its interval and n, never a cause."""
    area = comparison.area
    exercise = comparison.exercise
    what = f"you did “{exercise}”" if exercise else "you practised"
    not_what = "you did not do it" if exercise else "you did not"
    if not comparison.enough:
        needs = []
        if comparison.practice_days_needed:
            needs.append(f"{days(comparison.practice_days_needed)} more after {what}")
        if comparison.rest_days_needed:
            needs.append(f"{days(comparison.rest_days_needed)} more after days {not_what}")
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


def group_text(group: GroupSummary) -> str:
    if group.mean is None:
        return "no days"
    interval = f" ({group.low:.1f} to {group.high:.1f})" if group.low is not None else ""
    return f"{group.mean:.1f}{interval}; {days(group.n)}"


def difference_text(comparison: Comparison) -> str:
    if not comparison.enough:
        return f"not enough data yet (needs {MIN_DAYS_PER_GROUP} days in each group)"
    return f"{comparison.difference:+.1f} ({comparison.low:+.1f} to {comparison.high:+.1f})"


def comparison_sentences(report: Report) -> list[str]:
    if not report.rows:
        return ["No days logged in this range yet, so there is nothing to compare."]
    return [describe_comparison(c, report.period) for c in report.comparisons]


def comparison_rows(report: Report) -> list[list[str]]:
    return [
        [
            c.area.capitalize(),
            c.exercise or "Any",
            group_text(c.after_practice),
            group_text(c.after_rest),
            difference_text(c),
        ]
        for c in [*report.comparisons, *report.exercise_comparisons]
    ]


def practice_alt(report: Report) -> str:
    if not report.rows:
        return (
            "Practice against pain: no days logged in this range yet, so there is nothing to draw."
        )
    parts = []
    for c in report.comparisons:
        groups = [
            f"{label} {group_text(g)}"
            for label, g in (
                ("after practice", c.after_practice),
                ("after no practice", c.after_rest),
            )
        ]
        parts.append(f"{c.area}: {', '.join(groups)}")
    return "Practice against pain, mean next-day pain with 95% intervals: " + "; ".join(parts) + "."


def group_label(n: int) -> str:
    return f"n={n}"


# --- change from the start ---------------------------------------------------------------


def change_mark(change: Change) -> str:
    drop = change.relative_drop
    if drop is None:
        return "not available"
    if drop >= SUBSTANTIAL_DROP:
        return "substantial improvement (50% or more)"
    if drop >= MODERATE_DROP:
        return "moderate improvement (30% or more)"
    if drop > 0:
        return "less than the 30% of a moderate improvement"
    return "no improvement"


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
    return f"{text}: {verb} of {abs(drop):.0%}, {change_mark(change)}."


def change_sentences(report: Report) -> list[str]:
    return [describe_change(c) for c in report.changes]


# --- trend -------------------------------------------------------------------------------


def smooth_label(trend: Trend) -> str:
    return f"{ROLLING_WEEKS}-week mean" if trend.weekly else f"{ROLLING_DAYS}-day mean"


def legend_title(trend: Trend) -> str:
    return f"thick: {smooth_label(trend)}"


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
    return f"practice streak: current {streaks.current}, longest {streaks.longest} days"


def adherence_label(exercise: ExerciseAdherence) -> str:
    return f"{exercise.name} ({share_text(exercise)})"


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


def pdf_title(patient: str) -> str:
    return f"Footcare Journal: pain and practice report for {patient}"


def pdf_subtitle(report: Report, generated: datetime.date) -> str:
    return (
        f"{report.start:%-d %b %Y} to {report.end:%-d %b %Y} · "
        f"{report.logged_days} days logged · generated {generated:%-d %b %Y}. "
        "Pain is self-rated from 0 (none) to 10 (worst imaginable)."
    )


PDF_WEEKS = 10
PDF_WEEKLY_TITLE = f"Weekly means (last {PDF_WEEKS} weeks)"
PDF_WEEKLY_HEADER = ["Week from", "Back", "Hip", "Knee", "Days"]
PDF_ADHERENCE_TITLE = "Adherence"
PDF_ADHERENCE_HEADER = ["Exercise", "Days", "Share"]
PDF_EMPTY_TABLE = "No data in this range."


def pdf_adherence_rows(report: Report) -> list[list[str]]:
    return [
        [e.name[:28], f"{e.days_done}/{e.logged_days}", share_text(e)]
        for e in report.adherence_rows
    ]


def pdf_streak_line(report: Report) -> str:
    streaks = report.adherence.any_exercise.streaks
    return f"Practice streak: current {streaks.current} days, longest {streaks.longest} days."


def pdf_summary_lines(report: Report) -> list[str]:
    lines = ["Change from the start (IMMPACT: 30% drop moderate, 50% substantial)"]
    lines += [f"• {describe_change(c)}" for c in report.changes]
    lines += ["", "Next-day comparison (Welch 95% interval; an association, not proof)"]
    lines += [f"• {describe_comparison(c, report.period)}" for c in report.comparisons]
    return lines


# --- the page ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportText:
    """Everything the Reports page writes, in one object for the template."""

    trend: str
    trend_table: list[list[str]]
    practice_alt: str
    comparisons: list[str]
    comparison_rows: list[list[str]]
    changes: list[str]
    adherence: str
    adherence_rows: list[list[str]]


def report_text(report: Report) -> ReportText:
    return ReportText(
        trend=describe_trend(report),
        trend_table=trend_table(report),
        practice_alt=practice_alt(report),
        comparisons=comparison_sentences(report),
        comparison_rows=comparison_rows(report),
        changes=change_sentences(report),
        adherence=describe_adherence(report.adherence),
        adherence_rows=adherence_rows(report),
    )
