"""Words and numbers every audience of the reports shares: days, points, intervals, cells.

``journal.analysis`` computes numbers only; the modules of this package are where they
become words, one per audience: ``page`` (the person's Reports page), ``charts`` (the
charts' titles and labels), ``doctor`` (the clinician's PDF and page), ``checkin`` (the
weekly PEG table). The experiment's pages have their own, ``journal.experiment.wording``.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass

from footcare.vocabulary import AREAS
from journal.analysis.report import ROLLING_DAYS, ROLLING_WEEKS, ExerciseAdherence, Report, Trend


@dataclass(frozen=True)
class TableRow:
    """One row of a table: what it is about (its first cell, a row heading) and its values
    in the header's order. A row with no values heads the rows under it (the PDF sets it
    across the table)."""

    heading: str
    values: tuple[str, ...] = ()

    @property
    def cells(self) -> list[str]:
        return [self.heading, *self.values]


@dataclass(frozen=True)
class AreaRow:
    """A table row with one value per area, keyed by area, and the values that follow the
    areas' columns; ``values`` lists them in the columns' order (the vocabulary's areas)."""

    heading: str
    by_area: dict[str, str]
    after: tuple[str, ...] = ()

    @property
    def values(self) -> tuple[str, ...]:
        return (*(self.by_area[area] for area in AREAS), *self.after)

    @property
    def cells(self) -> list[str]:
        return [self.heading, *self.values]


NO_DATA = "No days logged in this range yet"
NOT_ENOUGH = "can't tell yet"
# The assumption behind every next-day sentence, in plain words.
ASSUMPTION = "assuming pain carries over a day or two, not longer"
# Below this starting mean a percentage change overstates a small change in points.
MIN_PERCENT_BASE = 3.0


def days(n: int) -> str:
    return f"{n} day{'' if n == 1 else 's'}"


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


def signed(value: float) -> str:
    # Rounded first, so a value that prints as zero is "0.0", never "-0.0" or "+0.0".
    rounded = round(value, 1)
    return "0.0" if rounded == 0.0 else f"{rounded:+.1f}"


def cell(value: float, decimals: int) -> str:
    return "–" if math.isnan(value) else f"{value:.{decimals}f}"


def share_text(exercise: ExerciseAdherence) -> str:
    return "–" if exercise.share is None else f"{exercise.share:.0%}"


def smooth_label(trend: Trend) -> str:
    return f"{ROLLING_WEEKS}-week mean" if trend.weekly else f"{ROLLING_DAYS}-day mean"


def adherence_table(report: Report, streak: Callable[[int], str]) -> list[TableRow]:
    """Each exercise, then any exercise: days done, share of logged days and streaks."""
    return [
        TableRow(
            e.name,
            (
                f"{e.days_done} of {e.logged_days}",
                share_text(e),
                streak(e.streaks.current),
                streak(e.streaks.longest),
            ),
        )
        for e in report.adherence_rows
    ]
