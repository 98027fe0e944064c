"""What the outside probe found in import and export: quotes, surrogates, formulas."""

import datetime
import json

import pytest

from tests.factories import make_entry, make_user

from .test_import import HEADER, journal_of, refusal, upload

# --- a stray or unbalanced quote is refused with its line number (#3)


@pytest.mark.parametrize(
    ("rows", "line"),
    [
        pytest.param(
            '2026-11-20,3,,,,"walked\n2026-11-21,4,,,,\n2026-11-22,5,,,,\n',
            2,
            id="an unbalanced quote does not swallow the rows after it",
        ),
        pytest.param(
            '2026-11-20,3,,,,fine\n2026-11-21,4,,,,he said "hi"\n',
            3,
            id="a quote inside an unquoted cell",
        ),
    ],
)
def test_a_stray_quote_is_refused_with_its_line(
    alice, catalog, frozen_today, rows: str, line: int
) -> None:
    page = refusal(alice, HEADER + rows)
    assert f"Line {line}: " in page
    assert "quote" in page


def test_text_after_a_closing_quote_is_refused_with_its_line(alice, catalog, frozen_today) -> None:
    page = refusal(alice, HEADER + '2026-11-20,3,,,,"one"two\n')
    assert "Line 2: " in page


def test_a_quoted_note_over_several_lines_is_numbered_by_the_line_it_starts_on(
    alice, catalog, frozen_today
) -> None:
    page = refusal(alice, HEADER + '2026-11-20,3,,,,"two\nlines"\n2026-11-21,11,,,,\n')
    assert "Line 4: Back: 11 is outside 0–10." in page


# --- a lone surrogate in JSON is refused (#5)


def json_file(entries: str) -> str:
    """A JSON export whose entries are written out by hand, escapes and all."""
    return '{"format": "footcare-journal", "version": 1, "entries": [' + entries + "]}"


@pytest.mark.parametrize(
    "field",
    ['"note": "sore \\ud800 knee"', '"date": "2026-11-2\\udc00"', '"exercises": ["toe\\ud83d"]'],
    ids=["note", "date", "exercise"],
)
def test_a_lone_surrogate_in_a_json_entry_is_refused_clearly(
    alice, catalog, frozen_today, field: str
) -> None:
    document = json_file('{"date": "2026-11-20"}, {' + field + "}")
    page = refusal(alice, document, name="journal.json")
    assert "Entry 2: " in page
    assert "\\ud8" in page or "\\udc" in page


def test_a_lone_surrogate_in_a_field_name_is_refused_clearly(alice, catalog, frozen_today) -> None:
    document = json_file('{"\\ud800": 1}')
    page = refusal(alice, document, name="journal.json")
    assert "Entry 1: " in page


def test_a_proper_surrogate_pair_is_an_emoji_and_imports(
    alice, user, catalog, frozen_today
) -> None:
    document = json_file('{"date": "2026-11-20", "note": "\\ud83e\\uddb6"}')
    assert upload(alice, document, name="journal.json").status_code == 302
    assert journal_of(user)[0][-1] == "🦶"


# --- spreadsheet formulas are neutralised in the CSV export and restored on import (#8)

FORMULAS = [
    '=HYPERLINK("http://evil.example","click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "'=already quoted",
    "''-two quotes",
    "'plain apostrophe",
    "-",
]


def test_the_csv_export_starts_every_formula_cell_with_an_apostrophe(
    alice, user, catalog, frozen_today
) -> None:
    for n, note in enumerate(FORMULAS):
        make_entry(user, frozen_today - datetime.timedelta(days=n), back=1, note=note)
    text = alice.get("/accounts/data/export.csv").content.decode("utf-8-sig")
    assert '"\'=HYPERLINK(""http://evil.example"",""click"")"' in text
    assert ",'+1+cmd|' /C calc'!A0" in text
    assert ",'-2+3" in text
    assert ",'@SUM" in text
    assert "\n=" not in text.replace("\r\n", "\n") and ",=" not in text and ",+" not in text
    assert ",'''-two quotes" in text  # an apostrophe before a formula gets one more
    assert ",'plain apostrophe" in text  # and nothing else changes


def test_export_then_import_keeps_formula_notes_exactly(client_of, catalog, frozen_today) -> None:
    source = make_user("source")
    for n, note in enumerate(FORMULAS):
        make_entry(source, frozen_today - datetime.timedelta(days=n), hip=2, note=note)
    exported = client_of(source).get("/accounts/data/export.csv").content
    target = make_user("target")
    assert upload(client_of(target), exported).status_code == 302
    assert journal_of(target) == journal_of(source)


def test_the_json_backup_keeps_formulas_as_typed(alice, user, catalog, frozen_today) -> None:
    make_entry(user, frozen_today, back=1, note="=1+1")
    entries = json.loads(alice.get("/accounts/data/export.json").content)["entries"]
    assert entries[0]["note"] == "=1+1"
