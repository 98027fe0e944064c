"""The journal as CSV files: days in one, weekly PEG check-ins in another.

Day CSV columns, in this order: date,back,hip,knee,exercises,note,factors
- date: YYYY-MM-DD
- back, hip, knee: a whole number from 0 to 10, or an empty cell for "not rated"
- exercises: exercise names joined by "; " (import also accepts slugs, in any letter case)
- note: free text; the csv module quotes commas, quotes and line breaks
- factors: the factors of the day ticked, by name, joined by "; " (a file without this
  column, from before it existed, still imports)

PEG CSV columns: week,pain,enjoyment,activity,score (the week's Monday; the score is for the
reader of the spreadsheet and is always recomputed). Import tells the two apart by the
header; the day CSV stays one row per day with its documented columns, so a spreadsheet or
an older copy of the app reads it as before.

The CSV starts with a UTF-8 byte order mark: without it Excel reads the file in the
computer's legacy code page and garbles every accent; LibreOffice, Numbers and Python's
"utf-8-sig" codec all skip it. Import accepts files with or without it.
"""

import csv
import datetime
import io
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from footcare.vocabulary import AREAS, FACTOR_SEPARATOR, PEG_ITEMS

from .rows import (
    MAX_ROWS,
    Catalog,
    Day,
    DayKind,
    Parsed,
    PegWeek,
    Problem,
    RowChecker,
    Values,
    WeekKind,
    csv_rating,
    decode,
    short,
    too_many_rows,
)

CSV_COLUMNS: tuple[str, ...] = ("date", *AREAS, "exercises", "note", "factors")
# Files exported before the factors of the day had their column: read as before.
CSV_COLUMNS_WITHOUT_FACTORS: tuple[str, ...] = CSV_COLUMNS[:-1]
PEG_CSV_COLUMNS: tuple[str, ...] = ("week", *PEG_ITEMS, "score")
EXERCISE_SEPARATOR = "; "


@dataclass(frozen=True)
class CsvLayout:
    """What tells a day CSV from a PEG CSV when reading one."""

    columns: tuple[str, ...]
    header_problem: Callable[[list[str] | None], Problem | None]
    cell_count: Callable[[int], str]  # the message for a row with a wrong number of cells
    row: Callable[[dict[str, str]], tuple[str, Values]]  # a row's date cell and values
    # A PEG file with a broken quote reports that alone; a day file keeps the rows' problems
    # found before it.
    syntax_error_alone: bool


def _read(data: bytes, layout: CsvLayout, checker: RowChecker) -> Parsed | None:
    """Check every row of ``data`` into ``checker``; a Parsed instead when the file as a
    whole is refused."""
    text = decode(data)
    if isinstance(text, Problem):
        return Parsed([], [text])
    records = read_csv_records(text)
    try:
        first = next(records, None)
    except CsvSyntaxError as error:
        return Parsed([], [Problem(error.line, error.message)])
    problem = layout.header_problem(None if first is None else first[1])
    if problem is not None:
        return Parsed([], [problem])
    rows = 0
    try:
        for start, cells in records:
            if not any(cell.strip() for cell in cells):
                continue  # spreadsheets leave blank lines at the end
            rows += 1
            if rows > MAX_ROWS:
                return too_many_rows()
            if len(cells) != len(layout.columns):
                checker.problems.append(Problem(start, layout.cell_count(len(cells))))
                continue
            date, values = layout.row(dict(zip(layout.columns, cells, strict=True)))
            checker.add(start, date, values)
    except CsvSyntaxError as error:
        # Past a broken quote, where a row starts is a guess: refuse the whole file rather
        # than read the following rows into one note.
        if layout.syntax_error_alone:
            return Parsed([], [Problem(error.line, error.message)])
        checker.problems.append(Problem(error.line, error.message))
    return None


def _day_row(values: dict[str, str]) -> tuple[str, Values]:
    exercises = unguard_formula(values["exercises"])
    return values["date"].strip(), {
        **{area: csv_rating(values[area]) for area in AREAS},
        "exercises": [name for name in exercises.split(";") if name.strip()],
        "note": unguard_formula(values["note"]),
        "factors": [
            name.strip()
            for name in unguard_formula(values.get("factors", "")).split(FACTOR_SEPARATOR)
            if name.strip()
        ],
    }


def _day_layout(columns: tuple[str, ...]) -> CsvLayout:
    """A day CSV with ``columns``; a wrong first line is told today's columns either way."""

    def header_problem(header: list[str] | None) -> Problem | None:
        if header is None:
            return Problem(0, "The file is empty.")
        if [cell.strip().lower() for cell in header] != list(columns):
            return Problem(1, _header_message(header))
        return None

    return CsvLayout(
        columns=columns,
        header_problem=header_problem,
        cell_count=lambda found: (
            f"Expected {len(columns)} cells ({','.join(columns)}), found {found}."
        ),
        row=_day_row,
        syntax_error_alone=False,
    )


DAY_CSV = _day_layout(CSV_COLUMNS)
OLD_DAY_CSV = _day_layout(CSV_COLUMNS_WITHOUT_FACTORS)


def _peg_header_problem(header: list[str] | None) -> Problem | None:
    header = header or []
    if [cell.strip().lower() for cell in header] != list(PEG_CSV_COLUMNS):
        found = short(",".join(header), 120)
        return Problem(
            1, f"The first line of a PEG file must be {','.join(PEG_CSV_COLUMNS)}; found “{found}”."
        )
    return None


PEG_CSV = CsvLayout(
    columns=PEG_CSV_COLUMNS,
    header_problem=_peg_header_problem,
    cell_count=lambda found: f"Expected {len(PEG_CSV_COLUMNS)} cells, found {found}.",
    row=lambda values: (
        values["week"].strip(),
        {item: csv_rating(values[item]) for item in PEG_ITEMS},
    ),
    syntax_error_alone=True,
)


def parse_csv(data: bytes, catalog: Catalog, today: datetime.date) -> Parsed:
    checker = RowChecker(DayKind(catalog), today, "Line")
    first = data.split(b"\n", 1)[0].removeprefix("\ufeff".encode()).strip().lower()
    cells = first.replace(b'"', b"").replace(b" ", b"")
    old = cells == ",".join(CSV_COLUMNS_WITHOUT_FACTORS).encode()
    layout = OLD_DAY_CSV if old else DAY_CSV
    return _read(data, layout, checker) or Parsed(checker.rows, checker.problems, "Line")


def parse_peg_csv(data: bytes, today: datetime.date) -> Parsed:
    checker = RowChecker(WeekKind(), today, "Line")
    refused = _read(data, PEG_CSV, checker)
    return refused or Parsed([], checker.problems, "Line", checker.rows)


def is_peg_csv(data: bytes) -> bool:
    first = data.split(b"\n", 1)[0].removeprefix("\ufeff".encode()).strip().lower()
    return first.startswith(b"week,")


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


def _header_message(header: list[str]) -> str:
    found = ",".join(header)[:120]
    message = f"The first line must be the column names {','.join(CSV_COLUMNS)}; found “{found}”."
    if len(header) == 1 and ";" in header[0]:
        message += " The columns are separated by semicolons: save the file with commas."
    return message


# --- days to files

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
                guard_formula(f"{FACTOR_SEPARATOR} ".join(day.factors)),
            ]
        )
    return "\ufeff".encode() + out.getvalue().encode()


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
