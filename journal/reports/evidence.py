"""What the doctor's page accepts from other parts of the app, as plain numbers.

The randomised experiment and the weekly PEG check-in are computed elsewhere; they reach the
page in these shapes, and the observational comparison is turned into an ``Estimate`` too,
so both kinds of evidence read the same way.
"""

import datetime
from dataclasses import dataclass

from .analysis import Comparison


@dataclass(frozen=True)
class Estimate:
    """One area's difference in next-day pain, practice minus no practice, with its interval."""

    area: str
    difference: float | None  # points; below 0 is less pain after practice
    low: float | None
    high: float | None
    n_practice: int
    n_rest: int
    practice_mean: float | None = None
    rest_mean: float | None = None

    @classmethod
    def observed(cls, comparison: Comparison) -> "Estimate":
        return cls(
            area=comparison.area,
            difference=comparison.difference,
            low=comparison.low,
            high=comparison.high,
            n_practice=comparison.after_practice.n,
            n_rest=comparison.after_rest.n,
            practice_mean=comparison.after_practice.mean,
            rest_mean=comparison.after_rest.mean,
        )


@dataclass(frozen=True)
class PegScore:
    """A weekly PEG score (Krebs et al. 2009): the mean of its three items, from 0 to 10."""

    week: datetime.date
    score: float
