"""The journal read as plain rows for the analysis, a fixed number of queries per range."""

import datetime

from django.contrib.auth.models import AbstractBaseUser

from accounts.models import Profile
from exercises.models import Exercise
from footcare.vocabulary import AREAS, PEG_ITEMS
from journal.analysis.rows import DayRow, PegRow
from journal.models import Entry, Experiment, PegCheckIn, RoutineChoice


def first_day(user: AbstractBaseUser) -> datetime.date | None:
    return Entry.objects.for_user(user).order_by("day").values_list("day", flat=True).first()


def load_rows(
    user: AbstractBaseUser, start: datetime.date, end: datetime.date
) -> tuple[list[DayRow], list[str]]:
    """The user's days in the range as plain rows, in three queries whatever the range."""
    entries = (
        Entry.objects.for_user(user)
        .between(start, end)
        .order_by("day")
        .values_list("pk", "day", *AREAS)
    )
    done: dict[int, set[str]] = {}
    through = Entry.exercises.through.objects.filter(
        entry__user=user, entry__day__gte=start, entry__day__lte=end
    ).values_list("entry_id", "exercise__name")
    for entry_id, name in through:
        done.setdefault(entry_id, set()).add(name)
    rows = [
        DayRow(day, dict(zip(AREAS, ratings, strict=True)), frozenset(done.get(pk, ())))
        for pk, day, *ratings in entries
    ]
    # Active exercises in routine order, plus retired ones that appear in this range.
    used = set().union(*(row.exercises for row in rows)) if rows else set()
    names = [
        name
        for name, active in Exercise.objects.order_by("order").values_list("name", "is_active")
        if active or name in used
    ]
    return rows, names


def load_peg(user: AbstractBaseUser, start: datetime.date, end: datetime.date) -> list[PegRow]:
    """The user's PEG check-ins for the weeks that overlap the range, oldest first; one query."""
    check_ins = (
        PegCheckIn.objects.for_user(user)
        .between(start, end)
        .order_by("week")
        .values_list("week", *PEG_ITEMS)
    )
    return [PegRow(*row) for row in check_ins]


def chosen_main_area(user: AbstractBaseUser) -> str | None:
    """The main area chosen in Settings, or None for the default (the area rated most)."""
    chosen = Profile.objects.filter(user=user).values_list("main_area", flat=True).first()
    return chosen or None


def routine_names(user: AbstractBaseUser) -> tuple[str, ...]:
    """The exercises of the person's routine by name, in order: "my routine", or every active
    exercise. What "your whole routine" means on the Reports; two queries at most."""
    return tuple(exercise.name for exercise in RoutineChoice.objects.routine_of(user))


def experiment_routines(experiments: list[Experiment]) -> dict[int, frozenset[str]]:
    """Each experiment's routine by name (what a practise day asked for), in one query."""
    if not experiments:
        return {}
    catalog = Exercise.objects.values_list("slug", "name", "is_active")
    names = {slug: name for slug, name, _active in catalog}
    active = frozenset(name for _slug, name, is_active in catalog if is_active)
    return {
        e.pk: frozenset(names[s] for s in e.routine.split(",") if s in names)
        if e.routine
        else active
        for e in experiments
    }
