"""Every sentence, caption, alt text and table row of the person's Reports page, composed
from a Report, so "where does this sentence come from" has one answer."""

import math
from dataclasses import dataclass, field

from footcare.vocabulary import AREA_LABELS, AREAS
from journal.analysis.nextday import MIN_RUNS, MIN_RUNS_EACH, Comparison, Mean, NextDayMeans
from journal.analysis.report import (
    CHANGE_WINDOW,
    Adherence,
    Change,
    Report,
    Trend,
)

from .common import (
    ASSUMPTION,
    MIN_PERCENT_BASE,
    NOT_ENOUGH,
    AreaRow,
    TableRow,
    adherence_table,
    cell,
    days,
    interval_text,
    points,
    range_text,
    share_text,
    signed,
    smooth_label,
)

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
        f"{signed(comparison.estimate)}",
        f"{signed(comparison.low)} to {signed(comparison.high)}",
    ]


def comparison_rows(report: Report) -> list[TableRow]:
    return [
        TableRow(
            AREA_LABELS[c.area],
            (f"{c.runs} ({c.practice_runs} with practice)", *estimate_cells(c)),
        )
        for c in report.comparisons
    ]


def mean_text(mean: Mean) -> str:
    if mean.mean is None:
        return "no days"
    return f"{mean.mean:.1f}; {days(mean.n)}"


def next_day_means_rows(report: Report) -> list[TableRow]:
    rows: list[NextDayMeans] = report.next_day_means
    return [
        TableRow(
            AREA_LABELS[m.area],
            (m.exercise or "Any", mean_text(m.after_practice), mean_text(m.after_rest)),
        )
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


def describe_trend(report: Report) -> str:
    trend, rows = report.trend, report.rows
    if not rows:
        return "Pain over time: no days logged in this range yet, so there is nothing to draw."
    unit = "weekly means" if trend.weekly else "daily ratings"
    parts = []
    for area in AREAS:
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


def trend_table_caption(trend: Trend) -> str:
    if trend.weekly:
        return "Weekly means for each logged week; “–” means not rated."
    return "Daily ratings for each logged day; “–” means not rated."


def trend_table(report: Report) -> list[AreaRow]:
    trend = report.trend
    # A day's rating is a whole number; a week's is a mean.
    decimals = 1 if trend.weekly else 0
    return [
        AreaRow(
            f"{start:%-d %b %Y}",
            {area: cell(trend.values[area][i], decimals) for area in AREAS},
            (cell(trend.practice[i], decimals),),
        )
        for i, start in enumerate(trend.starts)
        if not math.isnan(trend.practice[i])
    ]


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


def adherence_rows(report: Report) -> list[TableRow]:
    return adherence_table(report, streak=str)


@dataclass(frozen=True)
class ReportText:
    """Everything the Reports page writes, in one object for the template."""

    trend: str
    trend_table: list[AreaRow]
    trend_table_caption: str
    practice_alt: str
    comparisons: list[str]
    comparison_rows: list[TableRow]
    next_day_means_rows: list[TableRow]
    changes: list[str]
    adherence: str
    adherence_rows: list[TableRow]
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
