"""What a day's page shows of the journal besides the form, kept per data version."""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.cache import caches
from django.db.models import Count, Exists, OuterRef, Subquery

from footcare import keys
from footcare.vocabulary import AREAS, READY_FACTORS
from journal.experiment.results import day_assignment
from journal.models import Entry, Experiment, Factor, PegCheckIn, monday_of


@dataclass(frozen=True)
class DayState:
    entry_pk: int | None
    peg_saved: bool  # this week's PEG check-in (asked on Today only)
    experiment: dict[str, object] | None
    rated: bool = False  # the day has at least one rating saved
    # The day before's ratings by area, when it has at least one: "Same as yesterday".
    yesterday: dict[str, int | None] | None = None
    # Whether the ready-made factors exist yet: they are made on the first day page.
    factors_made: bool = True

    def load_entry(self, user: AbstractBaseUser) -> Entry | None:
        if self.entry_pk is None:
            return None
        # Deleted in another tab since the version was read: the form is then blank.
        return Entry.objects.for_user(user).filter(pk=self.entry_pk).first()


def day_state(user: AbstractBaseUser, day: datetime.date, is_today: bool, version: str) -> DayState:
    """The day's entry id, this week's PEG and the experiment's assignment, kept in the
    worker's memory while the journal's version is unchanged: a day page is opened many times
    for each save."""
    key = keys.day_state(user.pk, day, is_today, version)
    state = caches["pages"].get(key)
    if state is None:
        state = _load_day_state(user, day, is_today)
        caches["pages"].set(key, state, keys.FRAGMENT_SECONDS)
    return state


def _load_day_state(user: AbstractBaseUser, day: datetime.date, is_today: bool) -> DayState:
    """The day's entry id, whether it is rated, the day before's ratings, whether this week's
    PEG is saved and the experiment covering the day, in one query; the experiment itself is
    read only on the days it covers."""
    mine = {"user": OuterRef("pk")}
    experiments = Experiment.objects.filter(**mine).covering(day)  # newest first
    entry = Entry.objects.filter(**mine, day=day)
    before = Entry.objects.filter(**mine, day=day - datetime.timedelta(days=1))
    row = (
        get_user_model()
        .objects.filter(pk=user.pk)
        .annotate(
            entry_pk=Subquery(entry.values("pk")[:1]),
            rated=Exists(entry.rated()),
            peg_saved=Exists(PegCheckIn.objects.filter(**mine, week=monday_of(day))),
            experiment_pk=Subquery(experiments.values("pk")[:1]),
            **{f"before_{area}": Subquery(before.values(area)[:1]) for area in AREAS},
            ready_factors=Subquery(
                Factor.objects.filter(**mine)
                .exclude(ready="")
                .values("user")
                .annotate(count=Count("pk"))
                .values("count")[:1]
            ),
        )
        .values(
            "entry_pk",
            "rated",
            "peg_saved",
            "experiment_pk",
            "ready_factors",
            *(f"before_{a}" for a in AREAS),
        )
        .get()
    )
    yesterday = {area: row[f"before_{area}"] for area in AREAS}
    experiment = None
    if row["experiment_pk"] is not None:
        experiment = Experiment.objects.filter(pk=row["experiment_pk"]).first()
    return DayState(
        entry_pk=row["entry_pk"],
        peg_saved=row["peg_saved"],
        experiment=day_assignment(experiment, day, is_today),
        rated=row["rated"],
        yesterday=yesterday if any(v is not None for v in yesterday.values()) else None,
        factors_made=(row["ready_factors"] or 0) >= len(READY_FACTORS),
    )
