"""The factors of the day in files: the person's list and which days record each.

JSON backup, key "factors" (optional; an older file has none):
{"list": [{"name": "Slept badly", "ready": "slept_badly", "shown": true},
          {"name": "Cycled to work", "ready": "", "shown": false}, ...],
 "days": [{"date": "2026-11-03", "factors": ["Slept badly", "Cycled to work"]}, ...]}
The list is in the person's order; a day names its factors (natural keys, never ids).

Day CSV: the last column, "factors", holds a day's factor names joined by "; ". A name that
is not in the person's list is added to it (shown while there is room, else hidden).

``read`` is pure (no database); ``dump``, ``save`` and ``holdings`` read or write one
person's factors in a constant number of queries.
"""

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from footcare import names
from footcare.vocabulary import (
    EARLIEST_DAY,
    FACTOR_SEPARATOR,
    OWN_FACTORS_EVER_MAX,
    OWN_FACTORS_MAX,
    READY_FACTOR_KEYS,
    counted,
)
from journal.models import Entry, Factor

from .rows import MAX_ROWS, Problem, factor_name_problem, iso_date, short
from .store import BATCH, ImportCounts

KEY = "factors"


@dataclass(frozen=True)
class FactorItem:
    name: str
    ready: str  # a ready-made factor's key, or "" for the person's own
    shown: bool


@dataclass
class FactorFile:
    items: list[FactorItem] = field(default_factory=list)
    days: dict[datetime.date, tuple[str, ...]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.items or self.days)


def name_problem(name: object) -> str | None:
    """Why ``name`` cannot be a factor's name in a file, or None."""
    if not isinstance(name, str):
        return "a factor's name must be a text."
    return factor_name_problem(name)


def split_names(cell: str) -> list[str]:
    return [names.tidy(part) for part in cell.split(FACTOR_SEPARATOR) if part.strip()]


# --- reading a file (pure)


def read(value: object, today: datetime.date) -> tuple[FactorFile, list[Problem]]:
    """The "factors" part of a JSON backup, checked: the list, then the days."""
    found, problems = FactorFile(), []
    if value is None:
        return found, problems
    if not isinstance(value, dict) or set(value) - {"list", "days"}:
        return found, [Problem(0, "“factors” must be an object with a “list” and “days”.")]
    listed = value.get("list", [])
    if not isinstance(listed, list) or len(listed) > OWN_FACTORS_EVER_MAX + len(READY_FACTOR_KEYS):
        return found, [Problem(0, "“factors” → “list” must be a list of factors.")]
    keys: dict[str, int] = {}
    for position, item in enumerate(listed, start=1):
        reason = _item_problem(item, keys, position)
        if reason:
            problems.append(Problem(position, f"Factor {position}: {reason}"))
            continue
        found.items.append(
            FactorItem(names.tidy(item["name"]), item.get("ready", ""), item.get("shown", True))
        )
    own = [item for item in found.items if not item.ready]
    if sum(item.shown for item in own) > OWN_FACTORS_MAX:
        problems.append(Problem(0, f"More than {OWN_FACTORS_MAX} factors of your own are shown."))
    known = {names.name_key(item.name) for item in found.items}
    problems += _read_days(value.get("days", []), known, today, found)
    return found, problems


def _item_problem(item: object, keys: dict[str, int], position: int) -> str | None:
    if not isinstance(item, dict) or set(item) - {"name", "ready", "shown"}:
        return "each factor is an object with “name”, “ready” and “shown”."
    if (problem := name_problem(item.get("name"))) is not None:
        return problem
    ready, shown = item.get("ready", ""), item.get("shown", True)
    if ready != "" and ready not in READY_FACTOR_KEYS:
        return f"“{short(str(ready))}” is not a ready-made factor."
    if not isinstance(shown, bool):
        return "“shown” must be true or false."
    key = names.name_key(item["name"])
    if key in keys:
        return (
            f"“{short(item['name'])}” is also factor {keys[key]} (names count as the same "
            "whatever their case, spaces or look-alike letters)."
        )
    keys[key] = position
    return None


def _read_days(
    days: object, known: set[str], today: datetime.date, found: FactorFile
) -> list[Problem]:
    if not isinstance(days, list) or len(days) > MAX_ROWS:
        return [Problem(0, f"“factors” → “days” must be a list of at most {MAX_ROWS:,} days.")]
    problems = []
    for position, item in enumerate(days, start=1):
        reasons: list[str] = []
        if not isinstance(item, dict) or set(item) - {"date", "factors"}:
            problems.append(
                Problem(position, f"Factor day {position}: an object with “date” and “factors”.")
            )
            continue
        text = item.get("date")
        day = iso_date(text if isinstance(text, str) else "", reasons, "write it as YYYY-MM-DD")
        if day is not None and not _day_rule(day, today, found, reasons):
            day = None
        ticked = item.get("factors")
        if not isinstance(ticked, list) or not all(isinstance(n, str) for n in ticked):
            reasons.append("“factors” must be a list of factor names.")
        else:
            for name in ticked:
                if names.name_key(name) not in known:
                    reasons.append(f"“{short(name)}” is not in the list of factors.")
        if reasons or day is None:
            problems.append(Problem(position, f"Factor day {position}: {' '.join(reasons)}"))
            continue
        found.days[day] = tuple(names.tidy(name) for name in ticked)
    return problems


def _day_rule(
    day: datetime.date, today: datetime.date, found: FactorFile, reasons: list[str]
) -> bool:
    if day < EARLIEST_DAY:
        reasons.append(f"{day} is before {EARLIEST_DAY:%-d %B %Y}, the journal's first day.")
    elif day > today:
        reasons.append(f"{day} is in the future.")
    elif day in found.days:
        reasons.append(f"{day} appears twice.")
    else:
        return True
    return False


# --- the database


def dump(user: AbstractBaseUser) -> dict[str, object]:
    """The person's list and every day's ticks, oldest day first; two queries."""
    listed = Factor.objects.for_user(user).order_by("pk")
    ticks = ticks_by_day(user)
    return {
        "list": [
            {"name": factor.name, "ready": factor.ready, "shown": factor.shown} for factor in listed
        ],
        "days": [
            {"date": day.isoformat(), "factors": list(ticked)}
            for day, ticked in sorted(ticks.items())
        ],
    }


def ticks_by_day(user: AbstractBaseUser) -> dict[datetime.date, tuple[str, ...]]:
    """Every day's factor names, in the list's order, for the CSV export; one query."""
    ticks: dict[datetime.date, list[str]] = {}
    through = (
        Factor.days.through.objects.filter(factor__user=user)
        .order_by("entry__day", "factor_id")
        .values_list("entry__day", "factor__name")
    )
    for day, name in through:
        ticks.setdefault(day, []).append(name)
    return {day: tuple(ticked) for day, ticked in ticks.items()}


def holdings(user: AbstractBaseUser) -> list[str]:
    count = Factor.objects.for_user(user).own().count()
    line = f"{counted(count, 'factor')} of your own, and the days that record them"
    return [line] if count else []


def save(
    user: AbstractBaseUser,
    found: FactorFile,
    *,
    replace: bool,
    kept_days: Iterable[datetime.date] = (),
) -> ImportCounts:
    """Save the file's factors and their days; a day in ``kept_days`` (kept as the person had
    it, not replaced) keeps its own ticks. Inside the import's transaction."""
    with transaction.atomic():
        counts = save_list(user, found.items, replace=replace)
        save_ticks(user, found.days, replace=replace, kept_days=set(kept_days))
    return counts


def save_list(
    user: AbstractBaseUser, items: Iterable[FactorItem], *, replace: bool
) -> ImportCounts:
    mine = {factor.key: factor for factor in Factor.objects.listed(user)}
    added = replaced = kept = 0
    for item in items:
        key = names.name_key(item.name)
        have = mine.get(key)
        if have is None:
            mine[key] = Factor.objects.create(
                user=user, name=item.name, key=key, ready=item.ready, shown=item.shown
            )
            added += 1
        elif have.shown != item.shown and replace:
            have.shown = item.shown
            have.save(update_fields=["shown", "updated_at"])
            replaced += 1
        elif have.shown != item.shown:
            kept += 1
    return ImportCounts(added, replaced, kept)


def save_ticks(
    user: AbstractBaseUser,
    days: Mapping[datetime.date, tuple[str, ...]],
    *,
    replace: bool,
    kept_days: set[datetime.date],
) -> None:
    """Tick each day's factors (adding unknown names to the list); a day the person kept
    keeps its own ticks. A day the journal does not hold yet is made, with only its factors."""
    days = {day: ticked for day, ticked in days.items() if day not in kept_days}
    if not days:
        return
    mine = {factor.key: factor for factor in Factor.objects.listed(user)}
    shown_own = sum(1 for f in mine.values() if f.shown and not f.ready)
    for name in {name for ticked in days.values() for name in ticked}:
        key = names.name_key(name)
        if key not in mine:
            show = shown_own < OWN_FACTORS_MAX
            shown_own += show
            mine[key] = Factor.objects.create(user=user, name=name, key=key, shown=show)
    span = Entry.objects.for_user(user).filter(day__range=(min(days), max(days)))
    entries = dict(span.values_list("day", "pk"))
    Entry.objects.bulk_create(
        (Entry(user=user, day=day) for day in days if day not in entries), batch_size=BATCH
    )
    entries = dict(span.values_list("day", "pk"))
    through = Factor.days.through
    pks = [entries[day] for day in days]
    if replace:
        for start in range(0, len(pks), BATCH):
            through.objects.filter(entry_id__in=pks[start : start + BATCH]).delete()
    rows = [
        through(entry_id=entries[day], factor_id=mine[names.name_key(name)].pk)
        for day, ticked in days.items()
        for name in dict.fromkeys(ticked)
    ]
    through.objects.bulk_create(rows, batch_size=BATCH, ignore_conflicts=True)


def preview(
    user: AbstractBaseUser, found: FactorFile
) -> tuple[list[str], list[tuple[str, str, str]], int]:
    """What saving ``found`` would change, for an import's preview: (new, changed as
    (what, before, after), unchanged); three queries."""
    mine = {f.key: f for f in Factor.objects.for_user(user)}
    new: list[str] = []
    changed: list[tuple[str, str, str]] = []
    unchanged = 0
    for item in found.items:
        have = mine.get(names.name_key(item.name))
        if have is None:
            new.append(f"Factor “{item.name}”{'' if item.shown else ' (hidden)'}")
        elif have.shown != item.shown:
            state = {True: "shown", False: "hidden"}
            changed.append((f"Factor “{have.name}”", state[have.shown], state[item.shown]))
        else:
            unchanged += 1
    ticks = ticks_by_day(user) if found.days else {}
    for day, ticked in sorted(found.days.items()):
        what = f"{day:%a %-d %b %Y}: factors"
        have = ticks.get(day)
        if have is None:
            new.append(f"{what} {', '.join(ticked)}")
        elif set(map(names.name_key, have)) != set(map(names.name_key, ticked)):
            changed.append((what, ", ".join(have), ", ".join(ticked)))
        else:
            unchanged += 1
    return new, changed, unchanged
