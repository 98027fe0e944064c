"""A journal in and out of the database: one user's days and PEG weeks, a constant number
of queries (or one per batch of rows), in one transaction."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connection, models, transaction
from django.utils import timezone

from exercises.models import Exercise
from footcare.vocabulary import AREAS, PEG_ITEMS
from journal.models import Entry, Factor, PegCheckIn

from .rows import Day, ExerciseRef, PegWeek


def catalog_refs() -> list[ExerciseRef]:
    # Retired exercises too: an old export names them and must import again.
    return [
        ExerciseRef(order, slug, name, pk)
        for pk, slug, name, order in Exercise.objects.order_by("order").values_list(
            "pk", "slug", "name", "order"
        )
    ]


def load_journal(
    user: models.Model, between: tuple[datetime.date, datetime.date] | None = None
) -> list[Day]:
    """The user's journal (or the days ``between`` two dates), oldest day first, in four
    queries whatever its size."""
    refs = {ref.pk: ref for ref in catalog_refs()}
    done: dict[int, list[ExerciseRef]] = {}
    entries = Entry.objects.for_user(user)
    if between is not None:
        entries = entries.filter(day__range=between)
    # Through rows filtered by a join rather than prefetch_related's IN (...) list, whose
    # parameter count would grow with the journal and hit SQLite's limit.
    through = Entry.exercises.through.objects.filter(entry__in=entries)
    for entry_id, exercise_id in through.values_list("entry_id", "exercise_id"):
        done.setdefault(entry_id, []).append(refs[exercise_id])
    rows = entries.order_by("day").values_list("pk", "day", *AREAS, "note")
    ticked: dict[int, list[str]] = {}
    factors = Factor.days.through.objects.filter(entry__in=entries).order_by("factor_id")
    for entry_id, name in factors.values_list("entry_id", "factor__name"):
        ticked.setdefault(entry_id, []).append(name)
    return [
        Day(day, back, hip, knee, tuple(sorted(done.get(pk, ()))), note, tuple(ticked.get(pk, ())))
        for pk, day, back, hip, knee, note in rows
    ]


@dataclass(frozen=True)
class ImportCounts:
    added: int
    replaced: int
    kept: int


BATCH = 500
CHANGED = (*AREAS, "note")


def save_journal(user: models.Model, days: Sequence[Day], *, replace: bool) -> ImportCounts:
    """Save every day in one transaction; days already in the journal are kept or replaced.

    Bulk statements, so the query count grows with the file only by one per BATCH rows.
    Raises IntegrityError if another request saved one of these days meanwhile; the
    transaction then leaves the journal as it was.
    """
    if not days:
        return ImportCounts(0, 0, 0)
    mine = Entry.objects.for_user(user)
    span = mine.filter(day__range=(min(d.day for d in days), max(d.day for d in days)))
    with transaction.atomic():
        existing = dict(span.values_list("day", "pk"))
        new = [d for d in days if d.day not in existing]
        old = [d for d in days if d.day in existing]
        Entry.objects.bulk_create(
            (Entry(user=user, day=d.day, **_fields(d)) for d in new), batch_size=BATCH
        )
        if replace and old:
            _update_entries(user, [(existing[d.day], d) for d in old])
            through = Entry.exercises.through.objects
            replaced_pks = [existing[d.day] for d in old]
            for start in range(0, len(replaced_pks), BATCH):
                through.filter(entry_id__in=replaced_pks[start : start + BATCH]).delete()
        written = new + old if replace else new
        pks = dict(span.values_list("day", "pk"))
        _insert_exercise_rows([(pks[d.day], ref.pk) for d in written for ref in d.exercises])
    return ImportCounts(
        added=len(new), replaced=len(old) if replace else 0, kept=0 if replace else len(old)
    )


# Two hot paths bypass bulk_update / bulk_create. Measured here for 20,000 days on SQLite:
# bulk_update spent 40 s in Python building CASE expressions, and bulk_create of ~50,000
# exercise rows most of the rest. SQLite runs in-process, so one prepared statement run per
# row (executemany) takes well under a second; PostgreSQL pays a round trip per row that
# way (18 s), so there each path is one statement over arrays (UNNEST). Only names and
# types from the model are put into the SQL; every value is a parameter.


def _column(model: type[models.Model], name: str) -> str:
    return connection.ops.quote_name(model._meta.get_field(name).column)


def _array(model: type[models.Model], name: str) -> str:
    return f"%s::{model._meta.get_field(name).db_type(connection)}[]"


def _insert_exercise_rows(rows: list[tuple[int, int]]) -> None:
    if not rows:
        return
    through = Entry.exercises.through
    table = connection.ops.quote_name(through._meta.db_table)
    entry, exercise = _column(through, "entry"), _column(through, "exercise")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            entry_ids, exercise_ids = zip(*rows, strict=True)
            cursor.execute(
                f"INSERT INTO {table} ({entry}, {exercise}) "  # noqa: S608
                f"SELECT * FROM UNNEST({_array(through, 'entry')}, "
                f"{_array(through, 'exercise')})",
                [list(entry_ids), list(exercise_ids)],
            )
        else:
            cursor.executemany(
                f"INSERT INTO {table} ({entry}, {exercise}) VALUES (%s, %s)",  # noqa: S608
                rows,
            )


def _update_entries(user: models.Model, rows: list[tuple[int, Day]]) -> None:
    table = connection.ops.quote_name(Entry._meta.db_table)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    pk, owner = _column(Entry, "id"), _column(Entry, "user")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            values = ", ".join(_column(Entry, name) for name in ("id", *CHANGED))
            cursor.execute(
                f"UPDATE {table} SET "  # noqa: S608
                + ", ".join(
                    f"{_column(Entry, name)} = v.{_column(Entry, name)}" for name in CHANGED
                )
                + f", {_column(Entry, 'updated_at')} = %s "
                f"FROM UNNEST({', '.join(_array(Entry, name) for name in ('id', *CHANGED))}) "
                f"AS v({values}) WHERE {table}.{pk} = v.{pk} AND {table}.{owner} = %s",
                [
                    now,
                    [entry_pk for entry_pk, _ in rows],
                    *([getattr(day, name) for _, day in rows] for name in CHANGED),
                    user.pk,
                ],
            )
        else:
            columns = ", ".join(f"{_column(Entry, name)} = %s" for name in (*CHANGED, "updated_at"))
            cursor.executemany(
                f"UPDATE {table} SET {columns} WHERE {pk} = %s AND {owner} = %s",  # noqa: S608
                [
                    (*(getattr(d, name) for name in CHANGED), now, entry_pk, user.pk)
                    for entry_pk, d in rows
                ],
            )


def _fields(day: Day) -> dict[str, object]:
    return {"back": day.back, "hip": day.hip, "knee": day.knee, "note": day.note}


def load_peg(user: models.Model) -> list[PegWeek]:
    """The user's PEG check-ins, oldest week first, in one query."""
    rows = PegCheckIn.objects.for_user(user).order_by("week").values_list("week", *PEG_ITEMS)
    return [PegWeek(*row) for row in rows]


def save_peg(user: models.Model, weeks: Sequence[PegWeek], *, replace: bool) -> ImportCounts:
    """Add the weeks; weeks already checked in are kept or replaced, as for days.

    A journal holds one check-in a week, so even 20 years is about a thousand rows: plain
    bulk_create and bulk_update are fast enough here.
    """
    if not weeks:
        return ImportCounts(0, 0, 0)
    with transaction.atomic():
        existing = {
            c.week: c
            for c in PegCheckIn.objects.for_user(user).filter(week__in=[w.week for w in weeks])
        }
        new = [w for w in weeks if w.week not in existing]
        PegCheckIn.objects.bulk_create(
            (PegCheckIn(user=user, week=w.week, **_peg_fields(w)) for w in new), batch_size=BATCH
        )
        old = [w for w in weeks if w.week in existing]
        if replace and old:
            changed = []
            for w in old:
                check_in = existing[w.week]
                for name, value in _peg_fields(w).items():
                    setattr(check_in, name, value)
                check_in.updated_at = timezone.now()
                changed.append(check_in)
            PegCheckIn.objects.bulk_update(changed, [*PEG_ITEMS, "updated_at"], batch_size=BATCH)
    return ImportCounts(
        added=len(new), replaced=len(old) if replace else 0, kept=0 if replace else len(old)
    )


def _peg_fields(week: PegWeek) -> dict[str, int | None]:
    return dict(zip(PEG_ITEMS, week.items, strict=True))
