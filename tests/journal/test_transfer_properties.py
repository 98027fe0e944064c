"""The parsers on their own: any bytes give days or problems, never an exception."""

import datetime
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from journal.transfer import Catalog, Day, ExerciseRef, parse_csv, parse_json, write_csv

from ..conftest import TODAY

CATALOG = Catalog([ExerciseRef(1, "ankle-circles", "Ankle circles", 1)])
FAST = settings(max_examples=60, deadline=None)

JSON_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)
ENTRY = st.one_of(
    JSON_VALUE,
    st.fixed_dictionaries(
        {"date": st.dates().map(str) | JSON_VALUE},
        optional={
            "back": st.integers(-2, 12) | JSON_VALUE,
            "exercises": st.lists(st.sampled_from(["ankle-circles", "Yoga"])) | JSON_VALUE,
            "note": st.text() | JSON_VALUE,
        },
    ),
)


@FAST
@given(data=st.binary(max_size=300))
def test_any_bytes_give_problems_on_lines_that_exist(data: bytes) -> None:
    text = b"date,back,hip,knee,exercises,note\n" + data
    parsed = parse_csv(text, CATALOG, TODAY)
    # Lines are counted the way an editor does, \r, \n or \r\n each ending one.
    last_line = len(text.replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n"))
    assert all(0 <= problem.where <= last_line for problem in parsed.problems)


@FAST
@given(entries=st.lists(ENTRY, max_size=5))
def test_any_json_entries_give_days_or_problems(entries: list) -> None:
    document = {"format": "footcare-journal", "version": 1, "entries": entries}
    parsed = parse_json(json.dumps(document).encode(), CATALOG, TODAY)
    assert len(parsed.days) == (len(entries) if parsed.ok else 0)


@FAST
@given(notes=st.lists(st.text(st.characters(exclude_categories=["Cs"]), max_size=40), max_size=5))
def test_any_note_without_a_null_survives_a_csv_round_trip(notes: list[str]) -> None:
    days = [
        Day(TODAY - datetime.timedelta(days=n), None, n % 11, None, (), note)
        for n, note in enumerate(notes)
        if "\x00" not in note
    ]
    assert parse_csv(write_csv(days), CATALOG, TODAY).days == days
