"""Medicines and their dated changes in files.

JSON backup, key "medicines" (optional; an older file has none):
[{"name": "Naproxen", "events": [{"date": "2026-11-03", "event": "started", "dose": "500 mg",
  "how_often": "twice a day"}, {"date": "2026-12-01", "event": "stopped", "dose": "",
  "how_often": ""}]}, ...]

Medicines CSV (its own file, told apart by its header): medicine,date,event,dose,how_often,
one row per change, oldest first within each medicine; the CSV formula rule applies to the
texts as in the day CSV.

``read_json`` and ``parse_csv`` are pure; ``dump``, ``save`` and ``holdings`` read or write one
person's medicines in a constant number of queries.
"""

import csv
import datetime
import io
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from footcare import names
from footcare.vocabulary import (
    DOSE_MAX_LENGTH,
    EARLIEST_DAY,
    EVENTS_PER_MEDICINE_MAX,
    HOW_OFTEN_MAX_LENGTH,
    MEDICINE_EVENT_KEYS,
    MEDICINE_NAME_MAX_LENGTH,
    MEDICINES_MAX,
    counted,
)
from journal.models import Medicine, MedicineEvent
from journal.models.medicines import STOPPED, Change, order_problem

from .csvfile import CsvSyntaxError, guard_formula, read_csv_records, unguard_formula
from .rows import Parsed, Problem, decode, iso_date, short
from .store import ImportCounts

KEY = "medicines"
CSV_COLUMNS = ("medicine", "date", "event", "dose", "how_often")


@dataclass(frozen=True)
class MedicineItem:
    name: str
    events: tuple[Change, ...]


@dataclass
class MedicineFile:
    medicines: list[MedicineItem] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.medicines)


# --- checking (pure)


class Checker:
    """Collects the medicines of a file, one change at a time, and every problem."""

    def __init__(self, today: datetime.date) -> None:
        self.today = today
        self.problems: list[Problem] = []
        self.names: dict[str, str] = {}  # name key -> the name as first written
        self.events: dict[str, list[Change]] = {}
        self.first_at: dict[str, int] = {}

    def add(
        self, where: int, name: object, date: object, kind: object, dose: object, how_often: object
    ) -> None:
        reasons = []
        if not isinstance(name, str):
            reasons.append("the medicine's name must be a text.")
        elif problem := names.text_problem(
            name, what="The medicine's name", limit=MEDICINE_NAME_MAX_LENGTH, required=True
        ):
            reasons.append(problem)
        day = iso_date(date if isinstance(date, str) else "", reasons, "write it as YYYY-MM-DD")
        if day is not None and day < EARLIEST_DAY:
            reasons.append(f"{day} is before {EARLIEST_DAY:%-d %B %Y}, the journal's first day.")
        elif day is not None and day > self.today:
            reasons.append(f"{day} is in the future.")
        if kind not in MEDICINE_EVENT_KEYS:
            reasons.append(
                f"“{short(str(kind))}” is not a change: write {', '.join(MEDICINE_EVENT_KEYS)}."
            )
        for value, what, limit in (
            (dose, "The dose", DOSE_MAX_LENGTH),
            (how_often, "How often", HOW_OFTEN_MAX_LENGTH),
        ):
            if not isinstance(value, str):
                reasons.append(f"{what.lower()} must be a text.")
            elif problem := names.text_problem(value, what=what, limit=limit, required=False):
                reasons.append(problem)
        if not reasons and kind == STOPPED and (names.tidy(dose) or names.tidy(how_often)):
            reasons.append("a stop has no dose: leave the dose and how often empty.")
        if reasons:
            self.problems.append(Problem(where, " ".join(_capital(r) for r in reasons)))
            return
        key = names.name_key(name)
        self.names.setdefault(key, names.tidy(name))
        self.first_at.setdefault(key, where)
        changes = self.events.setdefault(key, [])
        changes.append(Change(day, kind, names.tidy(dose), names.tidy(how_often)))

    def result(self) -> tuple[MedicineFile, list[Problem]]:
        if len(self.names) > MEDICINES_MAX:
            self.problems.append(Problem(0, f"More than {MEDICINES_MAX} medicines."))
        found = MedicineFile()
        for key, name in self.names.items():
            changes = self.events[key]
            if len(changes) > EVENTS_PER_MEDICINE_MAX:
                self.problems.append(
                    Problem(
                        self.first_at[key],
                        f"{name} has more than {EVENTS_PER_MEDICINE_MAX} changes.",
                    )
                )
            elif problem := order_problem(name, changes):
                self.problems.append(Problem(self.first_at[key], problem))
            else:
                found.medicines.append(
                    MedicineItem(name, tuple(sorted(changes, key=lambda c: c.day)))
                )
        return found, self.problems


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def read_json(value: object, today: datetime.date) -> tuple[MedicineFile, list[Problem]]:
    """The "medicines" part of a JSON backup, checked; positions count the changes from 1."""
    checker = Checker(today)
    if value is None:
        return checker.result()
    if not isinstance(value, list) or len(value) > MEDICINES_MAX:
        return MedicineFile(), [
            Problem(0, f"“medicines” must be a list of at most {MEDICINES_MAX}.")
        ]
    position = 0
    for medicine in value:
        if not isinstance(medicine, dict) or set(medicine) != {"name", "events"}:
            checker.problems.append(
                Problem(position + 1, "A medicine is an object with “name” and “events”.")
            )
            continue
        events = medicine["events"]
        if not isinstance(events, list) or not events:
            checker.problems.append(
                Problem(position + 1, "A medicine's “events” is a list of its changes.")
            )
            continue
        for event in events[: EVENTS_PER_MEDICINE_MAX + 1]:
            position += 1
            if not isinstance(event, dict) or set(event) - {"date", "event", "dose", "how_often"}:
                checker.problems.append(
                    Problem(
                        position,
                        "A change is an object with “date”, “event”, “dose” and “how_often”.",
                    )
                )
                continue
            checker.add(
                position,
                medicine["name"],
                event.get("date"),
                event.get("event"),
                event.get("dose", ""),
                event.get("how_often", ""),
            )
    return checker.result()


def is_medicines_csv(data: bytes) -> bool:
    first = data.split(b"\n", 1)[0].removeprefix("\ufeff".encode()).strip().lower()
    return first.startswith(b"medicine,")


def parse_csv(data: bytes, today: datetime.date) -> Parsed:
    """A medicines CSV, checked: every problem, or the medicines (``Parsed.medicines``)."""
    text = decode(data)
    if isinstance(text, Problem):
        return Parsed([], [text])
    checker = Checker(today)
    try:
        records = list(read_csv_records(text))
    except CsvSyntaxError as error:
        return Parsed([], [Problem(error.line, error.message)])
    if not records or [c.strip().lower() for c in records[0][1]] != list(CSV_COLUMNS):
        return Parsed(
            [], [Problem(1, f"The first line of a medicines file must be {','.join(CSV_COLUMNS)}.")]
        )
    for line, cells in records[1:]:
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(CSV_COLUMNS):
            checker.problems.append(
                Problem(line, f"Expected {len(CSV_COLUMNS)} cells, found {len(cells)}.")
            )
            continue
        name, date, kind, dose, how_often = cells
        checker.add(
            line,
            unguard_formula(name),
            date.strip(),
            kind.strip(),
            unguard_formula(dose),
            unguard_formula(how_often),
        )
    found, problems = checker.result()
    parsed = Parsed([], problems, "Line")
    if parsed.ok:
        parsed.medicines = found
    return parsed


# --- to files


def load(user: AbstractBaseUser) -> MedicineFile:
    """The person's medicines by name, each with its changes oldest first; one query."""
    events = (
        MedicineEvent.objects.for_user(user)
        .order_by("medicine__name", "medicine_id", "day")
        .values_list("medicine_id", "medicine__name", "day", "kind", "dose", "how_often")
    )
    by_medicine: dict[int, tuple[str, list[Change]]] = {}
    for pk, name, day, kind, dose, how_often in events:
        by_medicine.setdefault(pk, (name, []))[1].append(Change(day, kind, dose, how_often))
    return MedicineFile(
        [MedicineItem(name, tuple(changes)) for name, changes in by_medicine.values()]
    )


def as_json(found: MedicineFile) -> list[dict[str, object]]:
    return [
        {
            "name": item.name,
            "events": [
                {
                    "date": c.day.isoformat(),
                    "event": c.kind,
                    "dose": c.dose,
                    "how_often": c.how_often,
                }
                for c in item.events
            ],
        }
        for item in found.medicines
    ]


def dump(user: AbstractBaseUser) -> list[dict[str, object]]:
    return as_json(load(user))


def write_csv(found: MedicineFile) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for item in found.medicines:
        for c in item.events:
            writer.writerow(
                [
                    guard_formula(item.name),
                    c.day.isoformat(),
                    c.kind,
                    guard_formula(c.dose),
                    guard_formula(c.how_often),
                ]
            )
    return "\ufeff".encode() + out.getvalue().encode()


def holdings(user: AbstractBaseUser) -> list[str]:
    count = Medicine.objects.for_user(user).count()
    return [f"{counted(count, 'medicine')} with their changes"] if count else []


# --- into the database


def save(user: AbstractBaseUser, found: MedicineFile, *, replace: bool) -> ImportCounts:
    """A medicine the person has already (the same name) is kept, or its changes replaced
    by the file's; a new one is added with its changes."""
    added = replaced = kept = 0
    with transaction.atomic():
        mine = {m.key: m for m in Medicine.objects.for_user(user).with_events()}
        fresh: list[MedicineEvent] = []
        for item in found.medicines:
            key = names.name_key(item.name)
            have = mine.get(key)
            if have is not None:
                same = [_change(e) for e in have.events.all()] == list(item.events)
                if same:
                    continue
                if not replace:
                    kept += 1
                    continue
                have.events.all().delete()
                have.touch()
                medicine, replaced = have, replaced + 1
            else:
                medicine = Medicine.objects.create(user=user, name=item.name, key=key)
                mine[key] = medicine
                added += 1
            fresh += [
                MedicineEvent(
                    medicine=medicine, day=c.day, kind=c.kind, dose=c.dose, how_often=c.how_often
                )
                for c in item.events
            ]
        MedicineEvent.objects.bulk_create(fresh)
    return ImportCounts(added, replaced, kept)


def _change(event: MedicineEvent) -> Change:
    return Change(event.day, event.kind, event.dose, event.how_often)


def counts_text(counts: ImportCounts) -> str:
    if not (counts.added or counts.replaced or counts.kept):
        return ""
    return (
        f" Medicines: {counts.added} added, {counts.replaced} replaced, "
        f"{counts.kept} kept as they were."
    )


def describe(changes: tuple[Change, ...]) -> str:
    return "; ".join(f"{c.kind.replace('_', ' ')} {c.day:%-d %b %Y}" for c in changes)


def preview(
    user: AbstractBaseUser, found: MedicineFile
) -> tuple[list[str], list[tuple[str, str, str]], int]:
    """What saving ``found`` would change, for an import's preview: (new, changed as
    (what, before, after), unchanged); one query."""
    mine = {names.name_key(item.name): item for item in load(user).medicines}
    new: list[str] = []
    changed: list[tuple[str, str, str]] = []
    unchanged = 0
    for item in found.medicines:
        have = mine.get(names.name_key(item.name))
        if have is None:
            new.append(f"{item.name}: {describe(item.events)}")
        elif have.events != item.events:
            changed.append((have.name, describe(have.events), describe(item.events)))
        else:
            unchanged += 1
    return new, changed, unchanged
