"""What an imported or exported file holds, and the one way its rows are checked.

A day and a PEG week are read the same way (``RowChecker``): each cell is read into a value
or a ``BadValue``, the row's date must be a real YYYY-MM-DD that the kind of row accepts,
not in the future and not twice in the file, and the kind turns the values into a ``Day``
or a ``PegWeek``. A file with any problem yields nothing to save.

Pure: no database, no request.
"""

import datetime
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Generic, Protocol, TypeVar

from footcare import names
from footcare.vocabulary import (
    AREA_LABELS,
    AREAS,
    EARLIEST_DAY,
    FACTOR_NAME_MAX_LENGTH,
    FACTOR_SEPARATOR,
    NOTE_MAX_LENGTH,
    PAIN_MAX,
    PAIN_MIN,
    PEG_ITEMS,
    before_the_journal,
)

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_ROWS = 20_000

# Strict on purpose: date.fromisoformat also takes "20261125" and week dates, and int()
# takes "1_0" and non-ASCII digits, none of which a journal file should contain.
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
WHOLE_NUMBER = re.compile(r"[0-9]+")


@dataclass(frozen=True, order=True)
class ExerciseRef:
    order: int
    slug: str
    name: str
    pk: int = field(compare=False)


@dataclass(frozen=True)
class Day:
    day: datetime.date
    back: int | None
    hip: int | None
    knee: int | None
    exercises: tuple[ExerciseRef, ...]
    note: str
    # The factors of the day by name (the day CSV's last column; the JSON backup keeps them
    # in its "factors" part instead).
    factors: tuple[str, ...] = ()


@dataclass(frozen=True)
class PegWeek:
    week: datetime.date  # the Monday that starts the ISO week
    pain: int | None
    enjoyment: int | None
    activity: int | None

    @property
    def items(self) -> tuple[int | None, int | None, int | None]:
        return (self.pain, self.enjoyment, self.activity)

    @property
    def score(self) -> float | None:
        if any(value is None for value in self.items):
            return None
        return sum(self.items) / len(self.items)

    def as_json(self) -> dict[str, object]:
        return {"week": self.week.isoformat(), **dict(zip(PEG_ITEMS, self.items, strict=True))}


@dataclass(frozen=True)
class Problem:
    # The CSV line a bad row starts on, or the JSON entry's position; 0 for the whole file.
    where: int
    message: str


@dataclass
class Parsed:
    days: list[Day]
    problems: list[Problem]
    # What `Problem.where` counts, for the page that lists them.
    unit: str = "Line"
    # Weekly PEG check-ins: from a PEG CSV, or the "peg" list of a JSON backup.
    weeks: list[PegWeek] = field(default_factory=list)
    # A medicines CSV (``journal.transfer.medicines.MedicineFile``), or None. The JSON
    # backup's parts are read by ``journal.transfer.backup``, not into this.
    medicines: object = None

    def __post_init__(self) -> None:
        # All or nothing starts here: a file with any problem yields no day to save.
        if self.problems:
            self.days = []
            self.weeks = []
            self.medicines = None

    @property
    def ok(self) -> bool:
        return not self.problems


class Catalog:
    """Every exercise, active or retired, found by name or slug in any letter case."""

    def __init__(self, exercises: Iterable[ExerciseRef]) -> None:
        self._by_key: dict[str, ExerciseRef] = {}
        for ref in exercises:
            self._by_key[ref.slug.casefold()] = ref
            self._by_key[ref.name.casefold()] = ref

    def find(self, text: str) -> ExerciseRef | None:
        return self._by_key.get(text.strip().casefold())


@dataclass(frozen=True)
class BadValue:
    """A cell that could not be read, carried to the row's list of problems."""

    message: str

    def __str__(self) -> str:
        return self.message


# --- one row's date and values

Row = TypeVar("Row", Day, PegWeek)
Values = Mapping[str, object]


class RowKind(Protocol[Row]):
    """What differs between a day and a PEG week; the checking is ``RowChecker``'s."""

    how: str  # how to write the date, for the "not a date" message
    # A PEG week lists its cells' problems before the date's, a day the other way round.
    date_first: bool

    def date_rule(self, day: datetime.date, text: str) -> str | None: ...
    def in_the_future(self, text: str) -> str: ...
    def twice(self, text: str, where: str) -> str: ...
    def check(self, values: Values) -> list[str]: ...
    def nothing_in(self, values: Values) -> str | None: ...
    def make(self, day: datetime.date, values: Values) -> Row: ...


class RowChecker(Generic[Row]):
    """Checks one row at a time, keeping good rows and every problem of the bad ones."""

    def __init__(self, kind: RowKind[Row], today: datetime.date, unit: str) -> None:
        self.kind = kind
        self.today = today
        self.unit = unit
        self.rows: list[Row] = []
        self.problems: list[Problem] = []
        self.seen: dict[datetime.date, int] = {}

    def add(self, where: int, date: str | BadValue, values: Values) -> None:
        date_reasons: list[str] = []
        day = self._date(where, date, date_reasons)
        value_reasons = self.kind.check(values)
        if self.kind.date_first:
            reasons = date_reasons + value_reasons
        else:
            reasons = value_reasons + date_reasons
        if not reasons and (empty := self.kind.nothing_in(values)):
            reasons = [empty]
        if reasons or day is None:
            self.problems.append(Problem(where, " ".join(capitalise(r) for r in reasons)))
            return
        self.rows.append(self.kind.make(day, values))

    def _date(self, where: int, text: str | BadValue, reasons: list[str]) -> datetime.date | None:
        day = iso_date(text, reasons, self.kind.how)
        if day is None:
            return None
        assert isinstance(text, str)
        problem = self.kind.date_rule(day, text)
        if problem is None and day > self.today:
            problem = self.kind.in_the_future(text)
        if problem is None and day in self.seen:
            problem = self.kind.twice(text, f"{self.unit.lower()} {self.seen[day]}")
        if problem is not None:
            reasons.append(problem)
            return None
        self.seen[day] = where
        return day


class DayKind:
    """A day of the journal: date, the areas' ratings, exercises by name, a note."""

    how = "write it as YYYY-MM-DD"
    date_first = True

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog

    def date_rule(self, day: datetime.date, text: str) -> str | None:
        if before_the_journal(day):
            return f"{text} is before {EARLIEST_DAY:%-d %B %Y}, the journal's first day."
        return None

    def in_the_future(self, text: str) -> str:
        return f"{text} is in the future."

    def twice(self, text: str, where: str) -> str:
        return f"{text} appears twice in the file (also {where})."

    def check(self, values: Values) -> list[str]:
        reasons = [
            f"{AREA_LABELS[area]}: {values[area]}"
            for area in AREAS
            if isinstance(values[area], BadValue)
        ]
        exercises, note = values["exercises"], values["note"]
        if isinstance(exercises, BadValue):
            reasons.append(str(exercises))
        else:
            for name in exercises:
                if self.catalog.find(name) is None:
                    reasons.append(f"unknown exercise “{short(name.strip())}”.")
        for name in values.get("factors", ()):
            if (problem := factor_name_problem(name)) is not None:
                reasons.append(problem)
        if isinstance(note, BadValue):
            reasons.append(str(note))
        elif len(note) > NOTE_MAX_LENGTH:
            reasons.append(f"the note has {len(note)} characters; the most is {NOTE_MAX_LENGTH}.")
        elif "\x00" in note:
            reasons.append("the note contains a null character.")
        return reasons

    def nothing_in(self, values: Values) -> str | None:
        # An empty day cannot come from an export; a file may hold one, and it is kept.
        return None

    def make(self, day: datetime.date, values: Values) -> Day:
        refs = {self.catalog.find(name) for name in values["exercises"]}
        return Day(
            day,
            *(values[area] for area in AREAS),
            exercises=tuple(sorted(refs)),
            note=values["note"],
            factors=tuple(dict.fromkeys(values.get("factors", ()))),
        )


class WeekKind:
    """A PEG week: its Monday and the three items, at least one answered."""

    how = "write the week's Monday as YYYY-MM-DD"
    date_first = False

    def date_rule(self, day: datetime.date, text: str) -> str | None:
        if day.weekday() != 0:
            return f"{text} is not a Monday; a PEG week is named by its Monday."
        return None

    def in_the_future(self, text: str) -> str:
        return f"the week of {text} is in the future."

    def twice(self, text: str, where: str) -> str:
        return f"the week of {text} appears twice (also {where})."

    def check(self, values: Values) -> list[str]:
        return [f"{name}: {value}" for name, value in values.items() if isinstance(value, BadValue)]

    def nothing_in(self, values: Values) -> str | None:
        if all(value is None for value in values.values()):
            return "no question is answered."
        return None

    def make(self, day: datetime.date, values: Values) -> PegWeek:
        return PegWeek(day, *(values[name] for name in PEG_ITEMS))


# --- cells


def csv_rating(text: str) -> int | BadValue | None:
    text = text.strip()
    if text == "":
        return None
    if not WHOLE_NUMBER.fullmatch(text):
        return BadValue(f"“{short(text, 20)}” is not a whole number from 0 to 10.")
    return _in_range(int(text))


def json_rating(value: object) -> int | BadValue | None:
    if value is None:
        return None
    # bool is an int in Python, but true/false is not a pain rating.
    if isinstance(value, bool) or not isinstance(value, int):
        return BadValue(f"{short(json.dumps(value), 20)} is not a whole number from 0 to 10.")
    return _in_range(value)


def _in_range(value: int) -> int | BadValue:
    if not PAIN_MIN <= value <= PAIN_MAX:
        return BadValue(f"{value} is outside {PAIN_MIN}–{PAIN_MAX}.")
    return value


class Bad(ValueError):
    """A backup's JSON value that cannot be read; the message says what to write instead."""


def json_date(value: object, how: str) -> datetime.date:
    """A backup's JSON value written YYYY-MM-DD; ``how`` is the message for any other form."""
    if not isinstance(value, str) or not ISO_DATE.fullmatch(value):
        raise Bad(how)
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise Bad(f"{short(value)} is not a date") from error


def iso_date(text: str | BadValue, reasons: list[str], how: str) -> datetime.date | None:
    """A cell read as YYYY-MM-DD, or None with the reason added (``how`` says what to write)."""
    if isinstance(text, BadValue):
        reasons.append(str(text))
        return None
    try:
        if not ISO_DATE.fullmatch(text):
            raise ValueError
        return datetime.date.fromisoformat(text)
    except ValueError:
        reasons.append(f"“{short(text)}” is not a date; {how}.")
        return None


def decode(data: bytes) -> str | Problem:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return Problem(
            line,
            "This is not UTF-8 text. Save the file as “CSV UTF-8” (or export it again "
            "from Footcare Journal) and try again.",
        )


def whole_file_problem(message: str) -> Parsed:
    return Parsed([], [Problem(0, message)])


def too_many_rows() -> Parsed:
    return whole_file_problem(
        f"The file has more than {MAX_ROWS:,} days. Split it into smaller files and import "
        "them one after the other."
    )


def short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def factor_name_problem(name: str) -> str | None:
    """Why ``name`` cannot be a factor of the day in a file, or None."""
    problem = names.text_problem(
        name, what="The factor's name", limit=FACTOR_NAME_MAX_LENGTH, required=True
    )
    if problem is None and FACTOR_SEPARATOR in name:
        problem = f"the factor “{short(name)}” contains “;”, which separates factors."
    return problem
