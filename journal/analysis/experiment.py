"""The result of a randomised self-experiment: numbers only, from plain rows.

The server draws the days at the start (``draw_schedule``): within each two weeks half are
practise days and half rest days. Day D's assignment is paired with each area's rating on
D+1, whatever was actually done that day: the effect of the plan (intention to treat), and
compared with the randomisation test of ``randomisation.randomisation_test``, which re-draws
schedules from the same block design. The area chosen at the start is decided at 5%, the
other two only after it, by Holm (``stats.main_first_holm``), as on the Reports page. Only
that comparison is protected by chance; the comparison by what was actually done (the whole
routine against none, as on the Reports page) is observational and has no interval.

Days whose next day has no rating are left out. That is fair only when whether a day is
rated does not depend on its assignment (skipping ratings after rest days, say, would bias
it); the page says so.
"""

import datetime
import random
from collections.abc import Sequence
from dataclasses import dataclass

from footcare.vocabulary import AREAS
from journal.analysis.nextday import CLEARLY, NONE, PART, PROBABLY, WHOLE, Rung, practice_of
from journal.analysis.randomisation import RandomisationResult, randomisation_test
from journal.analysis.rows import DayRow
from journal.analysis.stats import main_first_holm

PRACTISE = "P"
REST = "R"
# The design. Within each block of two weeks exactly half the days are practise days, so a
# run of bad weeks cannot land on one arm and both arms cover the whole experiment evenly.
BLOCK_DAYS = 14
EXPERIMENT_WEEKS = (4, 6, 8)


def draw_schedule(weeks: int, rng: random.Random) -> str:
    """A balanced schedule of "P" (practise) and "R" (rest), one letter a day."""
    days: list[str] = []
    for _block in range(weeks * 7 // BLOCK_DAYS):
        block = [PRACTISE] * (BLOCK_DAYS // 2) + [REST] * (BLOCK_DAYS // 2)
        rng.shuffle(block)
        days.extend(block)
    return "".join(days)


# Fewer rated next days than this in either group and the result says how many more.
MIN_EXPERIMENT_DAYS_PER_GROUP = 7

INTERIM = "interim"
COMPLETE = "complete"
STOPPED = "stopped"


@dataclass(frozen=True)
class ExperimentPlan:
    """What was fixed at the start, and whether it was stopped early."""

    practise: tuple[bool, ...]  # one a day from ``start``: True practise, False rest
    start: datetime.date
    area: str  # the primary outcome
    block: int  # the design: half of each block of this many days are practise days
    stopped_on: datetime.date | None = None
    # The exercises a practise day asks for (by name): the whole routine.
    routine: frozenset[str] = frozenset()

    @property
    def end(self) -> datetime.date:
        return self.start + datetime.timedelta(days=len(self.practise) - 1)

    @property
    def weeks(self) -> int:
        return len(self.practise) // 7

    def status(self, today: datetime.date) -> str:
        if self.stopped_on is not None and self.stopped_on < self.end:
            return STOPPED
        return COMPLETE if today > self.end else INTERIM

    def last_counted(self, today: datetime.date) -> datetime.date:
        """The last day whose assignment has been lived through and counts."""
        last = self.end if self.stopped_on is None else min(self.end, self.stopped_on)
        return min(last, today)


@dataclass(frozen=True)
class AreaResult:
    area: str
    test: RandomisationResult | None  # None until both groups have enough rated days
    practise_n: int  # rated next days after assigned practise days
    rest_n: int

    @property
    def practise_days_needed(self) -> int:
        return max(0, MIN_EXPERIMENT_DAYS_PER_GROUP - self.practise_n)

    @property
    def rest_days_needed(self) -> int:
        return max(0, MIN_EXPERIMENT_DAYS_PER_GROUP - self.rest_n)


@dataclass(frozen=True)
class AsDone:
    """Next-day pain after days with the whole routine and after days with none, by what was
    actually done: observational, so no interval. Days with part of it are counted apart."""

    area: str
    practised_n: int  # days with the whole routine
    practised_mean: float | None
    rested_n: int  # days with no exercise
    rested_mean: float | None
    part_n: int = 0  # days with part of the routine, left out

    @property
    def difference(self) -> float | None:
        if self.practised_mean is None or self.rested_mean is None:
            return None
        return self.practised_mean - self.rested_mean


@dataclass(frozen=True)
class ExperimentAdherence:
    """What was done on the days so far, in the Reports' words: the whole routine, part of
    it, or no exercise."""

    practise_days: int  # assigned practise days so far
    practised: int  # of which with the whole routine
    practise_part: int  # of which with part of it
    rest_days: int
    rested: int  # logged rest days with no exercise
    rest_part: int  # logged rest days with part of the routine (the rest: the whole of it)
    not_logged: int  # days so far without an entry: what was done is unknown


@dataclass(frozen=True)
class ExperimentResult:
    status: str  # INTERIM, COMPLETE or STOPPED
    weeks: int
    days_counted: int  # days of the schedule lived through (up to a stop)
    days_planned: int
    primary: AreaResult
    secondary: tuple[AreaResult, ...]  # the other areas, same design
    as_done: AsDone
    adherence: ExperimentAdherence
    # Per area: what may be said of it, decided across the areas (the primary first).
    rungs: dict[str, Rung]

    def rung(self, area: str) -> Rung:
        return self.rungs.get(area, Rung.TOO_LITTLE)


def _next_day_outcomes(
    plan: ExperimentPlan, by_day: dict[datetime.date, DayRow], area: str, today: datetime.date
) -> list[float | None]:
    one_day = datetime.timedelta(days=1)
    last = plan.last_counted(today)
    outcomes: list[float | None] = []
    for index in range(len(plan.practise)):
        day = plan.start + datetime.timedelta(days=index)
        # A rating dated after today cannot be real; never read one.
        counted = day <= last and day + one_day <= today
        following = by_day.get(day + one_day) if counted else None
        rating = following.ratings.get(area) if following else None
        outcomes.append(None if rating is None else float(rating))
    return outcomes


def area_result(
    plan: ExperimentPlan,
    by_day: dict[datetime.date, DayRow],
    area: str,
    today: datetime.date,
    **test_options: int,
) -> AreaResult:
    outcomes = _next_day_outcomes(plan, by_day, area, today)
    assigned = plan.practise
    practise_n = sum(1 for y, z in zip(outcomes, assigned, strict=True) if y is not None and z)
    rest_n = sum(1 for y, z in zip(outcomes, assigned, strict=True) if y is not None and not z)
    enough = min(practise_n, rest_n) >= MIN_EXPERIMENT_DAYS_PER_GROUP
    test = randomisation_test(outcomes, assigned, plan.block, **test_options) if enough else None
    return AreaResult(area, test, practise_n, rest_n)


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def as_done(
    plan: ExperimentPlan, by_day: dict[datetime.date, DayRow], today: datetime.date
) -> AsDone:
    outcomes = _next_day_outcomes(plan, by_day, plan.area, today)
    done: dict[int, list[float]] = {WHOLE: [], PART: [], NONE: []}
    for index, outcome in enumerate(outcomes):
        row = by_day.get(plan.start + datetime.timedelta(days=index))
        if outcome is None or row is None:
            continue  # not rated the next day, or not logged: what was done is unknown
        done[practice_of(row.exercises, plan.routine)].append(outcome)
    return AsDone(
        plan.area,
        len(done[WHOLE]),
        _mean(done[WHOLE]),
        len(done[NONE]),
        _mean(done[NONE]),
        len(done[PART]),
    )


def experiment_adherence(
    plan: ExperimentPlan, by_day: dict[datetime.date, DayRow], today: datetime.date
) -> ExperimentAdherence:
    counts = dict.fromkeys(
        ("practise_days", "practised", "practise_part", "rest_days", "rested", "rest_part"), 0
    )
    counts["not_logged"] = 0
    last = plan.last_counted(today)
    for index, practise in enumerate(plan.practise):
        day = plan.start + datetime.timedelta(days=index)
        row = by_day.get(day)
        if day > last or (day == today and row is None):
            break  # today is not over: an empty today is not yet "not logged"
        kind = "practise" if practise else "rest"
        counts[f"{kind}_days"] += 1
        if row is None:
            counts["not_logged"] += 1
            continue
        done = practice_of(row.exercises, plan.routine)
        if done == PART:
            counts[f"{kind}_part"] += 1
        elif done == (WHOLE if practise else NONE):
            counts["practised" if practise else "rested"] += 1
    return ExperimentAdherence(**counts)


def experiment_result(
    plan: ExperimentPlan, rows: Sequence[DayRow], today: datetime.date, *, secondary: bool = True
) -> ExperimentResult:
    """The result as it stands ``today``: interim, complete, or stopped early.

    ``rows`` may hold other days too. ``secondary=False`` skips the other areas' tests, for
    a list that shows only the verdict.
    """
    by_day = {row.day: row for row in rows}
    last = plan.last_counted(today)
    primary = area_result(plan, by_day, plan.area, today)
    others = tuple(
        area_result(plan, by_day, area, today) for area in AREAS if secondary and area != plan.area
    )
    return ExperimentResult(
        status=plan.status(today),
        weeks=plan.weeks,
        days_counted=max(0, (last - plan.start).days + 1),
        days_planned=len(plan.practise),
        primary=primary,
        secondary=others,
        as_done=as_done(plan, by_day, today),
        adherence=experiment_adherence(plan, by_day, today),
        rungs=experiment_rungs((primary, *others), plan.area),
    )


def experiment_rungs(results: Sequence[AreaResult], primary: str) -> dict[str, Rung]:
    """What may be said of each area: the primary area at 5% (the p-value decides), the
    others only after it, by Holm; "clearly" at 0.5%. Without the other areas' tests the
    primary's rung is the same: it never depends on them."""
    tested = {r.area: r.test for r in results if r.test is not None}
    p_values = {area: test.p_value for area, test in tested.items()}
    # p = extreme / schedules is correctly rounded, and no such fraction lies within
    # round-off of 0.05, 0.025 or 0.005: comparing floats decides exactly as whole numbers would.
    probably = main_first_holm(p_values, primary, PROBABLY)
    clearly = main_first_holm(p_values, primary, CLEARLY)
    rungs = {}
    for result in results:
        test = result.test
        if test is None:
            rungs[result.area] = Rung.TOO_LITTLE
            continue
        lower = test.difference < 0
        if result.area in clearly:
            rungs[result.area] = Rung.CLEARLY_LOWER if lower else Rung.CLEARLY_HIGHER
        elif result.area in probably:
            rungs[result.area] = Rung.PROBABLY_LOWER if lower else Rung.PROBABLY_HIGHER
        else:
            rungs[result.area] = Rung.CANT_TELL
    return rungs
