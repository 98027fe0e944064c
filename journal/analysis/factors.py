"""Factors of the day and medicine changes in a range: numbers only, from plain rows.

The factor table is descriptive, like the per-exercise next-day means: plain means of the
pain on days with and without a factor, and of the next day's, with the number of days. No
interval and no verdict: a factor is not assigned at random, factors come together (a
flare-up and pain medicine), the means are not adjusted for how the pain was going, and
with many factors and three areas some differences appear by chance.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from footcare.vocabulary import AREAS
from journal.analysis.nextday import Mean
from journal.analysis.rows import DayRow


@dataclass(frozen=True)
class MedicineEventRow:
    """One dated change of a medicine, as the charts and the reports read it."""

    medicine: str
    day: datetime.date
    kind: str  # footcare.vocabulary.MEDICINE_EVENT_KEYS
    dose: str = ""
    how_often: str = ""


@dataclass(frozen=True)
class FactorMeans:
    factor: str
    area: str
    with_factor: Mean  # the day's pain on logged days the factor was ticked
    without: Mean  # ... on logged days it was not
    next_with: Mean  # the next day's pain after a day the factor was ticked
    next_without: Mean  # ... after a logged day it was not


def _mean(values: list[float]) -> Mean:
    return Mean(len(values), sum(values) / len(values) if values else None)


def factor_means(rows: Sequence[DayRow], factors: Sequence[str]) -> list[FactorMeans]:
    """For each factor ticked in ``rows``, in the order of ``factors``, and each area."""
    by_day = {row.day: row for row in rows}
    one_day = datetime.timedelta(days=1)
    ticked = set().union(*(row.factors for row in rows)) if rows else set()
    result = []
    for factor in (name for name in factors if name in ticked):
        for area in AREAS:
            same: dict[bool, list[float]] = {True: [], False: []}
            following: dict[bool, list[float]] = {True: [], False: []}
            for row in rows:
                had = factor in row.factors
                if (rating := row.ratings.get(area)) is not None:
                    same[had].append(float(rating))
                after = by_day.get(row.day + one_day)
                if after is not None and (rating := after.ratings.get(area)) is not None:
                    following[had].append(float(rating))
            result.append(
                FactorMeans(
                    factor,
                    area,
                    _mean(same[True]),
                    _mean(same[False]),
                    _mean(following[True]),
                    _mean(following[False]),
                )
            )
    return result


def factor_days(rows: Sequence[DayRow], factors: Sequence[str]) -> list[tuple[str, int]]:
    """(factor, days it was ticked) for each factor ticked at least once, in list order."""
    counts = {name: 0 for name in factors}
    for row in rows:
        for name in row.factors:
            if name in counts:
                counts[name] += 1
    return [(name, count) for name, count in counts.items() if count]
