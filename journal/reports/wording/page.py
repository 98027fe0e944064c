"""Every sentence, caption, alt text and table row of the person's Reports page, composed
from a Report, so "where does this sentence come from" has one answer."""

import math
from dataclasses import dataclass, field

from footcare.vocabulary import AREA_LABELS, AREAS
from journal.analysis.nextday import PART, AreaFit, Mean, NextDayMeans, Rung
from journal.analysis.report import (
    CHANGE_WINDOW,
    Adherence,
    Change,
    Report,
    Trend,
)

from .common import (
    MIN_PERCENT_BASE,
    NOT_ENOUGH,
    SCALE_ENDS,
    AreaRow,
    TableRow,
    adherence_table,
    cell,
    days,
    interval_text,
    percent,
    points,
    range_text,
    share_text,
    signed,
    size_text,
    smooth_label,
)
from .factors import medicine_caveat

METHOD = (
    "How it is worked out: for each area, your pain on the day after a day with your whole "
    "routine is compared with your pain on the day after a day with no exercise, over runs "
    "of three logged days in a row. The comparison allows for your pain on that day and the "
    "day before (and your other areas' pain that day), for the routine the day before, for "
    "the day of the week and for a slow trend over the range (it may bend every two "
    "months). Your ratings are whole numbers, so it is worked out twice, taking each rating "
    "as written and allowing for its rounding, and the interval covers both. Where many "
    "ratings are 0 or 10 it is a little wider still: there the scale hides part of how you "
    "felt."
)
ASSUMPTIONS = (
    "What it assumes: that pain carries over a day or two, not longer; that whether you log "
    "a day does not depend on how that very day went; and that nothing else changed with "
    "your routine (a new medicine, the weather, a busy week). Allowing for all this narrows "
    "what else could explain a difference but cannot rule it out: these are days you chose, "
    "so they show what goes together, not what causes what. An experiment, with days chosen "
    "by chance, can tell more."
)
INTERVALS = (
    "A 95% interval is worked out so that, in simulated diaries like yours, it holds the true "
    "difference about 95 times in 100; it can still miss. The words follow the same numbers: "
    "“clearly” when a difference this large would turn up by chance in at most 1 journal in "
    "200 without one, “probably” at most 1 in 20, for all three areas together; “about the "
    "same” when the whole 95% interval lies within half a point either way; otherwise “can't "
    "tell yet”."
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
        "For each area, how much higher or lower next-day pain was after a day with your "
        "whole routine than after a day with no exercise, allowing for how the pain was going, "
        "with its 95% interval and the number of runs of three logged days. An interval that "
        "crosses 0 includes no difference."
    ),
    "adherence": (
        "Green: done; white: logged but not done; grey: not logged. Past a year, each column "
        "is a week shaded by the share of its logged days."
    ),
    "adherence_table": "Days each exercise was done, out of the days logged in this range.",
    "comparison_table": (
        "Next-day pain after a day with your whole routine minus after a day with no "
        "exercise, allowing for how the pain was going; below 0 means less pain after the "
        "routine. Runs are three logged days in a row with the area rated on each; runs with "
        "part of the routine on the middle day are counted apart."
    ),
}


# --- the next-day comparison: one sentence per area, then "How sure is this?" ---------------

HEADING_PRACTICE = "your whole routine"


def _weeks(days_needed: int) -> str:
    weeks = max(1, math.ceil(days_needed / 7))
    return f"About {weeks} more week{'' if weeks == 1 else 's'}"


def rated_days(report: Report, area: str) -> int:
    return sum(1 for row in report.rows if row.ratings.get(area) is not None)


def area_sentence(report: Report, area: str) -> str:
    """The one plain sentence the page leads with for an area: the rung of the ladder."""
    if not rated_days(report, area):
        return f"{AREA_LABELS[area]}: not rated in this range."
    return verdict_sentence(report.fits[area], report.verdicts[area].rung)


def verdict_sentence(fit: AreaFit, rung: Rung) -> str:
    """An area's sentence from its fit and rung (``make validate`` reads these words)."""
    area = fit.area
    label = AREA_LABELS[area]
    if fit.problem == "tied":
        return (
            f"{label}: can't tell yet. Your routine came on the same days as the day before's "
            "(every day, or every other day), so the two cannot be told apart."
        )
    if fit.problem == "flat":
        return f"{label}: can't tell. Your {area} pain hardly changed from day to day."
    if rung is Rung.TOO_LITTLE:
        return (
            f"{label}: {_weeks(fit.days_needed).lower()} of daily ratings, with and without "
            "your routine, before this can say anything."
        )
    assert fit.estimate is not None
    size = size_text(fit.estimate)
    after = f"the day after {HEADING_PRACTICE}"
    if rung is Rung.CLEARLY_LOWER:
        return f"{label}: clearly less pain {after} ({size} lower)."
    if rung is Rung.PROBABLY_LOWER:
        return f"{label}: probably less pain {after} ({size} lower)."
    if rung is Rung.CLEARLY_HIGHER:
        return f"{label}: clearly more pain {after} ({size} higher)."
    if rung is Rung.PROBABLY_HIGHER:
        return f"{label}: probably more pain {after} ({size} higher)."
    if rung is Rung.ABOUT_THE_SAME:
        return (
            f"{label}: about the same pain {after} as after a day without exercise (within "
            "half a point)."
        )
    return f"{label}: can't tell yet whether pain is different {after}."


def comparison_sentences(report: Report) -> list[str]:
    return [area_sentence(report, area) for area in AREAS]


def practice_definition(report: Report) -> str:
    """What "your routine" means here, and what happens to the days with part of it."""
    days_done = report.practice_days
    names = report.routine
    if not names:
        return "There are no exercises in your routine, so there is nothing to compare."
    which = "the exercise" if len(names) == 1 else f"all {len(names)} exercises"
    text = (
        f"“Your whole routine” means {which} of your routine ({', '.join(names)}) on one day, "
        "compared with days with no exercise at all"
    )
    part = days_done[PART]
    if not part:
        return text + "."
    return (
        f"{text}; {days(part)} with only some of them {'is' if part == 1 else 'are'} counted "
        "apart, as neither."
    )


def main_area_short(report: Report) -> str:
    main = report.main_area
    why = "you chose it in Settings" if report.main_chosen else "you rate it most"
    return (
        f"Your {main} is the main area ({why}); the other areas need stronger evidence. "
        "These are days you chose, so they show what goes together, not what causes what."
    )


EMPTY = (
    "Nothing is logged in this range yet. Your reports start with your first rated day: the "
    "chart of your pain appears from that day, and the comparison of days with and without "
    "your routine after about five weeks of daily ratings. Rate today, or choose a longer "
    "range."
)


def main_area_text(report: Report) -> str:
    """Which area is decided first, why, and why the others need more evidence."""
    main = report.main_area
    others = " and ".join(AREA_LABELS[a].lower() for a in AREAS if a != main)
    why = "you chose it in Settings" if report.main_chosen else "you rate it most"
    return (
        f"Your {main} is the main area ({why}). The {others} are judged only when the {main} "
        "shows a difference, and need stronger evidence: with three areas, one of them would "
        "otherwise look different by chance three times as often."
    )


def area_details(report: Report, area: str) -> str:
    """The numbers behind one area's sentence, for "How sure is this?"."""
    label = AREA_LABELS[area]
    fit, verdict = report.fits[area], report.verdicts[area]
    runs = (
        f"{fit.runs} runs of three logged days: {fit.whole_runs} with your whole routine on "
        f"the middle day, {fit.none_runs} with no exercise"
        + (f", {fit.part_runs} with part of it" if fit.part_runs else "")
    )
    interval = fit.interval()
    if fit.fits is None or fit.estimate is None or interval is None:
        return f"{label}: no interval yet ({runs})."
    written, rounding = fit.fits.as_written.estimate, fit.fits.rounding.estimate
    text = (
        f"{label}: {points(fit.estimate)} ({interval_text(*interval)}; taking the ratings as "
        f"written {signed(written)}, allowing for rounding {signed(rounding)}), {p_text(fit)}; "
        f"{runs}."
    )
    if verdict.held_back == "main":
        text += (
            f" On its own this would read as a difference; it is not counted because your main "
            f"area, the {report.main_area}, shows none."
        )
    elif verdict.held_back == "holm":
        text += (
            " On its own this would read as a difference; it falls short of the stronger "
            "evidence an area that is not the main one needs."
        )
    return text


def p_text(fit: AreaFit) -> str:
    p = fit.p_value()
    return "p < 0.001" if p < 0.001 else f"p = {math.ceil(p * 1000) / 1000:.3f}"


def comparison_details(report: Report) -> list[str]:
    return [area_details(report, area) for area in AREAS if rated_days(report, area)]


def estimate_cells(fit: AreaFit) -> tuple[str, str]:
    """Estimate and interval for a table, or why there is none."""
    interval = fit.interval()
    if fit.estimate is None or interval is None:
        return (NOT_ENOUGH, "–")
    return (signed(fit.estimate), f"{signed(interval[0])} to {signed(interval[1])}")


def comparison_rows(report: Report) -> list[TableRow]:
    return [
        TableRow(
            AREA_LABELS[area],
            (
                f"{fit.runs} ({fit.whole_runs} whole routine, {fit.none_runs} none"
                + (f", {fit.part_runs} part" if fit.part_runs else "")
                + ")",
                *estimate_cells(fit),
                report.verdicts[area].rung.value,
            ),
        )
        for area, fit in report.fits.items()
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
    for area, fit in report.fits.items():
        interval = fit.interval()
        if fit.estimate is not None and interval is not None:
            parts.append(
                f"{area}: {points(fit.estimate)} ({range_text(*interval)}; {fit.runs} runs)"
            )
        else:
            parts.append(f"{area}: {NOT_ENOUGH} ({fit.runs} runs)")
    return (
        "Practice against pain: next-day pain after a day with your whole routine compared "
        "with after a day with no exercise, allowing for how the pain was going, with 95% "
        "intervals: " + "; ".join(parts) + "."
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
    return f"{text}: {amount} ({percent(size, first)}%) {word}."


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
    comparisons: list[str]  # one plain sentence per area, the page's lead
    practice_definition: str
    main_area: str
    main_area_short: str
    comparison_details: list[str]  # the numbers behind each sentence
    comparison_rows: list[TableRow]
    next_day_means_rows: list[TableRow]
    changes: list[str]
    adherence: str
    adherence_rows: list[TableRow]
    method_notes: list[str]  # how it is worked out, what it assumes, what the words mean
    captions: dict[str, str] = field(default_factory=lambda: dict(CAPTIONS))
    change_caveat: str = CHANGE_CAVEAT
    exercise_means_caption: str = EXERCISE_MEANS_CAPTION
    empty: str = EMPTY


def method_notes(report: Report) -> list[str]:
    """The paragraphs of "How sure is this?" after the numbers, in reading order. A note
    about something that changed in the range (a new medicine, say) belongs here, after the
    assumptions it qualifies."""
    medicines = medicine_caveat(report)
    return [INTERVALS, METHOD, ASSUMPTIONS, *([medicines] if medicines else []), SCALE_ENDS]


def report_text(report: Report) -> ReportText:
    return ReportText(
        trend=describe_trend(report),
        trend_table=trend_table(report),
        trend_table_caption=trend_table_caption(report.trend),
        practice_alt=practice_alt(report),
        comparisons=comparison_sentences(report),
        practice_definition=practice_definition(report),
        main_area=main_area_text(report),
        main_area_short=main_area_short(report),
        comparison_details=comparison_details(report),
        method_notes=method_notes(report),
        comparison_rows=comparison_rows(report),
        next_day_means_rows=next_day_means_rows(report),
        changes=change_sentences(report),
        adherence=describe_adherence(report.adherence),
        adherence_rows=adherence_rows(report),
    )
