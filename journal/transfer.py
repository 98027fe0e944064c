"""Moving a journal in and out of the app: CSV and JSON files.

The top half is pure: bytes in, validated days or a list of problems out; days in, bytes
out. It never touches the database or a request, so it is tested directly and the views
stay thin. The bottom half reads and writes one user's journal with a constant number of
queries (or one per batch of rows), in one transaction.

CSV columns, in this order: date,back,hip,knee,exercises,note
- date: YYYY-MM-DD
- back, hip, knee: a whole number from 0 to 10, or an empty cell for "not rated"
- exercises: exercise names joined by "; " (import also accepts slugs, in any letter case)
- note: free text; the csv module quotes commas, quotes and line breaks

The CSV starts with a UTF-8 byte order mark: without it Excel reads the file in the
computer's legacy code page and garbles every accent; LibreOffice, Numbers and Python's
"utf-8-sig" codec all skip it. Import accepts files with or without it.
"""

import csv
import datetime
import io
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from django.db import connection, models, transaction
from django.utils import timezone

from exercises.models import Exercise

from .models import (
    AREAS,
    EARLIEST_DAY,
    NOTE_MAX_LENGTH,
    PAIN_MAX,
    PAIN_MIN,
    PEG_ITEMS,
    Area,
    Entry,
    PegCheckIn,
)

CSV_COLUMNS: tuple[str, ...] = ("date", *AREAS, "exercises", "note")
EXERCISE_SEPARATOR = "; "
JSON_FORMAT = "footcare-journal"
JSON_VERSION = 1
JSON_KEYS = frozenset({"date", *AREAS, "exercises", "note"})

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
    weeks: "list[PegWeek]" = field(default_factory=list)

    def __post_init__(self) -> None:
        # All or nothing starts here: a file with any problem yields no day to save.
        if self.problems:
            self.days = []
            self.weeks = []

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


# --- pure: files to days


def parse_upload(filename: str, data: bytes, catalog: Catalog, today: datetime.date) -> Parsed:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if suffix == "json":
        return parse_json(data, catalog, today)
    if suffix in {"csv", "txt"}:
        if is_peg_csv(data):
            return parse_peg_csv(data, today)
        return parse_csv(data, catalog, today)
    return _whole_file_problem(
        "Choose a .csv or .json file exported from Footcare Journal "
        f"(this one is called “{_short(filename)}”)."
    )


def parse_csv(data: bytes, catalog: Catalog, today: datetime.date) -> Parsed:
    text = _decode(data)
    if isinstance(text, Problem):
        return Parsed([], [text])
    records = read_csv_records(text)
    try:
        header = next(records, None)
    except CsvSyntaxError as error:
        return Parsed([], [Problem(error.line, error.message)])
    if header is None:
        return _whole_file_problem("The file is empty.")
    if [cell.strip().lower() for cell in header[1]] != list(CSV_COLUMNS):
        return Parsed([], [Problem(1, _header_message(header[1]))])

    builder = _DayCollector(catalog, today, "Line")
    rows = 0
    try:
        for start, cells in records:
            if not any(cell.strip() for cell in cells):
                continue  # spreadsheets leave blank lines at the end
            rows += 1
            if rows > MAX_ROWS:
                return _too_many_rows()
            if len(cells) != len(CSV_COLUMNS):
                builder.problems.append(
                    Problem(
                        start,
                        f"Expected {len(CSV_COLUMNS)} cells ({','.join(CSV_COLUMNS)}), "
                        f"found {len(cells)}.",
                    )
                )
                continue
            values = dict(zip(CSV_COLUMNS, cells, strict=True))
            exercises = unguard_formula(values["exercises"])
            builder.add(
                start,
                date=values["date"].strip(),
                ratings={area: _csv_rating(values[area]) for area in AREAS},
                exercises=[name for name in exercises.split(";") if name.strip()],
                note=unguard_formula(values["note"]),
            )
    except CsvSyntaxError as error:
        # Past a broken quote, where a row starts is a guess: refuse the whole file rather
        # than read the following rows into one note.
        builder.problems.append(Problem(error.line, error.message))
    return Parsed(builder.days, builder.problems, "Line")


class CsvSyntaxError(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line
        self.message = message


# RFC 4180, read strictly. Possessive quantifiers: a quote that is never closed fails at
# once instead of backtracking through the rest of a 2 MB file.
_QUOTED = re.compile(r'"((?:[^"]++|"")*+)"')
_UNQUOTED = re.compile(r'[^",\r\n]*+')
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def read_csv_records(text: str) -> Iterator[tuple[int, list[str]]]:
    """Yield (line the record starts on, its cells); raise CsvSyntaxError at a stray quote.

    Python's csv module reads a quote inside an unquoted cell as text and an unclosed quote
    as "the rest of the file is one cell", which turned a typo into one day with every
    following row in its note. Lines end at \\r\\n, \\n or \\r, as an editor counts them.
    """
    pos, line, end = 0, 1, len(text)
    while pos < end:
        start, cells = line, []
        while True:
            if text.startswith('"', pos):
                match = _QUOTED.match(text, pos)
                if match is None:
                    raise CsvSyntaxError(
                        line,
                        "A quote opens a cell here and is never closed. End the cell with a "
                        'quote, and write each quote inside it twice ("").',
                    )
                cells.append(match[1].replace('""', '"'))
                line += len(_LINE_BREAK.findall(match[1]))
                quoted = True
            else:
                match = _UNQUOTED.match(text, pos)
                cells.append(match[0])
                quoted = False
            pos = match.end()
            if pos >= end:
                break
            if text[pos] == ",":
                pos += 1
                continue
            newline = _LINE_BREAK.match(text, pos)
            if newline:
                pos, line = newline.end(), line + 1
                break
            if quoted:
                raise CsvSyntaxError(
                    line,
                    "Text follows the closing quote of a cell. Write each quote inside a "
                    'quoted cell twice ("").',
                )
            raise CsvSyntaxError(
                line,
                "A quote stands inside a cell that does not start with one. Put the whole "
                'cell in quotes and write the quote inside it twice, e.g. "said ""hi""".',
            )
        yield start, cells


def parse_json(data: bytes, catalog: Catalog, today: datetime.date) -> Parsed:
    text = _decode(data)
    if isinstance(text, Problem):
        return Parsed([], [text])
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        return Parsed([], [Problem(error.lineno, f"This is not valid JSON ({error.msg}).")])
    except (ValueError, RecursionError):
        return _whole_file_problem("This is not a JSON file that Footcare Journal can read.")
    outside = (
        {k: v for k, v in document.items() if k != "entries"}
        if isinstance(document, dict)
        else document
    )
    if _has_surrogate(outside):
        return _whole_file_problem(SURROGATE_MESSAGE)
    if not isinstance(document, dict) or document.get("format") != JSON_FORMAT:
        return _whole_file_problem(
            f"This JSON file is not a Footcare Journal export (it has no "
            f"“format”: “{JSON_FORMAT}”)."
        )
    if document.get("version") != JSON_VERSION:
        return _whole_file_problem(
            f"This file is format version {_short(repr(document.get('version')))}; this app reads "
            f"version {JSON_VERSION}."
        )
    entries = document.get("entries")
    if not isinstance(entries, list):
        return _whole_file_problem("The file has no list of “entries”.")
    if len(entries) > MAX_ROWS:
        return _too_many_rows()

    builder = _DayCollector(catalog, today, "Entry")
    for position, item in enumerate(entries, start=1):
        if not isinstance(item, dict):
            builder.problems.append(Problem(position, "An entry must be an object {…}."))
            continue
        if _has_surrogate(item):
            builder.problems.append(Problem(position, SURROGATE_MESSAGE))
            continue
        unknown = sorted(str(key) for key in item.keys() - JSON_KEYS)
        if unknown:
            builder.problems.append(Problem(position, f"Unknown field {', '.join(unknown)}."))
            continue
        exercises = item.get("exercises", [])
        note = item.get("note", "")
        date = item.get("date")
        builder.add(
            position,
            date=date if isinstance(date, str) else BadValue("the date is missing or not a text."),
            ratings={area: _json_rating(item.get(area)) for area in AREAS},
            exercises=exercises
            if isinstance(exercises, list) and all(isinstance(e, str) for e in exercises)
            else BadValue("exercises must be a list of exercise names."),
            note=note if isinstance(note, str) else BadValue("the note must be a text."),
        )
    weeks = _PegCollector(today, "PEG week")
    peg = document.get("peg", [])
    if not isinstance(peg, list) or len(peg) > MAX_ROWS:
        builder.problems.append(Problem(0, f"“peg” must be a list of at most {MAX_ROWS:,} weeks."))
    else:
        for position, item in enumerate(peg, start=1):
            weeks.add_json(position, item)
    # A bad PEG week is reported after the entries, with its own numbering.
    builder.problems.extend(Problem(0, f"PEG week {p.where}: {p.message}") for p in weeks.problems)
    return Parsed(builder.days, builder.problems, "Entry", weeks.weeks)


# JSON may escape half of a UTF-16 pair ("\\ud800"); Python then holds a string no database
# or page can encode, which was a 500.
_SURROGATE = re.compile("[\ud800-\udfff]")
SURROGATE_MESSAGE = (
    "It contains an escape such as \\ud800 that stands for half of a character (a lone "
    "surrogate), not a character. Remove it or export the file again."
)


def _has_surrogate(value: object) -> bool:
    if isinstance(value, str):
        return _SURROGATE.search(value) is not None
    if isinstance(value, dict):
        return any(_has_surrogate(k) or _has_surrogate(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_surrogate(item) for item in value)
    return False


class _DayCollector:
    """Checks one row at a time, keeping good days and every problem of the bad ones."""

    def __init__(self, catalog: Catalog, today: datetime.date, unit: str) -> None:
        self.catalog = catalog
        self.unit = unit
        self.today = today
        self.days: list[Day] = []
        self.problems: list[Problem] = []
        self.seen: dict[datetime.date, int] = {}

    def add(
        self,
        where: int,
        *,
        date: str | BadValue,
        ratings: dict[str, int | BadValue | None],
        exercises: Sequence[str] | BadValue,
        note: str | BadValue,
    ) -> None:
        reasons: list[str] = []
        day = self._day(where, date, reasons)
        for area, value in ratings.items():
            if isinstance(value, BadValue):
                reasons.append(f"{Area(area).label}: {value}")
        refs: list[ExerciseRef] = []
        if isinstance(exercises, BadValue):
            reasons.append(str(exercises))
        else:
            for name in exercises:
                ref = self.catalog.find(name)
                if ref is None:
                    reasons.append(f"unknown exercise “{_short(name.strip())}”.")
                else:
                    refs.append(ref)
        if isinstance(note, BadValue):
            reasons.append(str(note))
        elif len(note) > NOTE_MAX_LENGTH:
            reasons.append(f"the note has {len(note)} characters; the most is {NOTE_MAX_LENGTH}.")
        elif "\x00" in note:
            reasons.append("the note contains a null character.")
        if reasons or day is None:
            self.problems.append(Problem(where, " ".join(_capitalise(r) for r in reasons)))
            return
        self.days.append(
            Day(
                day,
                *(ratings[area] for area in AREAS),
                exercises=tuple(sorted(set(refs))),
                note=note,
            )
        )

    def _day(self, where: int, text: str | BadValue, reasons: list[str]) -> datetime.date | None:
        day = _iso_date(text, reasons, "write it as YYYY-MM-DD")
        if day is None:
            return None
        if day > self.today:
            reasons.append(f"{text} is in the future.")
            return None
        if day < EARLIEST_DAY:
            reasons.append(f"{text} is before {EARLIEST_DAY:%-d %B %Y}, the journal's first day.")
            return None
        if day in self.seen:
            reasons.append(
                f"{text} appears twice in the file (also {self.unit.lower()} {self.seen[day]})."
            )
            return None
        self.seen[day] = where
        return day


def _csv_rating(text: str) -> int | BadValue | None:
    text = text.strip()
    if text == "":
        return None
    if not WHOLE_NUMBER.fullmatch(text):
        return BadValue(f"“{_short(text, 20)}” is not a whole number from 0 to 10.")
    return _in_range(int(text))


def _json_rating(value: object) -> int | BadValue | None:
    if value is None:
        return None
    # bool is an int in Python, but true/false is not a pain rating.
    if isinstance(value, bool) or not isinstance(value, int):
        return BadValue(f"{_short(json.dumps(value), 20)} is not a whole number from 0 to 10.")
    return _in_range(value)


def _in_range(value: int) -> int | BadValue:
    if not PAIN_MIN <= value <= PAIN_MAX:
        return BadValue(f"{value} is outside {PAIN_MIN}–{PAIN_MAX}.")
    return value


def _decode(data: bytes) -> str | Problem:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return Problem(
            line,
            "This is not UTF-8 text. Save the file as “CSV UTF-8” (or export it again "
            "from Footcare Journal) and try again.",
        )


def _header_message(header: list[str]) -> str:
    found = ",".join(header)[:120]
    message = f"The first line must be the column names {','.join(CSV_COLUMNS)}; found “{found}”."
    if len(header) == 1 and ";" in header[0]:
        message += " The columns are separated by semicolons: save the file with commas."
    return message


def _whole_file_problem(message: str) -> Parsed:
    return Parsed([], [Problem(0, message)])


def _too_many_rows() -> Parsed:
    return _whole_file_problem(
        f"The file has more than {MAX_ROWS:,} days. Split it into smaller files and import "
        "them one after the other."
    )


def _iso_date(text: str | BadValue, reasons: list[str], how: str) -> datetime.date | None:
    """A cell read as YYYY-MM-DD, or None with the reason added (``how`` says what to write)."""
    if isinstance(text, BadValue):
        reasons.append(str(text))
        return None
    try:
        if not ISO_DATE.fullmatch(text):
            raise ValueError
        return datetime.date.fromisoformat(text)
    except ValueError:
        reasons.append(f"“{_short(text)}” is not a date; {how}.")
        return None


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- pure: days to files

# OWASP's CSV injection advice: a spreadsheet runs a cell starting with one of these as a
# formula (=HYPERLINK(...), +1+cmd|...), so such a cell is written with a leading
# apostrophe, which spreadsheets show as text. A cell that already starts with apostrophes
# before one of these gets one more, so that import can remove exactly one and the round
# trip stays exact. Dates and ratings never start with one; the JSON backup is unchanged.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _looks_like_formula(text: str) -> bool:
    return text[:1] in (*FORMULA_STARTS, "'") and text.lstrip("'").startswith(FORMULA_STARTS)


def guard_formula(text: str) -> str:
    return "'" + text if _looks_like_formula(text) else text


def unguard_formula(text: str) -> str:
    return text[1:] if text.startswith("'") and _looks_like_formula(text[1:]) else text


def write_csv(days: Iterable[Day]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for day in days:
        writer.writerow(
            [
                day.day.isoformat(),
                *("" if value is None else value for value in (day.back, day.hip, day.knee)),
                guard_formula(EXERCISE_SEPARATOR.join(ref.name for ref in day.exercises)),
                guard_formula(day.note),
            ]
        )
    return "\ufeff".encode() + out.getvalue().encode()


def write_json(
    days: Iterable[Day], exported_at: datetime.datetime, weeks: "Iterable[PegWeek]" = ()
) -> bytes:
    document = {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "exported_at": exported_at.isoformat(timespec="seconds"),
        "entries": [
            {
                "date": day.day.isoformat(),
                "back": day.back,
                "hip": day.hip,
                "knee": day.knee,
                "exercises": [ref.slug for ref in day.exercises],
                "note": day.note,
            }
            for day in days
        ],
        "peg": [week.as_json() for week in weeks],
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode()


def export_filename(today: datetime.date, extension: str) -> str:
    return f"footcare-journal-{today.isoformat()}.{extension}"


# --- the database side


def catalog_refs() -> list[ExerciseRef]:
    # Retired exercises too: an old export names them and must import again.
    return [
        ExerciseRef(order, slug, name, pk)
        for pk, slug, name, order in Exercise.objects.order_by("order").values_list(
            "pk", "slug", "name", "order"
        )
    ]


def load_journal(user: models.Model) -> list[Day]:
    """The user's whole journal, oldest day first, in three queries whatever its size."""
    refs = {ref.pk: ref for ref in catalog_refs()}
    done: dict[int, list[ExerciseRef]] = {}
    # Through rows filtered by a join rather than prefetch_related's IN (...) list, whose
    # parameter count would grow with the journal and hit SQLite's limit.
    through = Entry.exercises.through.objects.filter(entry__user=user)
    for entry_id, exercise_id in through.values_list("entry_id", "exercise_id"):
        done.setdefault(entry_id, []).append(refs[exercise_id])
    rows = Entry.objects.for_user(user).order_by("day").values_list("pk", "day", *AREAS, "note")
    return [
        Day(day, back, hip, knee, tuple(sorted(done.get(pk, ()))), note)
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


# --- the weekly PEG check-ins
#
# The day CSV stays one row per day with its documented columns, so a spreadsheet or an
# older copy of the app reads it as before; PEG weeks travel in a CSV of their own
# (columns below; import tells the two apart by the header) and as an optional "peg" list
# in the JSON backup, which version 1 readers ignore and this reader accepts absent.

PEG_CSV_COLUMNS: tuple[str, ...] = ("week", *PEG_ITEMS, "score")
PEG_JSON_KEYS = frozenset({"week", *PEG_ITEMS})


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


def is_peg_csv(data: bytes) -> bool:
    first = data.split(b"\n", 1)[0].removeprefix("\ufeff".encode()).strip().lower()
    return first.startswith(b"week,")


def parse_peg_csv(data: bytes, today: datetime.date) -> Parsed:
    text = _decode(data)
    if isinstance(text, Problem):
        return Parsed([], [text])
    records = read_csv_records(text)
    try:
        first = next(records, None)
        header = first[1] if first else []
        if [cell.strip().lower() for cell in header] != list(PEG_CSV_COLUMNS):
            found = _short(",".join(header), 120)
            return Parsed(
                [],
                [
                    Problem(
                        1,
                        f"The first line of a PEG file must be {','.join(PEG_CSV_COLUMNS)}; "
                        f"found “{found}”.",
                    )
                ],
            )
        weeks = _PegCollector(today, "Line")
        for start, cells in records:
            if not any(cell.strip() for cell in cells):
                continue
            if len(weeks.weeks) + len(weeks.problems) >= MAX_ROWS:
                return _too_many_rows()
            if len(cells) != len(PEG_CSV_COLUMNS):
                weeks.problems.append(
                    Problem(start, f"Expected {len(PEG_CSV_COLUMNS)} cells, found {len(cells)}.")
                )
                continue
            values = dict(zip(PEG_CSV_COLUMNS, cells, strict=True))
            # The score column is for the reader of the spreadsheet; it is always recomputed.
            weeks.add(
                start,
                values["week"].strip(),
                {item: _csv_rating(values[item]) for item in PEG_ITEMS},
            )
    except CsvSyntaxError as error:
        return Parsed([], [Problem(error.line, error.message)])
    return Parsed([], weeks.problems, "Line", weeks.weeks)


class _PegCollector:
    def __init__(self, today: datetime.date, unit: str) -> None:
        self.today = today
        self.unit = unit
        self.weeks: list[PegWeek] = []
        self.problems: list[Problem] = []
        self.seen: dict[datetime.date, int] = {}

    def add_json(self, where: int, item: object) -> None:
        if not isinstance(item, dict):
            self.problems.append(Problem(where, "A PEG week must be an object {…}."))
            return
        unknown = sorted(str(key) for key in item.keys() - PEG_JSON_KEYS)
        if unknown:
            self.problems.append(Problem(where, f"Unknown field {', '.join(unknown)}."))
            return
        week = item.get("week")
        self.add(
            where,
            week if isinstance(week, str) else BadValue("the week is missing or not a text."),
            {name: _json_rating(item.get(name)) for name in PEG_ITEMS},
        )

    def add(
        self, where: int, week: str | BadValue, items: dict[str, int | BadValue | None]
    ) -> None:
        reasons = [
            f"{name}: {value}" for name, value in items.items() if isinstance(value, BadValue)
        ]
        monday = self._monday(where, week, reasons)
        if not reasons and all(value is None for value in items.values()):
            reasons.append("no question is answered.")
        if reasons or monday is None:
            self.problems.append(Problem(where, " ".join(_capitalise(r) for r in reasons)))
            return
        self.weeks.append(PegWeek(monday, *(items[name] for name in PEG_ITEMS)))

    def _monday(self, where: int, text: str | BadValue, reasons: list[str]) -> datetime.date | None:
        week = _iso_date(text, reasons, "write the week's Monday as YYYY-MM-DD")
        if week is None:
            return None
        if week.weekday() != 0:
            reasons.append(f"{text} is not a Monday; a PEG week is named by its Monday.")
            return None
        if week > self.today:
            reasons.append(f"the week of {text} is in the future.")
            return None
        if week in self.seen:
            reasons.append(
                f"the week of {text} appears twice (also {self.unit.lower()} {self.seen[week]})."
            )
            return None
        self.seen[week] = where
        return week


def write_peg_csv(weeks: Iterable[PegWeek]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(PEG_CSV_COLUMNS)
    for week in weeks:
        score = "" if week.score is None else f"{week.score:.2f}"
        writer.writerow(
            [week.week.isoformat(), *("" if v is None else v for v in week.items), score]
        )
    return "\ufeff".encode() + out.getvalue().encode()


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


def save_import(
    user: models.Model, parsed: Parsed, *, replace: bool
) -> tuple[ImportCounts, ImportCounts]:
    """Save a checked file's days and PEG weeks together, or nothing if either fails."""
    if not parsed.weeks:
        # No outer transaction (and its savepoint round trips) for a file of days only.
        return save_journal(user, parsed.days, replace=replace), ImportCounts(0, 0, 0)
    with transaction.atomic():
        days = save_journal(user, parsed.days, replace=replace)
        return days, save_peg(user, parsed.weeks, replace=replace)


def _peg_fields(week: PegWeek) -> dict[str, int | None]:
    return dict(zip(PEG_ITEMS, week.items, strict=True))


def peg_export_filename(today: datetime.date) -> str:
    return f"footcare-peg-{today.isoformat()}.csv"
