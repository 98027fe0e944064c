"""The doctor's report in words: the PDF and the page a clinician opens from a share link.

Written for a clinician: third person, short, with n and intervals.
"""

import datetime

from footcare.vocabulary import AREA_LABELS, AREAS
from journal.analysis.nextday import Rung
from journal.analysis.report import CHANGE_WINDOW, Change, Report, Week
from journal.reports.evidence import Estimate, PegScore

from .common import (
    MIN_PERCENT_BASE,
    AreaRow,
    TableRow,
    adherence_table,
    cell,
    days,
    percent,
    signed,
)

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
PDF_EVIDENCE_TITLE = "Next-day pain after the whole routine and after no exercise"
PDF_EVIDENCE_HEADER = [
    "Area",
    "n routine",
    "n none",
    "Difference (95% CI)",
    "Reading",
]
PDF_EXPERIMENT_ROWS = "Randomised self-experiment, effect of the plan (unblinded, self-rated)"
PDF_OBSERVED_ROWS = (
    "Observational: the patient chose when to exercise; n in runs of three logged days"
)
PDF_PEG_HEADER = ["Latest PEG", "Week of"]
PDF_ADHERENCE_TITLE = "Adherence per exercise"
PDF_ADHERENCE_HEADER = ["Exercise", "Days done", "Share", "Streak now", "Longest"]
PDF_METHOD_TITLE = "Method and limitations"
PDF_METHOD = [
    "A diary summary, not a diagnosis. Self-reported 0–10 ratings (unrated: missing, not "
    "0); the scale stops at 0 and 10, so near either end a change shows smaller. "
    "Observational rows: the patient chose when to exercise, so other causes are possible. "
    "Randomised rows rule out habit and the pain's course, not expectation (unblinded, "
    "self-rated); this patient, those weeks.",
    "Difference: next-day pain after the whole routine minus after none (part days apart), "
    "adjusted for pain on the two days before, the routine two days before, weekday and "
    "trend; the 95% CI covers the fits as rated and allowing for rounding (a little wider "
    "where many ratings are 0 or 10). Assumes pain "
    "carries over a day or two and nothing else changed (medicine, weather). Probably: "
    "p ≤ 0.05; clearly: p ≤ 0.005; main area first, then Holm.",
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
    return f"{text} ({abs(difference):.1f}, {percent(abs(difference), first)}% {word})"


def pdf_area_rows(report: Report) -> list[TableRow]:
    rows = []
    for change in report.changes:
        rated = [
            r.ratings[change.area] for r in report.rows if r.ratings.get(change.area) is not None
        ]
        mean = f"{sum(rated) / len(rated):.1f}" if rated else "–"
        values = (mean, _change_cell(change), str(len(rated)))
        rows.append(TableRow(AREA_LABELS[change.area], values))
    return rows


READINGS = {
    Rung.CLEARLY_LOWER: "Clearly lower",
    Rung.PROBABLY_LOWER: "Probably lower",
    Rung.ABOUT_THE_SAME: "About the same (±0.5)",
    Rung.CANT_TELL: "Cannot tell yet",
    Rung.PROBABLY_HIGHER: "Probably higher",
    Rung.CLEARLY_HIGHER: "Clearly higher",
    Rung.TOO_LITTLE: "Cannot tell yet (too few days)",
}


def pdf_evidence_row(e: Estimate) -> TableRow:
    """One area's row: the counts, the difference with its interval, and how to read it,
    always with what kind of evidence it is."""
    counts = (str(e.n_practice), str(e.n_rest))
    kind = "randomised" if e.randomised else "observational"
    reading = f"{READINGS[e.rung]} ({kind})"
    if e.difference is None or e.low is None or e.high is None:
        return TableRow(AREA_LABELS[e.area], (*counts, "–", reading))
    interval = f"{signed(e.difference)} ({signed(e.low)} to {signed(e.high)})"
    return TableRow(AREA_LABELS[e.area], (*counts, interval, reading))


def latest_peg(scores: list[PegScore]) -> TableRow | None:
    """The latest PEG score and its week, as numbers beside the small chart."""
    if not scores:
        return None
    last = max(scores, key=lambda s: s.week)
    return TableRow(f"{last.score:.1f}", (f"{last.week:%-d %b %Y}",))


def pdf_more_exercises(left_out: int) -> str:
    return f"… and {left_out} more exercise{'' if left_out == 1 else 's'}, listed in the app"


def pdf_adherence_rows(report: Report) -> list[TableRow]:
    return adherence_table(report, streak=days)


def weekly_rows(weeks: list[Week]) -> list[AreaRow]:
    return [
        AreaRow(
            f"{week.start:%-d %b %Y}",
            {area: cell(week.means[area], 1) for area in AREAS},
            (str(week.logged_days),),
        )
        for week in weeks
    ]
