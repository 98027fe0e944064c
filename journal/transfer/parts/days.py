"""The days of the journal: ratings, exercises and the note ("entries")."""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Max, Min

from footcare.vocabulary import AREA_LABELS, AREAS, counted
from journal.models import Entry
from journal.transfer import jsonfile, store
from journal.transfer.backup import BackupPart, Preview, ReadContext, Reading
from journal.transfer.rows import Day
from journal.transfer.store import ImportCounts


def describe(day: Day) -> str:
    """A day in one line, as the preview shows it before and after."""
    ratings = ", ".join(
        f"{AREA_LABELS[area].lower()} {'–' if value is None else value}"
        for area, value in zip(AREAS, (day.back, day.hip, day.knee), strict=True)
    )
    exercises = ", ".join(ref.name for ref in day.exercises) or "no exercises"
    note = f"note “{day.note[:60]}{'…' if len(day.note) > 60 else ''}”" if day.note else "no note"
    return f"{ratings}; {exercises}; {note}"


def label(day: datetime.date) -> str:
    return f"{day:%a %-d %b %Y}"


class DaysPart(BackupPart, key="entries", noun="days", item="Entry", order=10):
    def dump(self, user: AbstractBaseUser) -> object:
        return [jsonfile.entry_json(day) for day in store.load_journal(user)]

    def read(self, value: object, context: ReadContext) -> Reading:
        days, problems = jsonfile.read_entries(value, context.catalog, context.today)
        return Reading(days, problems)

    def preview(self, user: AbstractBaseUser, found: object) -> Preview:
        days: list[Day] = found  # type: ignore[assignment]
        if not days:
            return Preview()
        mine = {
            day.day: day
            for day in store.load_journal(
                user, between=(min(d.day for d in days), max(d.day for d in days))
            )
        }
        preview = Preview()
        for day in sorted(days, key=lambda d: d.day):
            preview.compare(label(day.day), mine.get(day.day), day, describe, _same)
        return preview

    def save(self, user: AbstractBaseUser, found: object, *, replace: bool) -> ImportCounts:
        return store.save_journal(user, found, replace=replace)  # type: ignore[arg-type]

    def holdings(self, user: AbstractBaseUser) -> list[str]:
        summary = Entry.objects.for_user(user).aggregate(
            days=Count("pk"), first=Min("day"), last=Max("day")
        )
        if not summary["days"]:
            return []
        days = summary["days"]
        return [
            f"{counted(days, 'day')} of your journal (ratings, exercises and "
            f"notes), {summary['first']:%-d %B %Y} to {summary['last']:%-d %B %Y}"
        ]


def _same(a: Day, b: Day) -> bool:
    slugs = [ref.slug for ref in a.exercises], [ref.slug for ref in b.exercises]
    return (a.back, a.hip, a.knee, a.note, slugs[0]) == (b.back, b.hip, b.knee, b.note, slugs[1])


PART = DaysPart()
