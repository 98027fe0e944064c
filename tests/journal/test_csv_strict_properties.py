"""Any CSV either imports exactly what it says, or is refused with a line-numbered reason."""

import csv
import datetime
import io

from hypothesis import given, settings
from hypothesis import strategies as st

from journal.transfer import (
    Catalog,
    Day,
    ExerciseRef,
    guard_formula,
    parse_csv,
    unguard_formula,
)

from ..conftest import TODAY

REF = ExerciseRef(1, "ankle-circles", "Ankle circles", 1)
CATALOG = Catalog([REF])
FAST = settings(max_examples=150, deadline=None)
HEADER = "date,back,hip,knee,exercises,note\r\n"

# Notes made of what breaks CSV: quotes, commas, every line break, formula starts.
NOTE = st.text(
    st.sampled_from(['"', ",", "\n", "\r", "a", " ", "'", "=", "-", "+", "@", "\t", "é"]),
    max_size=12,
)
DAYS = st.lists(
    st.tuples(st.integers(0, 3000), st.none() | st.integers(0, 10), st.booleans(), NOTE),
    max_size=6,
    unique_by=lambda row: row[0],
).map(
    lambda rows: [
        Day(TODAY - datetime.timedelta(days=n), back, None, None, (REF,) if done else (), note)
        for n, back, done, note in rows
    ]
)


def lines_in(text: str) -> int:
    return len(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def encode(days: list[Day], quote_all: bool) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)
    writer.writerow(HEADER.strip().split(","))
    for day in days:
        names = "; ".join(ref.name for ref in day.exercises)
        back = "" if day.back is None else day.back
        writer.writerow([day.day, back, "", "", guard_formula(names), guard_formula(day.note)])
    return out.getvalue()


@FAST
@given(days=DAYS, quote_all=st.booleans())
def test_a_well_formed_csv_imports_exactly(days: list[Day], quote_all: bool) -> None:
    parsed = parse_csv(encode(days, quote_all).encode(), CATALOG, TODAY)
    assert parsed.problems == []
    assert parsed.days == days


@FAST
@given(days=DAYS, quote_all=st.booleans(), where=st.integers(min_value=0), insert=st.booleans())
def test_one_quote_too_many_or_too_few_is_refused_with_its_line(
    days: list[Day], quote_all: bool, where: int, insert: bool
) -> None:
    text = encode(days, quote_all)
    body = text.index("\r\n") + 2  # the header line, quoted or not, stays as it is
    quotes = [i for i, char in enumerate(text) if char == '"' and i >= body]
    if insert:
        at = body + where % (len(text) - body + 1)
        broken = text[:at] + '"' + text[at:]
    elif quotes:
        at = quotes[where % len(quotes)]
        broken = text[:at] + text[at + 1 :]
    else:
        return
    # A well-formed CSV has an even number of quotes; one more or one fewer never is.
    parsed = parse_csv(broken.encode(), CATALOG, TODAY)
    assert parsed.days == []
    assert parsed.problems
    assert all(2 <= p.where <= lines_in(broken) for p in parsed.problems)


TEXT = st.lists(
    st.sampled_from(['"', ",", "\n", "\r", "1", "2026-11-2", ",,,,", "x", " ", "'", "="])
).map("".join)


@FAST
@given(body=TEXT)
def test_any_text_imports_what_a_strict_reader_sees_or_is_refused_with_a_line(body: str) -> None:
    text = HEADER + body
    parsed = parse_csv(text.encode(), CATALOG, TODAY)
    if parsed.problems:
        assert all(1 <= p.where <= lines_in(text) for p in parsed.problems)
        assert all(p.message for p in parsed.problems)
        return
    # Accepted: Python's own reader, in strict mode, reads the same rows and notes.
    rows = [r for r in csv.reader(io.StringIO(text, newline=""), strict=True)][1:]
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    assert [(day.day.isoformat(), day.note) for day in parsed.days] == [
        (row[0].strip(), unguard_formula(row[5])) for row in rows
    ]


@given(text=NOTE)
def test_guarding_a_formula_is_undone_exactly(text: str) -> None:
    guarded = guard_formula(text)
    assert unguard_formula(guarded) == text
    assert not guarded.startswith(("=", "+", "-", "@", "\t", "\r"))
