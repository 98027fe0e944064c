"""Weekly PEG check-ins in the exports and back through the import."""

import datetime
import json

from journal.models import Entry, PegCheckIn
from journal.transfer import (
    Catalog,
    PegWeek,
    parse_json,
    parse_upload,
    write_json,
    write_peg_csv,
)
from tests.factories import make_entry, make_user
from tests.journal.yourdata.importing import import_file

from ...conftest import TODAY

MONDAY = datetime.date(2026, 11, 23)
PEG_HEADER = "week,pain,enjoyment,activity,score\n"


def upload(client, data: bytes, name: str, rule: str = "keep"):
    return import_file(client, data, name, rule)


def weeks_of(user) -> list[tuple]:
    return list(
        PegCheckIn.objects.for_user(user)
        .order_by("week")
        .values_list("week", "pain", "enjoyment", "activity")
    )


def make_weeks(user, count: int) -> None:
    for n in range(count):
        PegCheckIn.objects.create(
            user=user,
            week=MONDAY - datetime.timedelta(weeks=n),
            pain=n % 11,
            enjoyment=None if n % 4 == 0 else (n + 3) % 11,
            activity=(n + 7) % 11,
        )


def test_the_json_backup_lists_the_weeks(alice, user, frozen_today) -> None:
    PegCheckIn.objects.create(user=user, week=MONDAY, pain=6, enjoyment=None, activity=5)
    data = json.loads(alice.get("/accounts/data/export.json").content)
    assert data["peg"] == [{"week": "2026-11-23", "pain": 6, "enjoyment": None, "activity": 5}]


def test_the_peg_csv_has_one_row_per_week_with_the_score(alice, user, frozen_today) -> None:
    PegCheckIn.objects.create(user=user, week=MONDAY, pain=6, enjoyment=4, activity=4)
    response = alice.get("/accounts/data/export-peg.csv")
    assert response["Content-Disposition"] == 'attachment; filename="footcare-peg-2026-11-25.csv"'
    assert response.content.decode("utf-8-sig") == (
        "week,pain,enjoyment,activity,score\r\n2026-11-23,6,4,4,4.67\r\n"
    )


def test_the_day_csv_keeps_its_columns(alice, user, frozen_today) -> None:
    PegCheckIn.objects.create(user=user, week=MONDAY, pain=6)
    first_line = alice.get("/accounts/data/export.csv").content.decode("utf-8-sig").split("\r\n")[0]
    assert first_line == "date,back,hip,knee,exercises,note,factors"


def test_json_export_then_import_gives_back_the_same_days_and_weeks(
    client_of, catalog, frozen_today
) -> None:
    source = make_user("source")
    make_weeks(source, 60)
    make_entry(source, TODAY, back=3, exercises=catalog[:1], note="n")
    exported = client_of(source).get("/accounts/data/export.json").content
    target = make_user("target")
    assert upload(client_of(target), exported, "backup.json").status_code == 302
    assert weeks_of(target) == weeks_of(source)
    assert len(weeks_of(target)) == 60
    assert Entry.objects.for_user(target).count() == 1


def test_peg_csv_export_then_import_gives_back_the_same_weeks(client_of, frozen_today) -> None:
    source = make_user("source")
    make_weeks(source, 60)
    exported = client_of(source).get("/accounts/data/export-peg.csv").content
    target = make_user("target")
    response = upload(client_of(target), exported, "footcare-peg.csv")
    assert response.status_code == 302
    assert weeks_of(target) == weeks_of(source)


def test_the_import_says_how_many_weeks_were_added(alice, frozen_today) -> None:
    data = (PEG_HEADER + "2026-11-23,1,2,3,\n2026-11-16,,2,,\n").encode()
    response = upload(alice, data, "peg.csv")
    assert "Weekly check-ins: 2 added, 0 replaced, 0 kept" in alice.get(response.url).text


def test_keep_mine_keeps_a_week_already_checked_in(alice, user, frozen_today) -> None:
    PegCheckIn.objects.create(user=user, week=MONDAY, pain=9)
    upload(alice, (PEG_HEADER + "2026-11-23,1,2,3,\n").encode(), "peg.csv", "keep")
    assert weeks_of(user) == [(MONDAY, 9, None, None)]


def test_replace_mine_replaces_a_week_already_checked_in(alice, user, frozen_today) -> None:
    PegCheckIn.objects.create(user=user, week=MONDAY, pain=9)
    upload(alice, (PEG_HEADER + "2026-11-23,1,,3,\n").encode(), "peg.csv", "replace")
    assert weeks_of(user) == [(MONDAY, 1, None, 3)]


def test_a_bad_week_saves_nothing_and_names_every_problem(alice, user, frozen_today) -> None:
    data = (
        PEG_HEADER + "2026-11-16,1,2,3,\n2026-11-24,1,2,3,\n2026-11-09,11,2,3,\n2026-11-02,,,,\n"
    ).encode()
    response = upload(alice, data, "peg.csv")
    assert response.status_code == 400
    assert "Line 3: 2026-11-24 is not a Monday" in response.text
    assert "Line 4: Pain: 11 is outside 0–10." in response.text
    assert "Line 5: No question is answered." in response.text
    assert not PegCheckIn.objects.exists()


def test_a_json_backup_without_peg_still_imports() -> None:
    document = {"format": "footcare-journal", "version": 1, "entries": []}
    parsed = parse_json(json.dumps(document).encode(), Catalog([]), TODAY)
    assert parsed.ok
    assert parsed.weeks == []


def test_a_bad_json_week_is_reported_and_nothing_is_kept() -> None:
    document = {
        "format": "footcare-journal",
        "version": 1,
        "entries": [{"date": "2026-11-24", "back": 3}],
        "peg": [{"week": "2026-11-23", "pain": True}],
    }
    parsed = parse_json(json.dumps(document).encode(), Catalog([]), TODAY)
    assert [p.message for p in parsed.problems] == [
        "PEG week 1: Pain: true is not a whole number from 0 to 10."
    ]
    assert (parsed.days, parsed.weeks) == ([], [])


def test_a_week_in_the_future_is_refused() -> None:
    parsed = parse_upload(
        "p.csv", (PEG_HEADER + "2026-11-30,1,1,1,\n").encode(), Catalog([]), TODAY
    )
    assert "the week of 2026-11-30 is in the future" in parsed.problems[0].message.lower()


def test_the_pure_writers_read_back_what_they_write() -> None:
    weeks = [PegWeek(MONDAY - datetime.timedelta(weeks=1), 0, None, 10), PegWeek(MONDAY, 5, 5, 5)]
    assert parse_upload("p.csv", write_peg_csv(weeks), Catalog([]), TODAY).weeks == weeks
    exported = write_json([], datetime.datetime(2026, 11, 25, tzinfo=datetime.UTC), weeks)
    assert parse_json(exported, Catalog([]), TODAY).weeks == weeks


def test_the_peg_export_is_only_the_logged_in_persons(alice, user, frozen_today) -> None:
    PegCheckIn.objects.create(user=make_user("bob"), week=MONDAY, pain=6)
    text = alice.get("/accounts/data/export-peg.csv").content.decode("utf-8-sig")
    assert text == PEG_HEADER.replace("\n", "\r\n")
