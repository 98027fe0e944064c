"""My routine and the ratings around it, in the JSON backup (the parts ``my_routine`` and
``relief`` of ``journal.transfer.parts`` use these).

Two optional keys of the backup: "my_routine", the chosen exercises by slug in order (absent
or empty: the default), and "relief", {"comparisons": [...], "sessions": [...]}. A session
names its comparison by the comparison's place in the list (from 1), so a backup restored
into another account keeps the pairs. Times are ISO 8601 with their offset, to the
microsecond, so that a backup read back and written again is the same file.
"""

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import models

from footcare.vocabulary import AREAS, SCALE
from journal.models import ReliefComparison, ReliefSession, RoutineChoice
from journal.models.relief import SCHEDULE_MAX, SessionKind

from .rows import Catalog, ExerciseRef, Problem

KINDS = tuple(SessionKind.values)
COMPARISON_KEYS = frozenset({"area", "schedule", "started_at", "ended_at"})
SESSION_KEYS = frozenset(
    {
        "kind",
        "area",
        "comparison",
        "position",
        "routine",
        "seconds",
        "before",
        "before_at",
        "after",
        "after_at",
        "later_wanted",
        "later",
        "later_at",
    }
)
MAX_SESSIONS = 20_000
SCHEDULE = re.compile(r"^([RS][RS])+$")


@dataclass
class Relief:
    """The "relief" key of a backup, checked; nothing here is saved until ``save_relief``."""

    comparisons: list[ReliefComparison] = field(default_factory=list)
    sessions: list[ReliefSession] = field(default_factory=list)
    # sessions[i] belongs to comparisons[links[i] - 1], or to none (0)
    links: list[int] = field(default_factory=list)


# --- to the file


def _time(value: datetime.datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def dump_my_routine(user: models.Model) -> list[str]:
    return [
        choice.exercise.slug
        for choice in RoutineChoice.objects.for_user(user).select_related("exercise")
    ]


def dump_relief(user: models.Model) -> dict[str, object]:
    comparisons = list(ReliefComparison.objects.for_user(user).order_by("started_at", "pk"))
    number = {comparison.pk: place for place, comparison in enumerate(comparisons, start=1)}
    sessions = ReliefSession.objects.for_user(user).order_by("before_at", "pk")
    return {
        "comparisons": [
            {
                "area": c.area,
                "schedule": c.schedule,
                "started_at": _time(c.started_at),
                "ended_at": _time(c.ended_at),
            }
            for c in comparisons
        ],
        "sessions": [
            {
                "kind": s.kind,
                "area": s.area,
                "comparison": number.get(s.comparison_id),
                "position": s.position,
                "routine": [slug for slug in s.routine.split(",") if slug],
                "seconds": s.seconds,
                "before": s.before,
                "before_at": _time(s.before_at),
                "after": s.after,
                "after_at": _time(s.after_at),
                "later_wanted": s.later_wanted,
                "later": s.later,
                "later_at": _time(s.later_at),
            }
            for s in sessions
        ],
    }


# --- from the file


class _Bad(ValueError):
    pass


def _text_time(item: dict[str, object], key: str, *, required: bool) -> datetime.datetime | None:
    value = item.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or len(value) > 40:
        raise _Bad(f"“{key}” must be a date and time such as 2026-11-25T09:30:00+00:00.")
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError:
        raise _Bad(f"“{key}” must be a date and time such as 2026-11-25T09:30:00+00:00.") from None
    if moment.tzinfo is None:
        raise _Bad(f"“{key}” needs its offset from UTC, such as +00:00.")
    if not datetime.datetime(1900, 1, 1, tzinfo=datetime.UTC) <= moment <= _latest():
        raise _Bad(f"“{key}” is not a moment between 1900 and now.")
    return moment


def _latest() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=1)


def _rating(item: dict[str, object], key: str, *, required: bool) -> int | None:
    value = item.get(key)
    if value is None and not required:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value not in SCALE:
        raise _Bad(f"“{key}” must be a whole number from 0 to 10.")
    return value


def _choice(item: dict[str, object], key: str, options: Sequence[str]) -> str:
    value = item.get(key)
    if value not in options:
        raise _Bad(f"“{key}” must be one of {', '.join(options)}.")
    return value


def _comparison(item: dict[str, object]) -> ReliefComparison:
    schedule = item.get("schedule")
    if (
        not isinstance(schedule, str)
        or len(schedule) > SCHEDULE_MAX
        or not SCHEDULE.match(schedule)
    ):
        raise _Bad("“schedule” must be pairs of R and S, such as RSSR.")
    started = _text_time(item, "started_at", required=True)
    ended = _text_time(item, "ended_at", required=False)
    if ended is not None and ended < started:
        raise _Bad("it ends before it starts.")
    return ReliefComparison(
        area=_choice(item, "area", AREAS), schedule=schedule, started_at=started, ended_at=ended
    )


def _session(
    item: dict[str, object], catalog: Catalog, comparisons: int
) -> tuple[ReliefSession, int]:
    link = item.get("comparison")
    position = item.get("position")
    if link is None and position is None:
        link = 0
    elif (
        isinstance(link, bool)
        or not isinstance(link, int)
        or not 1 <= link <= comparisons
        or isinstance(position, bool)
        or not isinstance(position, int)
        or not 0 <= position < SCHEDULE_MAX
    ):
        raise _Bad(
            "“comparison” must be the number of a comparison in this file (from 1) and "
            "“position” its session's place (from 0), or both null."
        )
    kind = _choice(item, "kind", KINDS)
    if kind == SessionKind.REST and not link:
        raise _Bad("a rest belongs to a comparison.")
    routine = item.get("routine", [])
    if not isinstance(routine, list) or not all(isinstance(s, str) for s in routine):
        raise _Bad("“routine” must be a list of exercise names.")
    slugs = []
    for name in routine:
        found = catalog.find(name)
        if found is None:
            raise _Bad(f"“{name[:40]}” is not an exercise of the catalog.")
        slugs.append(found.slug)
    seconds = item.get("seconds")
    if isinstance(seconds, bool) or not isinstance(seconds, int) or not 0 <= seconds <= 86_400:
        raise _Bad("“seconds” must be a whole number of seconds, at most a day.")
    later_wanted = item.get("later_wanted", False)
    if not isinstance(later_wanted, bool):
        raise _Bad("“later_wanted” must be true or false.")
    session = ReliefSession(
        kind=kind,
        area=_choice(item, "area", AREAS),
        position=position if link else None,
        routine=",".join(slugs),
        seconds=seconds,
        before=_rating(item, "before", required=True),
        before_at=_text_time(item, "before_at", required=True),
        after=_rating(item, "after", required=False),
        after_at=_text_time(item, "after_at", required=False),
        later_wanted=later_wanted,
        later=_rating(item, "later", required=False),
        later_at=_text_time(item, "later_at", required=False),
    )
    for name, earlier in (("after", "before_at"), ("later", "after_at")):
        value, at = getattr(session, name), getattr(session, f"{name}_at")
        if (value is None) != (at is None):
            raise _Bad(f"“{name}” and “{name}_at” go together.")
        if at is not None and (getattr(session, earlier) is None or at < getattr(session, earlier)):
            raise _Bad(f"“{name}_at” comes before “{earlier}”.")
    if len(session.routine) > 400:
        raise _Bad("“routine” is too long.")
    return session, link


def read_my_routine(
    value: object, catalog: Catalog
) -> tuple[list[ExerciseRef] | None, list[Problem]]:
    """The backup's "my_routine" (None: the file does not say), checked."""
    if value is None:
        return None, []
    if not isinstance(value, list) or not all(isinstance(s, str) for s in value):
        return None, [Problem(0, "“my_routine” must be a list of exercise names.")]
    refs: list[ExerciseRef] = []
    problems = []
    for name in value:
        exercise = catalog.find(name)
        if exercise is None:
            problems.append(
                Problem(0, f"My routine: “{name[:40]}” is not an exercise of the catalog.")
            )
        elif exercise in refs:
            problems.append(Problem(0, f"My routine: “{name[:40]}” is there twice."))
        else:
            refs.append(exercise)
    return refs, problems


def read_relief(relief: object, catalog: Catalog) -> tuple[Relief, list[Problem]]:
    """The backup's "relief", checked; every problem has its message."""
    found: Relief = Relief()
    problems: list[Problem] = []
    if relief is None:
        return found, problems
    if not isinstance(relief, dict) or set(relief) - {"comparisons", "sessions"}:
        return found, [Problem(0, "“relief” must hold “comparisons” and “sessions”.")]
    parts = (relief.get("comparisons", []), relief.get("sessions", []))
    if not all(isinstance(p, list) and len(p) <= MAX_SESSIONS for p in parts):
        return found, [
            Problem(0, f"“comparisons” and “sessions” must be lists of at most {MAX_SESSIONS:,}."),
        ]
    for number, item in enumerate(parts[0], start=1):
        try:
            if not isinstance(item, dict) or set(item) - COMPARISON_KEYS:
                raise _Bad(f"it must be an object with only {', '.join(sorted(COMPARISON_KEYS))}.")
            found.comparisons.append(_comparison(item))
        except _Bad as bad:
            problems.append(Problem(0, f"Comparison {number}: {bad}"))
    starts = [c.started_at for c in found.comparisons]
    if len(set(starts)) != len(starts):
        problems.append(Problem(0, "Two comparisons start at the same moment."))
    if sum(1 for c in found.comparisons if c.ended_at is None) > 1:
        problems.append(Problem(0, "Only one comparison can be under way (no “ended_at”)."))
    places: set[tuple[int, int]] = set()
    for number, item in enumerate(parts[1], start=1):
        try:
            if not isinstance(item, dict) or set(item) - SESSION_KEYS:
                raise _Bad(f"it must be an object with only {', '.join(sorted(SESSION_KEYS))}.")
            session, link = _session(item, catalog, len(parts[0]))
            if any(other.before_at == session.before_at for other in found.sessions):
                raise _Bad("another session has its first rating at the same moment.")
            if link:
                if (link, session.position) in places:
                    raise _Bad("another session has the same place in its comparison.")
                places.add((link, session.position))
            found.sessions.append(session)
            found.links.append(link)
        except _Bad as bad:
            problems.append(Problem(0, f"Session {number}: {bad}"))
    return found, problems
