"""An import shows what it would do before it changes anything, and asks before replacing."""

import datetime
import json

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from journal.models import Entry, Experiment, PendingImport
from tests.factories import make_entries, make_entry, make_user
from tests.journal.yourdata.importing import post_file, seen_of

HEADER = "date,back,hip,knee,exercises,note\n"


def journal_of(user) -> list[tuple]:
    return list(Entry.objects.for_user(user).order_by("day").values_list("day", "back", "note"))


@pytest.fixture
def three_days(user, catalog, frozen_today):
    make_entry(user, frozen_today, back=1, note="mine")
    make_entry(user, frozen_today - datetime.timedelta(days=1), back=2, note="same")
    return user


FILE = (
    HEADER
    + "2026-11-25,9,,,,edited in the spreadsheet\n"
    + "2026-11-24,2,,,,same\n"
    + "2026-11-20,5,,,,new day\n"
)


def test_uploading_a_file_changes_nothing_and_shows_the_preview(alice, three_days) -> None:
    before = journal_of(three_days)
    response = post_file(alice, FILE, "journal.csv")
    assert response.status_code == 302
    assert journal_of(three_days) == before
    preview = alice.get(response.url)
    assert preview.status_code == 200
    assert "Nothing has changed in your journal yet." in preview.text
    assert "1 new" in preview.text
    assert "1 different from yours" in preview.text
    assert "1 already the same" in preview.text


def test_the_preview_shows_a_changed_day_before_and_after(alice, three_days) -> None:
    preview = alice.get(post_file(alice, FILE, "journal.csv").url).text
    assert "Wed 25 Nov 2026" in preview
    assert "back 1, hip –, knee –; no exercises; note “mine”" in preview
    assert "back 9, hip –, knee –; no exercises; note “edited in the spreadsheet”" in preview


def test_replacing_is_a_choice_that_names_how_many_days_it_replaces(alice, three_days) -> None:
    preview = alice.get(post_file(alice, FILE, "journal.csv").url).text
    assert "Add 1 new, keep my version of 1</button>" in preview
    assert "Add 1 new, replace 1 of mine with the file's</button>" in preview


def test_confirming_keep_adds_only_the_new_day(alice, three_days) -> None:
    url = post_file(alice, FILE, "journal.csv").url
    response = alice.post(url, {"action": "add", "seen": seen_of(alice.get(url).text)})
    assert response.status_code == 302
    assert [note for _day, _back, note in journal_of(three_days)] == ["new day", "same", "mine"]


def test_confirming_replace_takes_the_files_version(alice, three_days, frozen_today) -> None:
    url = post_file(alice, FILE, "journal.csv").url
    alice.post(url, {"action": "replace", "seen": seen_of(alice.get(url).text)})
    assert journal_of(three_days)[-1] == (frozen_today, 9, "edited in the spreadsheet")
    assert not PendingImport.objects.exists()


def test_a_day_edited_after_the_preview_is_not_overwritten(alice, three_days, frozen_today) -> None:
    url = post_file(alice, FILE, "journal.csv").url
    seen = seen_of(alice.get(url).text)
    Entry.objects.filter(user=three_days, day=frozen_today).update(note="edited on my phone")
    response = alice.post(url, {"action": "replace", "seen": seen})
    assert response.status_code == 409
    assert "Your journal changed since this preview was shown" in response.text
    assert journal_of(three_days)[-1][2] == "edited on my phone"
    assert "note “edited on my phone”" in response.text


def test_cancel_imports_nothing_and_forgets_the_file(alice, three_days) -> None:
    before = journal_of(three_days)
    url = post_file(alice, FILE, "journal.csv").url
    response = alice.post(url, {"action": "cancel"})
    assert response.status_code == 302
    assert journal_of(three_days) == before
    assert not PendingImport.objects.exists()
    assert alice.get(url).status_code == 404


def test_another_persons_import_is_not_found(alice, three_days, client_of) -> None:
    url = post_file(alice, FILE, "journal.csv").url
    mallory = client_of(make_user("mallory"))
    assert mallory.get(url).status_code == 404
    assert mallory.post(url, {"action": "replace", "seen": "x"}).status_code == 404
    assert PendingImport.objects.count() == 1


def test_a_visitor_is_sent_to_log_in(client, alice, three_days) -> None:
    url = post_file(alice, FILE, "journal.csv").url
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_an_upload_is_forgotten_after_an_hour(alice, three_days) -> None:
    url = post_file(alice, FILE, "journal.csv").url
    with time_machine.travel(datetime.datetime(2026, 11, 25, 13, 1, tzinfo=datetime.UTC)):
        assert alice.get(url).status_code == 404


def test_a_person_has_at_most_one_upload_waiting(alice, three_days) -> None:
    first = post_file(alice, FILE, "journal.csv").url
    second = post_file(alice, FILE, "again.csv").url
    assert PendingImport.objects.count() == 1
    assert alice.get(first).status_code == 404
    assert alice.get(second).status_code == 200


def test_a_file_with_nothing_new_says_there_is_nothing_to_import(alice, three_days) -> None:
    preview = alice.get(post_file(alice, HEADER + "2026-11-24,2,,,,same\n", "j.csv").url)
    assert "there is nothing to import" in preview.text


def test_a_bad_file_is_refused_with_its_reasons_and_kept_nowhere(alice, three_days) -> None:
    response = post_file(alice, HEADER + "2026-11-25,11,,,,\n", "journal.csv")
    assert response.status_code == 400
    assert "Line 2: Back: 11 is outside 0–10." in response.text
    assert not PendingImport.objects.exists()


def test_a_second_running_experiment_is_refused_in_the_preview(
    alice, user, catalog, frozen_today, client_of
) -> None:
    Experiment.objects.begin(user, area="back", weeks=4, start=frozen_today, today=frozen_today)
    other = make_user("bob")
    Experiment.objects.begin(other, area="knee", weeks=4, start=frozen_today, today=frozen_today)
    backup = client_of(other).get("/accounts/data/export.json").content
    url = post_file(alice, backup, "bob.json").url
    preview = alice.get(url)
    assert "Experiment from 25 Nov 2026 is open, and your own experiment" in preview.text
    assert 'value="add"' not in preview.text
    response = alice.post(url, {"action": "add", "seen": seen_of(preview.text)})
    assert response.status_code == 400
    assert Experiment.objects.for_user(user).count() == 1


@pytest.mark.parametrize(
    ("part", "value", "message"),
    [
        ("experiments", [{"area": "toe"}], "Experiment 1: Area: choose one of back, hip, knee."),
        ("settings", {"time_zone": "Mars/Olympus"}, "“Mars/Olympus” is not a time zone we know"),
        ("settings", {"display_name": "Dr\u202eevil"}, "a control or formatting character"),
        ("settings", {"date_of_birth": "2027-01-01"}, "between 1900 and today"),
    ],
)
def test_bad_experiments_and_settings_are_refused_with_reasons(
    alice, user, catalog, frozen_today, part, value, message
) -> None:
    document = {"format": "footcare-journal", "version": 1, "entries": [], part: value}
    response = post_file(alice, json.dumps(document), "backup.json")
    assert response.status_code == 400
    assert message in response.content.decode()


def test_a_version_of_true_is_not_version_one(alice, user, catalog, frozen_today) -> None:
    document = {"format": "footcare-journal", "version": True, "entries": []}
    response = post_file(alice, json.dumps(document), "backup.json")
    assert response.status_code == 400
    assert "This file is format version true; this app reads version 1." in response.text


def test_the_preview_costs_the_same_queries_for_a_longer_file(client_of, catalog, frozen_today):
    counts = []
    for days in (30, 600):
        user = make_user(f"previewer-{days}")
        make_entries(user, frozen_today, days // 2)
        lines = "".join(
            f"{frozen_today - datetime.timedelta(days=n)},4,,,Toe presses,\n" for n in range(days)
        )
        client = client_of(user)
        url = post_file(client, HEADER + lines, "j.csv").url
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
