"""The journal as a JSON backup: every day, and the weekly PEG check-ins.

{"format": "footcare-journal", "version": 1, "exported_at": ..., "entries": [{"date",
"back", "hip", "knee", "exercises" (slugs), "note"}, ...], "peg": [{"week", "pain",
"enjoyment", "activity"}, ...], ...}. The "peg" list is optional: version 1 readers ignore
it and this reader accepts it absent. The backup's other keys are read and written by its
registered parts (``journal.transfer.backup``, ``journal.transfer.parts``).
"""

import datetime
import json
import re
from collections.abc import Callable, Iterable

from footcare.vocabulary import AREAS, PEG_ITEMS

from . import rows
from .rows import (
    MAX_ROWS,
    BadValue,
    Parsed,
    Problem,
    Values,
    decode,
    json_rating,
    short,
    too_many_rows,
)

JSON_FORMAT = "footcare-journal"
JSON_VERSION = 1
JSON_KEYS = frozenset({"date", *AREAS, "exercises", "note"})
PEG_JSON_KEYS = frozenset({"week", *PEG_ITEMS})


def read_envelope(data: bytes) -> dict[str, object] | Problem:
    """The document of a JSON backup, or the one problem that stops it being read.

    Checks what is common to the whole file: UTF-8, JSON, the format and version, and lone
    surrogates anywhere but in the entries (each entry reports its own, by position).
    """
    text = decode(data)
    if isinstance(text, Problem):
        return text
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        return Problem(error.lineno, f"This is not valid JSON ({error.msg}).")
    except (ValueError, RecursionError):
        return Problem(0, "This is not a JSON file that Footcare Journal can read.")
    outside = (
        {k: v for k, v in document.items() if k != "entries"}
        if isinstance(document, dict)
        else document
    )
    if _has_surrogate(outside):
        return Problem(0, SURROGATE_MESSAGE)
    if not isinstance(document, dict) or document.get("format") != JSON_FORMAT:
        return Problem(
            0,
            f"This JSON file is not a Footcare Journal export (it has no "
            f"“format”: “{JSON_FORMAT}”).",
        )
    version = document.get("version")
    # type(), not isinstance(): true is an int in Python and must not read as version 1.
    if type(version) is not int or version != JSON_VERSION:
        return Problem(
            0,
            f"This file is format version {short(json.dumps(version))}; this app reads "
            f"version {JSON_VERSION}.",
        )
    return document


def read_entries(
    entries: object, catalog: rows.Catalog, today: datetime.date
) -> tuple[list[rows.Day], list[Problem]]:
    """The "entries" list: the days, or every problem numbered by position (0: the list)."""
    if not isinstance(entries, list):
        return [], [Problem(0, "The file has no list of “entries”.")]
    if len(entries) > MAX_ROWS:
        return [], too_many_rows().problems
    days = rows.RowChecker(rows.DayKind(catalog), today, "Entry")
    _check_objects(entries, days, "An entry", JSON_KEYS, _day, surrogates=True)
    return days.rows, days.problems


def read_weeks(peg: object, today: datetime.date) -> tuple[list[rows.PegWeek], list[Problem]]:
    """The optional "peg" list (None: an older file without it)."""
    if peg is None:
        return [], []
    if not isinstance(peg, list) or len(peg) > MAX_ROWS:
        return [], [Problem(0, f"“peg” must be a list of at most {MAX_ROWS:,} weeks.")]
    weeks = rows.RowChecker(rows.WeekKind(), today, "PEG week")
    _check_objects(peg, weeks, "A PEG week", PEG_JSON_KEYS, _week, surrogates=False)
    return weeks.rows, weeks.problems


def parse_json(data: bytes, catalog: rows.Catalog, today: datetime.date) -> Parsed:
    """The days and PEG weeks of a JSON backup (the backup's other parts are read by
    ``journal.transfer.backup``)."""
    document = read_envelope(data)
    if isinstance(document, Problem):
        return Parsed([], [document])
    days, problems = read_entries(document.get("entries"), catalog, today)
    if problems and problems[0].where == 0:
        return Parsed([], problems)
    weeks, week_problems = read_weeks(document.get("peg"), today)
    # A bad PEG week is reported after the entries, with its own numbering.
    problems.extend(
        Problem(0, f"PEG week {p.where}: {p.message}" if p.where else p.message)
        for p in week_problems
    )
    return Parsed(days, problems, "Entry", weeks)


def _check_objects(
    items: list[object],
    checker: rows.RowChecker,
    noun: str,
    known: frozenset[str],
    read: Callable[[dict[str, object]], tuple[str | BadValue, Values]],
    *,
    surrogates: bool,
) -> None:
    """Check each object of a list (numbered from 1) into ``checker``."""
    for position, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            checker.problems.append(Problem(position, f"{noun} must be an object {{…}}."))
            continue
        # The entries are left out of the whole file's check, so each is checked here.
        if surrogates and _has_surrogate(item):
            checker.problems.append(Problem(position, SURROGATE_MESSAGE))
            continue
        unknown = sorted(str(key) for key in item.keys() - known)
        if unknown:
            checker.problems.append(Problem(position, f"Unknown field {', '.join(unknown)}."))
            continue
        date, values = read(item)
        checker.add(position, date, values)


def _day(item: dict[str, object]) -> tuple[str | BadValue, Values]:
    date, exercises, note = item.get("date"), item.get("exercises", []), item.get("note", "")
    names_ok = isinstance(exercises, list) and all(isinstance(e, str) for e in exercises)
    return (
        date if isinstance(date, str) else BadValue("the date is missing or not a text."),
        {
            **{area: json_rating(item.get(area)) for area in AREAS},
            "exercises": exercises
            if names_ok
            else BadValue("exercises must be a list of exercise names."),
            "note": note if isinstance(note, str) else BadValue("the note must be a text."),
        },
    )


def _week(item: dict[str, object]) -> tuple[str | BadValue, Values]:
    week = item.get("week")
    return (
        week if isinstance(week, str) else BadValue("the week is missing or not a text."),
        {name: json_rating(item.get(name)) for name in PEG_ITEMS},
    )


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


# --- days to a file


def write_json(
    days: Iterable[rows.Day],
    exported_at: datetime.datetime,
    weeks: "Iterable[rows.PegWeek]" = (),
) -> bytes:
    """Days and weeks alone in the backup's format (the export writes every part with
    ``journal.transfer.backup.write_document``)."""
    document = {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "exported_at": exported_at.isoformat(timespec="seconds"),
        "entries": [entry_json(day) for day in days],
        "peg": [week.as_json() for week in weeks],
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode()


def entry_json(day: rows.Day) -> dict[str, object]:
    return {
        "date": day.day.isoformat(),
        "back": day.back,
        "hip": day.hip,
        "knee": day.knee,
        "exercises": [ref.slug for ref in day.exercises],
        "note": day.note,
    }
