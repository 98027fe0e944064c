"""The ratings around the routine ("relief"): the before/after comparisons and every rated
session. A comparison is the same one when it starts at the same moment; a session when
its first rating was given at the same moment."""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Model

from footcare.vocabulary import AREA_LABELS, counted
from journal.models import ReliefComparison, ReliefSession
from journal.transfer import routines
from journal.transfer.backup import BackupPart, Change, Preview, ReadContext, Reading
from journal.transfer.store import ImportCounts

COMPARISON_FIELDS = ("area", "schedule", "ended_at")
SESSION_FIELDS = (
    "kind",
    "area",
    "position",
    "routine",
    "seconds",
    "before",
    "after",
    "after_at",
    "later_wanted",
    "later",
    "later_at",
)


def _when(moment: datetime.datetime) -> str:
    return f"{moment:%a %-d %b %Y %H:%M}"


def describe_session(session: ReliefSession, comparison: datetime.datetime | None) -> str:
    ratings = ", ".join(
        f"{name} {value}"
        for name, value in (
            ("before", session.before),
            ("after", session.after),
            ("30 minutes on", session.later),
        )
        if value is not None
    )
    where = f", comparison of {_when(comparison)}" if comparison else ""
    return f"{session.kind}, {AREA_LABELS[session.area].lower()}: {ratings}{where}"


def describe_comparison(comparison: ReliefComparison) -> str:
    state = f"ended {_when(comparison.ended_at)}" if comparison.ended_at else "under way"
    return f"{AREA_LABELS[comparison.area].lower()}, {comparison.schedule}, {state}"


def _values(obj: object, fields: tuple[str, ...]) -> tuple[object, ...]:
    return tuple(getattr(obj, name) for name in fields)


def _overwrite(have: Model, found: Model, fields: tuple[str, ...]) -> None:
    """Save the file's ``fields`` over the person's own record, keeping its id and links."""
    for name in fields:
        setattr(have, name, getattr(found, name))
    have.save(update_fields=list(fields))


class Mine:
    """The person's comparisons and sessions, by identity; two queries."""

    def __init__(self, user: AbstractBaseUser) -> None:
        self.comparisons = {c.started_at: c for c in ReliefComparison.objects.for_user(user)}
        started = {c.pk: c.started_at for c in self.comparisons.values()}
        self.sessions = {s.before_at: s for s in ReliefSession.objects.for_user(user)}
        self.started = {s.before_at: started.get(s.comparison_id) for s in self.sessions.values()}


def _file_started(found: routines.Relief, link: int) -> datetime.datetime | None:
    return found.comparisons[link - 1].started_at if link else None


class ReliefPart(
    BackupPart, key="relief", noun="ratings around the routine", item="Session", order=61
):
    def dump(self, user: AbstractBaseUser) -> object:
        return routines.dump_relief(user)

    def read(self, value: object, context: ReadContext) -> Reading:
        found, problems = routines.read_relief(value, context.catalog)
        return Reading(found, problems)

    def preview(self, user: AbstractBaseUser, found: object) -> Preview:
        relief: routines.Relief = found  # type: ignore[assignment]
        preview = Preview()
        if not relief.comparisons and not relief.sessions:
            return preview
        mine = Mine(user)
        for comparison in relief.comparisons:
            preview.compare(
                f"Comparison from {_when(comparison.started_at)}",
                mine.comparisons.get(comparison.started_at),
                comparison,
                describe_comparison,
                lambda a, b: _values(a, COMPARISON_FIELDS) == _values(b, COMPARISON_FIELDS),
            )
        for session, link in zip(relief.sessions, relief.links, strict=True):
            what = f"Rating of {_when(session.before_at)}"
            started = _file_started(relief, link)
            have = mine.sessions.get(session.before_at)
            if have is None:
                preview.new.append(what)
            elif (
                _values(have, SESSION_FIELDS) == _values(session, SESSION_FIELDS)
                and mine.started[session.before_at] == started
            ):
                preview.unchanged += 1
            else:
                preview.changed.append(
                    Change(
                        what,
                        describe_session(have, mine.started[session.before_at]),
                        describe_session(session, started),
                    )
                )
        return preview

    def save(self, user: AbstractBaseUser, found: object, *, replace: bool) -> ImportCounts:
        relief: routines.Relief = found  # type: ignore[assignment]
        if not relief.comparisons and not relief.sessions:
            return ImportCounts(0, 0, 0)
        mine = Mine(user)
        added = replaced = kept = 0
        running = next((c for c in mine.comparisons.values() if c.ended_at is None), None)
        saved: list[ReliefComparison] = []
        for comparison in relief.comparisons:
            have = mine.comparisons.get(comparison.started_at)
            if have is None:
                comparison.user = user
                if comparison.ended_at is None and running is not None:
                    # One comparison under way per person: the person's own goes on.
                    comparison.ended_at = comparison.started_at
                comparison.save()
                added += 1
                saved.append(comparison)
                continue
            if _values(have, COMPARISON_FIELDS) != _values(comparison, COMPARISON_FIELDS):
                if replace and (comparison.ended_at is not None or running in (None, have)):
                    _overwrite(have, comparison, COMPARISON_FIELDS)
                    replaced += 1
                else:
                    kept += 1
            saved.append(have)
        taken = {(s.comparison_id, s.position) for s in mine.sessions.values() if s.comparison_id}
        new = []
        for session, link in zip(relief.sessions, relief.links, strict=True):
            comparison = saved[link - 1] if link else None
            have = mine.sessions.get(session.before_at)
            if have is None:
                place = (comparison.pk, session.position) if comparison else None
                if place in taken:
                    kept += 1  # the person rated that place of the comparison already
                    continue
                taken.add(place)
                session.user, session.comparison = user, comparison
                new.append(session)
                continue
            same_link = have.comparison_id == (comparison.pk if comparison else None)
            if _values(have, SESSION_FIELDS) == _values(session, SESSION_FIELDS) and same_link:
                continue
            if replace and same_link:
                _overwrite(have, session, SESSION_FIELDS)
                replaced += 1
            else:
                kept += 1
        ReliefSession.objects.bulk_create(new)
        return ImportCounts(added + len(new), replaced, kept)

    def holdings(self, user: AbstractBaseUser) -> list[str]:
        counts = ReliefSession.objects.for_user(user).aggregate(sessions=Count("pk"))
        sessions = counts["sessions"]
        if not sessions:
            return []
        return [
            f"{counted(sessions, 'rated session')} around the routine "
            "(before, after, 30 minutes on) and your comparisons"
        ]


PART = ReliefPart()
