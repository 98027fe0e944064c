"""The journal as a JSON backup: every day, and the weekly PEG check-ins.

{"format": "footcare-journal", "version": 1, "exported_at": ..., "entries": [{"date",
"back", "hip", "knee", "exercises" (slugs), "note"}, ...], "peg": [{"week", "pain",
"enjoyment", "activity"}, ...], "factors": {...}, "medicines": [...]}. The "peg" list is
optional: version 1 readers ignore it and this reader accepts it absent; so are "my_routine"
and "relief" (``routines``), and "factors" and "medicines" (journal.transfer.factors,
.medicines).
"""

import datetime
import json
import re
from collections.abc import Callable, Iterable

from footcare.vocabulary import AREAS, PEG_ITEMS

from . import factors, medicines, routines, rows
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
    whole_file_problem,
)

JSON_FORMAT = "footcare-journal"
JSON_VERSION = 1
JSON_KEYS = frozenset({"date", *AREAS, "exercises", "note"})
PEG_JSON_KEYS = frozenset({"week", *PEG_ITEMS})


def parse_json(data: bytes, catalog: rows.Catalog, today: datetime.date) -> Parsed:
    text = decode(data)
    if isinstance(text, Problem):
        return Parsed([], [text])
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        return Parsed([], [Problem(error.lineno, f"This is not valid JSON ({error.msg}).")])
    except (ValueError, RecursionError):
        return whole_file_problem("This is not a JSON file that Footcare Journal can read.")
    outside = (
        {k: v for k, v in document.items() if k != "entries"}
        if isinstance(document, dict)
        else document
    )
    if _has_surrogate(outside):
        return whole_file_problem(SURROGATE_MESSAGE)
    if not isinstance(document, dict) or document.get("format") != JSON_FORMAT:
        return whole_file_problem(
            f"This JSON file is not a Footcare Journal export (it has no "
            f"“format”: “{JSON_FORMAT}”)."
        )
    if document.get("version") != JSON_VERSION:
        return whole_file_problem(
            f"This file is format version {short(repr(document.get('version')))}; this app reads "
            f"version {JSON_VERSION}."
        )
    entries = document.get("entries")
    if not isinstance(entries, list):
        return whole_file_problem("The file has no list of “entries”.")
    if len(entries) > MAX_ROWS:
        return too_many_rows()

    days = rows.RowChecker(rows.DayKind(catalog), today, "Entry")
    _check_objects(entries, days, "An entry", JSON_KEYS, _day, surrogates=True)
    weeks = rows.RowChecker(rows.WeekKind(), today, "PEG week")
    peg = document.get("peg", [])
    if not isinstance(peg, list) or len(peg) > MAX_ROWS:
        days.problems.append(Problem(0, f"“peg” must be a list of at most {MAX_ROWS:,} weeks."))
    else:
        _check_objects(peg, weeks, "A PEG week", PEG_JSON_KEYS, _week, surrogates=False)
    # A bad PEG week is reported after the entries, with its own numbering.
    days.problems.extend(Problem(0, f"PEG week {p.where}: {p.message}") for p in weeks.problems)
    found, problems = routines.read(document, catalog)
    days.problems.extend(problems)
    ticked, factor_problems = factors.read(document.get(factors.KEY), today)
    days.problems.extend(Problem(0, p.message) for p in factor_problems)
    taken, medicine_problems = medicines.read_json(document.get(medicines.KEY), today)
    days.problems.extend(
        Problem(0, f"Medicine change {p.where}: {p.message}") for p in medicine_problems
    )
    parsed = Parsed(days.rows, days.problems, "Entry", weeks.rows, found)
    if parsed.ok:
        parsed.factors, parsed.medicines = ticked or None, taken or None
    return parsed


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
    extra: dict[str, object] | None = None,
) -> bytes:
    """The backup; ``extra`` adds whole parts ("my_routine", "relief": ``routines.dump``;
    "factors", "medicines": ``factors.dump``, ``medicines.dump``)."""
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
        **(extra or {}),
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode()
