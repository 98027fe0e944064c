"""The doctor's report in words: the PDF and the page a clinician opens from a share link.

Written for a clinician: third person, short, with n and intervals.
"""

import datetime

from footcare.vocabulary import AREA_LABELS, AREAS
from journal.analysis.report import CHANGE_WINDOW, Change, Report, Week
from journal.reports.evidence import Estimate

from .common import (
    MIN_PERCENT_BASE,
    AreaRow,
    TableRow,
    adherence_table,
    cell,
    days,
    points,
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


def pdf_evidence_row(e: Estimate) -> TableRow:
    """One area's row: the counts, the difference with its interval, and how to read it."""
    counts = (str(e.n_practice), str(e.n_rest))
    if e.difference is None or e.low is None or e.high is None:
        return TableRow(AREA_LABELS[e.area], (*counts, "–", "Cannot tell yet (too few days)"))
    interval = f"{signed(e.difference)} ({signed(e.low)} to {signed(e.high)})"
    if e.low <= 0 <= e.high:
        return TableRow(AREA_LABELS[e.area], (*counts, interval, "No clear difference"))
    reading = f"{points(e.difference)} after exercise"
    return TableRow(AREA_LABELS[e.area], (*counts, interval, reading))


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
