"""The journal read as plain rows for the analysis, a fixed number of queries per range."""

import datetime

from django.contrib.auth.models import AbstractBaseUser

from exercises.models import Exercise
from footcare.vocabulary import AREAS, PEG_ITEMS
from journal.analysis.factors import MedicineEventRow
from journal.analysis.rows import DayRow, PegRow
from journal.models import Entry, Factor, MedicineEvent, PegCheckIn


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


def load_factors(
    user: AbstractBaseUser, start: datetime.date, end: datetime.date
) -> tuple[dict[datetime.date, frozenset[str]], list[str]]:
    """The factors ticked on each day of the range, and the person's list in its order (hidden
    ones too: a day may record them); two queries whatever the range."""
    ticked: dict[datetime.date, set[str]] = {}
    through = Factor.days.through.objects.filter(
        entry__user=user, entry__day__gte=start, entry__day__lte=end
    ).values_list("entry__day", "factor__name")
    for day, name in through:
        ticked.setdefault(day, set()).add(name)
    names = list(Factor.objects.for_user(user).order_by("pk").values_list("name", flat=True))
    return {day: frozenset(found) for day, found in ticked.items()}, names


def load_medicine_events(
    user: AbstractBaseUser, start: datetime.date, end: datetime.date
) -> list[MedicineEventRow]:
    """The person's medicine changes in the range, oldest first; one query."""
    events = (
        MedicineEvent.objects.for_user(user)
        .between(start, end)
        .order_by("day", "medicine__name")
        .values_list("medicine__name", "day", "kind", "dose", "how_often")
    )
    return [MedicineEventRow(*event) for event in events]
