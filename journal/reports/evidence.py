"""What the doctor's page accepts from other parts of the app, as plain numbers.

The randomised experiment and the weekly PEG check-in are computed elsewhere; they reach the
page in these shapes, and the observational comparison is turned into an ``Estimate`` too,
so both kinds of evidence read the same way.
"""

import datetime
from dataclasses import dataclass

from footcare.vocabulary import AREAS
from journal.analysis.experiment import AreaResult
from journal.analysis.nextday import AreaFit, Rung
from journal.analysis.report import Report


@dataclass(frozen=True)
class Estimate:
    """One area's difference in next-day pain, practice minus no practice, with its interval."""

    area: str
    difference: float | None  # points; below 0 is less pain after practice
    low: float | None
    high: float | None
    n_practice: int  # days (or runs of days) with practice
    n_rest: int
    rung: Rung  # what may be said of it, decided across the areas
    randomised: bool

    @classmethod
    def observed(cls, fit: AreaFit, rung: Rung) -> "Estimate":
        """The next-day comparison of the Reports, counted in runs of three logged days:
        the whole routine on the middle day against no exercise."""
        interval = fit.interval()
        return cls(
            area=fit.area,
            difference=fit.estimate,
            low=None if interval is None else interval[0],
            high=None if interval is None else interval[1],
            n_practice=fit.whole_runs,
            n_rest=fit.none_runs,
            rung=rung,
            randomised=False,
        )

    @classmethod
    def from_experiment(cls, result: AreaResult, rung: Rung) -> "Estimate":
        """An experiment's area, assigned practise days against assigned rest days."""
        test = result.test
        return cls(
            area=result.area,
            difference=None if test is None else test.difference,
            low=None if test is None else test.low,
            high=None if test is None else test.high,
            n_practice=result.practise_n,
            n_rest=result.rest_n,
            rung=rung,
            randomised=True,
        )


@dataclass(frozen=True)
class PegScore:
    """A weekly PEG score (Krebs et al. 2009): the mean of its three items, from 0 to 10."""

    week: datetime.date
    score: float


def observed_estimates(report: Report) -> list[Estimate]:
    """The Reports' next-day comparison of every area, as the doctor's page reads it."""
    return [Estimate.observed(report.fits[area], report.verdicts[area].rung) for area in AREAS]
