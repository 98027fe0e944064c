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
from .experiment import AreaResult, AsDone, ExperimentAdherence, ExperimentResult
from .stats import RandomisationResult

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


def experiment_area_text(area: AreaResult, area_label: str, lead: str) -> str:
    """One area's comparison by the schedule, with its interval and n, never overstated."""
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
        return sentence[0].upper() + sentence[1:]
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
    return sentence[0].upper() + sentence[1:] + why


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
