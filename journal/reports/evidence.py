"""What the doctor's page accepts from other parts of the app, as plain numbers.

The randomised experiment and the weekly PEG check-in are computed elsewhere; they reach the
page in these shapes, and the observational comparison is turned into an ``Estimate`` too,
so both kinds of evidence read the same way.
"""

import datetime
from dataclasses import dataclass

from journal.analysis.experiment import AreaResult
from journal.analysis.nextday import Comparison


@dataclass(frozen=True)
class Estimate:
    """One area's difference in next-day pain, practice minus no practice, with its interval."""

    area: str
    difference: float | None  # points; below 0 is less pain after practice
    low: float | None
    high: float | None
    n_practice: int  # days (or runs of days) with practice
    n_rest: int

    @classmethod
    def observed(cls, comparison: Comparison) -> "Estimate":
        """The regression's estimate, counted in runs of three logged days."""
        return cls(
            area=comparison.area,
            difference=comparison.estimate,
            low=comparison.low,
            high=comparison.high,
            n_practice=comparison.practice_runs,
            n_rest=comparison.rest_runs,
        )

    @classmethod
    def randomised(cls, result: AreaResult) -> "Estimate":
        """An experiment's area, assigned practise days against assigned rest days."""
        test = result.test
        return cls(
            area=result.area,
            difference=None if test is None else test.difference,
            low=None if test is None else test.low,
            high=None if test is None else test.high,
            n_practice=result.practise_n,
            n_rest=result.rest_n,
        )


@dataclass(frozen=True)
class PegScore:
    """A weekly PEG score (Krebs et al. 2009): the mean of its three items, from 0 to 10."""

    week: datetime.date
    score: float
