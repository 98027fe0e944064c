"""The plain rows every analysis starts from: a logged day, and a week's PEG answers.

``journal.rows`` reads them from the database; tests and the simulations build them directly.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class DayRow:
    day: datetime.date
    ratings: dict[str, int | None]
    exercises: frozenset[str]
    # The factors of the day ticked (their names), when the reader asked for them.
    factors: frozenset[str] = frozenset()

    @property
    def practised(self) -> bool:
        return bool(self.exercises)


@dataclass(frozen=True)
class PegRow:
    """One week's PEG answers; ``week`` is the Monday that starts the ISO week."""

    week: datetime.date
    pain: int | None
    enjoyment: int | None
    activity: int | None

    @property
    def score(self) -> float | None:
        return peg_score(self.pain, self.enjoyment, self.activity)


def peg_score(pain: int | None, enjoyment: int | None, activity: int | None) -> float | None:
    """The PEG score (Krebs et al. 2009): the mean of the three 0-10 items.

    None unless all three are answered: an unanswered item is not 0, and we found no
    published rule for scoring a partial PEG.
    """
    items = (pain, enjoyment, activity)
    if any(item is None for item in items):
        return None
    return sum(items) / 3


def peg_series(rows: Iterable[PegRow]) -> list[tuple[datetime.date, float]]:
    """(week's Monday, score) for every fully answered week, oldest first.

    Weeks without a check-in or with an unanswered item are left out, so a chart draws a
    gap there rather than a 0.
    """
    scored = ((row.week, row.score) for row in rows)
    return sorted((week, score) for week, score in scored if score is not None)
