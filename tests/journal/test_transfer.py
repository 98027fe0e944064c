"""The pure half of journal/transfer/: files to days and back, without the database."""

import datetime
import json

import pytest

from journal.transfer import (
    MAX_ROWS,
    Catalog,
    Day,
    ExerciseRef,
    parse_csv,
    parse_json,
    parse_upload,
    write_csv,
    write_json,
)

from ..conftest import TODAY

TOES = ExerciseRef(1, "walking-on-your-toes", "Walking on your toes", 1)
ANKLES = ExerciseRef(2, "ankle-circles", "Ankle circles", 2)
CATALOG = Catalog([TOES, ANKLES])
HEADER = "date,back,hip,knee,exercises,note\n"


def csv_of(*lines: str) -> bytes:
    return (HEADER + "".join(line + "\n" for line in lines)).encode()


def problems(parsed: object) -> list[tuple[int, str]]:
    return [(p.where, p.message) for p in parsed.problems]


def test_it_writes_the_documented_columns_after_a_byte_order_mark() -> None:
    data = write_csv([Day(TODAY, 3, None, 0, (TOES, ANKLES), "ok")])
    assert data.decode("utf-8") == (
        "\ufeffdate,back,hip,knee,exercises,note,factors\r\n"
        "2026-11-25,3,,0,Walking on your toes; Ankle circles,ok,\r\n"
    )


def test_it_quotes_commas_quotes_and_newlines_in_notes() -> None:
    note = 'knee "clicked", then\nrested; café'
    data = write_csv([Day(TODAY, None, None, None, (), note)])
    assert parse_csv(data, CATALOG, TODAY).days[0].note == note


def test_it_reads_back_what_it_writes_as_csv_and_as_json() -> None:
    days = [
        Day(TODAY - datetime.timedelta(days=1), 10, 0, None, (TOES,), 'a,b\r\n"c" ü 🦶'),
        Day(TODAY, None, None, None, (), ""),
    ]
    assert parse_csv(write_csv(days), CATALOG, TODAY).days == days
    exported = write_json(days, datetime.datetime(2026, 11, 25, 12, tzinfo=datetime.UTC))
    assert parse_json(exported, CATALOG, TODAY).days == days


def test_it_writes_json_with_a_format_version_and_exercise_slugs() -> None:
    data = json.loads(write_json([Day(TODAY, 1, 2, 3, (TOES,), "n")], datetime.datetime.now()))
    assert (data["format"], data["version"]) == ("footcare-journal", 1)
    assert data["entries"] == [
        {
            "date": "2026-11-25",
            "back": 1,
            "hip": 2,
            "knee": 3,
            "exercises": ["walking-on-your-toes"],
            "note": "n",
        }
    ]


def test_it_accepts_exercise_slugs_and_any_letter_case_in_csv() -> None:
    parsed = parse_csv(csv_of("2026-11-01,,,,ANKLE CIRCLES;walking-on-your-toes,"), CATALOG, TODAY)
    assert parsed.days[0].exercises == (TOES, ANKLES)


def test_it_accepts_a_file_without_a_byte_order_mark_and_skips_blank_lines() -> None:
    parsed = parse_csv(csv_of("2026-11-01,1,2,3,,", "", ""), CATALOG, TODAY)
    assert parsed.ok
    assert len(parsed.days) == 1


def test_it_lists_every_bad_row_with_its_line_and_reason() -> None:
    parsed = parse_csv(
        csv_of(
            "2026-11-01,1,2,3,,fine",
            "01/11/2026,,,,,",
            "2026-11-26,,,,,",
            "2026-11-02,11,,,,",
            "2026-11-03,2.5,,,,",
            "2026-11-04,,,,Jumping jacks,",
            "2026-11-01,,,,,",
            f"2026-11-05,,,,,{'x' * 2001}",
            "2026-11-06,,,",
        ),
        CATALOG,
        TODAY,
    )
    assert parsed.days == []  # callers save nothing when there are problems
    assert problems(parsed) == [
        (3, "“01/11/2026” is not a date; write it as YYYY-MM-DD."),
        (4, "2026-11-26 is in the future."),
        (5, "Back: 11 is outside 0–10."),
        (6, "Back: “2.5” is not a whole number from 0 to 10."),
        (7, "Unknown exercise “Jumping jacks”."),
        (8, "2026-11-01 appears twice in the file (also line 2)."),
        (9, "The note has 2001 characters; the most is 2000."),
        (10, "Expected 6 cells (date,back,hip,knee,exercises,note), found 4."),
    ]


def test_it_counts_lines_inside_quoted_notes_when_numbering_rows() -> None:
    parsed = parse_csv(
        csv_of('2026-11-01,,,,,"one\ntwo\nthree"', "2026-11-99,,,,,"), CATALOG, TODAY
    )
    assert problems(parsed) == [(5, "“2026-11-99” is not a date; write it as YYYY-MM-DD.")]


@pytest.mark.parametrize("text", ["20261101", "2026-W44-7", "２０２６-11-01"])
def test_it_rejects_dates_that_are_not_plain_iso_days(text: str) -> None:
    assert not parse_csv(csv_of(f"{text},,,,,"), CATALOG, TODAY).ok


@pytest.mark.parametrize("rating", ["1_0", "٣", "-1", "+3", "three"])
def test_it_rejects_ratings_that_are_not_plain_whole_numbers(rating: str) -> None:
    assert not parse_csv(csv_of(f"2026-11-01,{rating},,,,"), CATALOG, TODAY).ok


def test_it_rejects_a_wrong_header_and_points_at_semicolons() -> None:
    parsed = parse_csv(b"date;back;hip;knee;exercises;note\n", CATALOG, TODAY)
    assert problems(parsed)[0][0] == 1
    assert "separated by semicolons" in problems(parsed)[0][1]


def test_it_says_which_line_is_not_utf8() -> None:
    parsed = parse_csv(
        HEADER.encode() + "2026-11-01,,,,,caf\xe9\n".encode("latin-1"), CATALOG, TODAY
    )
    assert problems(parsed)[0][0] == 2
    assert "not UTF-8" in problems(parsed)[0][1]


def test_it_refuses_more_rows_than_the_limit() -> None:
    lines = [f"{TODAY - datetime.timedelta(days=n)},,,,," for n in range(MAX_ROWS + 1)]
    parsed = parse_csv(csv_of(*lines), CATALOG, TODAY)
    assert problems(parsed) == [
        (
            0,
            "The file has more than 20,000 days. Split it into smaller files and import them "
            "one after the other.",
        )
    ]


def test_it_rejects_a_note_with_a_null_character() -> None:
    parsed = parse_csv(csv_of("2026-11-01,,,,,a\x00b"), CATALOG, TODAY)
    assert problems(parsed) == [(2, "The note contains a null character.")]


@pytest.mark.parametrize("name", ["photo.png", "journal", "notes.xlsx"])
def test_it_refuses_files_that_are_neither_csv_nor_json(name: str) -> None:
    assert (
        "Choose a .csv or .json file"
        in parse_upload(name, b"x", CATALOG, TODAY).problems[0].message
    )


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (b"{not json", "This is not valid JSON"),
        (b"[" * 100_000, "This is not"),
        (b'{"entries": []}', "not a Footcare Journal export"),
        (b'{"format": "footcare-journal", "version": 2, "entries": []}', "version 2"),
        (b'{"format": "footcare-journal", "version": 1}', "no list of “entries”"),
    ],
)
def test_it_explains_why_a_json_file_cannot_be_read(document: bytes, message: str) -> None:
    assert message in parse_json(document, CATALOG, TODAY).problems[0].message


def test_it_numbers_bad_json_entries_by_position() -> None:
    entries = [
        {"date": "2026-11-01", "back": 3},
        {"date": "2026-11-02", "back": True},
        {"date": "2026-11-03", "hip": 4.0},
        "2026-11-04",
        {"date": "2026-11-05", "exercises": "ankle-circles"},
        {"date": "2026-11-06", "mood": "good"},
        {"back": 1},
    ]
    document = {"format": "footcare-journal", "version": 1, "entries": entries}
    parsed = parse_json(json.dumps(document).encode(), CATALOG, TODAY)
    assert parsed.unit == "Entry"
    assert problems(parsed) == [
        (2, "Back: true is not a whole number from 0 to 10."),
        (3, "Hip: 4.0 is not a whole number from 0 to 10."),
        (4, "An entry must be an object {…}."),
        (5, "Exercises must be a list of exercise names."),
        (6, "Unknown field mood."),
        (7, "The date is missing or not a text."),
    ]
