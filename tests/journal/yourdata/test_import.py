import datetime
import json
import random

import pytest
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext

from journal import transfer
from journal.models import Entry
from journal.transfer import MAX_FILE_BYTES
from tests.factories import make_entries, make_entry, make_user
from tests.journal.yourdata.importing import import_file

HEADER = "date,back,hip,knee,exercises,note\n"


def upload(client, content: bytes | str, *, name: str = "journal.csv", rule: str = "keep"):
    return import_file(client, content, name, rule)


def refusal(client, content: bytes | str, *, name: str = "journal.csv") -> str:
    """The page that refuses to import ``content``: a 400, and no day saved."""
    response = upload(client, content, name=name)
    assert response.status_code == 400
    assert not Entry.objects.exists()
    return response.text


def journal_of(user) -> list[tuple]:
    return [
        (e.day, e.back, e.hip, e.knee, tuple(x.slug for x in e.exercises.all()), e.note)
        for e in Entry.objects.for_user(user).order_by("day").with_exercises()
    ]


def test_it_shows_the_upload_form_and_promises_a_preview(alice, catalog, frozen_today) -> None:
    response = alice.get("/accounts/data/import/")
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in response.text
    assert "at most 2 MB and 20,000 days." in response.text
    assert "Nothing changes until you have seen what it would add and change." in response.text


def test_it_adds_the_days_of_a_csv_and_says_how_many(alice, user, catalog, frozen_today) -> None:
    response = upload(
        alice,
        HEADER + '2026-11-24,3,,5,Ankle circles; toe-gripping,"walked, then ""rested"""\n'
        "2026-11-25,,,,,\n",
    )
    assert response.status_code == 302
    assert journal_of(user) == [
        (
            datetime.date(2026, 11, 24),
            3,
            None,
            5,
            ("ankle-circles", "toe-gripping"),
            'walked, then "rested"',
        ),
        (datetime.date(2026, 11, 25), None, None, None, (), ""),
    ]
    page = alice.get(response.url)
    assert "2 days added, 0 days replaced, 0 days kept as they were." in page.text


def test_it_keeps_my_days_when_asked_to(alice, user, catalog, frozen_today) -> None:
    make_entry(user, frozen_today, back=1, note="mine", exercises=catalog[:1])
    response = upload(alice, HEADER + "2026-11-25,9,9,9,,theirs\n2026-11-24,2,,,,\n")
    assert journal_of(user)[1] == (frozen_today, 1, None, None, (catalog[0].slug,), "mine")
    assert "1 day added, 0 days replaced, 1 day kept as they were." in alice.get(response.url).text


def test_it_replaces_my_days_with_the_file_when_asked_to(
    alice, user, catalog, frozen_today
) -> None:
    make_entry(user, frozen_today, back=1, note="mine", exercises=catalog[:1])
    response = upload(alice, HEADER + "2026-11-25,9,,9,Toe presses,theirs\n", rule="replace")
    assert journal_of(user) == [(frozen_today, 9, None, 9, ("toe-presses",), "theirs")]
    assert "0 days added, 1 day replaced, 0 days kept" in alice.get(response.url).text


def test_it_saves_nothing_and_lists_every_bad_row_when_one_row_is_bad(
    alice, user, catalog, frozen_today
) -> None:
    make_entry(user, datetime.date(2026, 11, 1), back=5)
    response = upload(
        alice,
        HEADER + "2026-11-01,1,1,1,,\n2026-11-02,12,,,,\n2026-11-31,,,,,\n2026-11-03,,,,Yoga,\n",
        rule="replace",
    )
    assert response.status_code == 400
    assert "Nothing was saved: 3 problems in the file." in response.text
    assert "<li>Line 3: Back: 12 is outside 0–10.</li>" in response.text
    assert "<li>Line 4: “2026-11-31” is not a date; write it as YYYY-MM-DD.</li>" in response.text
    assert "<li>Line 5: Unknown exercise “Yoga”.</li>" in response.text
    assert journal_of(user) == [(datetime.date(2026, 11, 1), 5, None, None, (), "")]


def test_it_refuses_a_file_over_the_size_limit(alice, user, catalog, frozen_today) -> None:
    assert "The file is 2.0 MB; the most is 2 MB." in refusal(alice, HEADER + "x" * MAX_FILE_BYTES)


def test_it_refuses_a_file_that_is_not_utf8(alice, catalog, frozen_today) -> None:
    page = refusal(alice, (HEADER + "2026-11-01,,,,,Café\n").encode("cp1252"))
    assert "Line 2: This is not UTF-8 text." in page


def test_it_refuses_a_file_that_is_neither_csv_nor_json(alice, catalog, frozen_today) -> None:
    assert "Choose a .csv or .json file" in refusal(alice, b"\x89PNG\r\n", name="photo.png")


def test_it_asks_for_a_file_when_none_is_chosen(alice, catalog, frozen_today) -> None:
    response = alice.post("/accounts/data/import/", {"on_existing": "keep"})
    assert response.status_code == 400
    assert "Choose a file to import." in response.text


def test_it_imports_a_json_export(alice, user, catalog, frozen_today) -> None:
    document = {
        "format": "footcare-journal",
        "version": 1,
        "entries": [{"date": "2026-11-20", "back": 0, "exercises": ["ankle-circles"]}],
    }
    upload(alice, json.dumps(document), name="backup.json")
    assert journal_of(user) == [
        (datetime.date(2026, 11, 20), 0, None, None, ("ankle-circles",), "")
    ]


def test_it_numbers_bad_json_entries(alice, catalog, frozen_today) -> None:
    document = {"format": "footcare-journal", "version": 1, "entries": [{"date": "tomorrow"}]}
    response = upload(alice, json.dumps(document), name="backup.json")
    assert "<li>Entry 1: “tomorrow” is not a date" in response.text


def test_it_writes_only_to_the_logged_in_users_journal(
    alice, user, outsider, catalog, frozen_today
) -> None:
    make_entry(outsider, frozen_today, back=4, note="mallory's")
    upload(alice, HEADER + "2026-11-25,1,,,,alice's\n", rule="replace")
    assert journal_of(outsider) == [(frozen_today, 4, None, None, (), "mallory's")]
    assert journal_of(user) == [(frozen_today, 1, None, None, (), "alice's")]


def test_it_imports_in_a_number_of_queries_that_does_not_grow_per_row(
    client_of, catalog, frozen_today
) -> None:
    counts = []
    for rows in (40, 400):
        user = make_user(f"importer-{rows}")
        make_entries(user, frozen_today, rows // 2)
        lines = "".join(
            f"{frozen_today - datetime.timedelta(days=n)},1,2,3,Ankle circles; Toe presses,\n"
            for n in range(rows)
        )
        client = client_of(user)
        # Upload, preview and save: half the rows are new and half replace a day. SQLite
        # inserts about 120 entries per statement, so 400 rows cost one statement more.
        with CaptureQueriesContext(connection) as queries:
            upload(client, HEADER + lines, rule="replace")
        assert Entry.objects.for_user(user).count() == rows
        counts.append(len(queries))
    assert counts[0] <= 30
    assert counts[1] - counts[0] <= 2


def tricky_note(rng: random.Random) -> str:
    pieces = [
        "plain",
        "comma, here",
        'a "quote"',
        "new\nline",
        "crlf\r\nline",
        "café",
        "膝",
        "🦶",
        "; semi",
        "   spaces  ",
        "",
        "\t tab",
        "='formula",
    ]
    return " ".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))


@pytest.mark.parametrize("extension", ["csv", "json"])
def test_it_gives_back_exactly_the_same_journal_after_export_then_import(
    client_of, catalog, frozen_today, extension
) -> None:
    rng = random.Random(4)
    source = make_user("source")
    for n in range(1000):
        make_entry(
            source,
            frozen_today - datetime.timedelta(days=n),
            back=rng.choice([None, *range(11)]),
            hip=rng.choice([None, *range(11)]),
            knee=rng.choice([None, *range(11)]),
            exercises=rng.sample(catalog, rng.randint(0, len(catalog))),
            note=tricky_note(rng),
        )
    exported = client_of(source).get(f"/accounts/data/export.{extension}").content
    target = make_user("target")
    response = upload(client_of(target), exported, name=f"footcare-journal.{extension}")
    assert response.status_code == 302
    assert journal_of(target) == journal_of(source)
    assert len(journal_of(target)) == 1000


def test_it_says_the_file_is_empty(alice, catalog, frozen_today) -> None:
    assert "The file is empty." in refusal(alice, b"")


def test_it_saves_nothing_and_asks_again_when_another_save_races_the_import(
    alice, user, catalog, frozen_today, monkeypatch
) -> None:
    def raced(*args, **kwargs):
        raise IntegrityError("UNIQUE constraint failed: journal_entry.user_id, journal_entry.day")

    monkeypatch.setattr(transfer.store, "save_journal", raced)
    response = upload(alice, HEADER + "2026-11-25,1,,,,\n")
    assert response.status_code == 409
    assert "Your journal changed while the file was being imported" in response.text


def test_it_replaces_a_day_in_place_so_its_address_still_works(
    alice, user, catalog, frozen_today
) -> None:
    entry = make_entry(user, frozen_today, back=1)
    upload(alice, HEADER + "2026-11-25,6,,,,from the file\n", rule="replace")
    assert "from the file" in alice.get(f"/journal/entries/{entry.pk}/").text
