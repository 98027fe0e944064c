"""The weekly PEG check-in as the reports show it: a summary and a table of the weeks."""

from collections.abc import Sequence
from dataclasses import dataclass

from footcare.vocabulary import PEG_ITEMS
from journal.analysis.rows import PegRow, peg_series

from .common import TableRow

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


def peg_rows(rows: Sequence[PegRow]) -> list[TableRow]:
    return [
        TableRow(
            f"{row.week:%-d %b %Y}",
            (
                *(_item(getattr(row, item)) for item in PEG_ITEMS),
                "–" if row.score is None else f"{row.score:.1f}",
            ),
        )
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
    rows: list[TableRow]
    explained: str = PEG_EXPLAINED


def peg_text(rows: Sequence[PegRow]) -> PegText:
    return PegText(summary=describe_peg(rows), rows=peg_rows(rows))
