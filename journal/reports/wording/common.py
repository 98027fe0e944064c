"""Words and numbers every audience of the reports shares: days, points, intervals, cells.

``journal.analysis`` computes numbers only; the modules of this package are where they
become words, one per audience: ``page`` (the person's Reports page), ``charts`` (the
charts' titles and labels), ``doctor`` (the clinician's PDF and page), ``checkin`` (the
weekly PEG table). The experiment's pages have their own, ``journal.experiment.wording``.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

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
# The scale's two ends, for every audience.
SCALE_ENDS = (
    "Ratings stop at 0 and 10, so near either end a real change shows up smaller than it "
    "is: from a usual pain of 1 or 2 a day cannot be rated more than a point or two lower."
)


def percent(part: float, whole: float) -> int:
    """100 * part / whole rounded half up, from the numbers as printed (one decimal):
    3.2 to 2.8 is a 12.5% drop, printed 13%, never 12% (round half to even)."""
    exact = Decimal(f"{part:.1f}") / Decimal(f"{whole:.1f}") * 100
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _decimals(value: float) -> str:
    """A size in points with one decimal, or two when one would print 0.0; below 0.005 it is
    "less than 0.01": a claimed difference never prints as "0.0"."""
    size = abs(value)
    if round(size, 1) > 0.0:
        return f"{size:.1f}"
    if round(size, 2) > 0.0:
        return f"{size:.2f}"
    return "less than 0.01"


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
    """ "from 1.2 points lower to 0.2 points higher, including no difference", or for an
    interval on one side of 0 "0.4 to 1.8 points lower" ("0.01 to 0.05 points lower" for a
    tiny one, never "0.0 to 0.0")."""
    if low <= 0.0 <= high:
        return f"from {points(low)} to {points(high)}, including no difference"
    near, far = (high, low) if high < 0 else (low, high)
    word = "lower" if high < 0 else "higher"
    near_text = _decimals(near)
    far_text = f"{abs(far):.{len(near_text.split('.')[-1]) if '.' in near_text else 2}f}"
    return f"{near_text} to {far_text} points {word}"


def size_text(value: float) -> str:
    """ "about 1.2 points", "about 0.04 points" """
    text = _decimals(value)
    return text if text.startswith("less") else f"about {text} point{'' if text == '1.0' else 's'}"


def interval_text(low: float, high: float) -> str:
    """ "95% interval: 0.4 to 1.8 points lower" """
    return f"95% interval: {range_text(low, high)}"


def signed(value: float) -> str:
    """+1.2 / -0.4 / 0.0; a value that one decimal would print as 0.0 gets two (-0.03), so a
    claimed difference is never shown as nothing. Never "-0.0" or "+0.0"."""
    for decimals in (1, 2):
        rounded = round(value, decimals)
        if rounded != 0.0:
            return f"{rounded:+.{decimals}f}"
    return "0.0"


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
