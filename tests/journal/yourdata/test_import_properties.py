"""Whatever file is uploaded: never a 500, and either the whole file is saved or nothing."""

import csv
import datetime
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal.models import Entry
from tests.factories import make_entries
from tests.journal.saves import saved_whole_or_not_at_all
from tests.journal.yourdata.importing import import_file

from ...conftest import TODAY

PROPERTY_SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
HEADER = ["date", "back", "hip", "knee", "exercises", "note"]

TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=12)
DATE = st.one_of(
    st.dates(TODAY - datetime.timedelta(days=60), TODAY).map(datetime.date.isoformat),
    st.dates(datetime.date(1, 1, 1), datetime.date(9999, 12, 31)).map(datetime.date.isoformat),
    TEXT,
)
VALID_RATING = st.sampled_from(["", *(str(n) for n in range(11))])
RATING = st.one_of(VALID_RATING, VALID_RATING, st.integers(-5, 99).map(str), TEXT)
NAMES = ["Ankle circles", "toe-presses", "TOE GRIPPING", "Walking on your toes", "Yoga", ""]
EXERCISES = st.one_of(st.lists(st.sampled_from(NAMES), max_size=3).map("; ".join), TEXT)
NOTE = st.one_of(st.text(st.characters(exclude_categories=["Cs"])), st.just("x" * 2001))
VALID_ROW = st.tuples(
    st.dates(TODAY - datetime.timedelta(days=60), TODAY).map(datetime.date.isoformat),
    VALID_RATING,
    VALID_RATING,
    VALID_RATING,
    st.lists(st.sampled_from(NAMES[:4]), max_size=3).map("; ".join),
    st.text(st.characters(exclude_categories=["Cs", "Cc"]), max_size=30),
).map(list)
ROW = st.one_of(
    VALID_ROW,
    VALID_ROW,
    st.tuples(DATE, RATING, RATING, RATING, EXERCISES, NOTE).map(list),
    st.lists(TEXT, max_size=8),
)


def snapshot(user) -> dict[datetime.date, tuple]:
    return {
        e.day: (e.back, e.hip, e.knee, tuple(x.slug for x in e.exercises.all()), e.note)
        for e in Entry.objects.for_user(user).with_exercises()
    }


def csv_bytes(rows: list[list[str]]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(HEADER)
    writer.writerows(rows)
    return out.getvalue().encode()


def post(client, data: bytes, name: str, rule: str):
    return import_file(client, data, name, rule)


def rating(text: str) -> int | None:
    return None if text.strip() == "" else int(text)


@PROPERTY_SETTINGS
@given(rows=st.lists(ROW, max_size=6), rule=st.sampled_from(["keep", "replace"]))
def test_it_saves_a_csv_whole_or_not_at_all(alice, user, catalog, frozen_today, rows, rule) -> None:
    if not Entry.objects.exists():
        make_entries(user, frozen_today, 30)
    before = snapshot(user)
    response = post(alice, csv_bytes(rows), "journal.csv", rule)
    after = snapshot(user)
    if not saved_whole_or_not_at_all(response, before, after):
        return
    in_file = {}
    for row in rows:
        if any(cell.strip() for cell in row):
            in_file[datetime.date.fromisoformat(row[0].strip())] = row
    assert set(after) == set(before) | set(in_file)
    for day, row in in_file.items():
        if rule == "keep" and day in before:
            assert after[day] == before[day]
        else:
            assert after[day][:3] == tuple(rating(cell) for cell in row[1:4])
            assert after[day][4] == row[5]
    for day in set(before) - set(in_file):
        assert after[day] == before[day]


@PROPERTY_SETTINGS
@given(
    data=st.one_of(st.binary(max_size=200), TEXT.map(str.encode)),
    name=st.sampled_from(["journal.csv", "backup.json", "journal.txt", "photo.png", "noext"]),
)
def test_it_answers_any_bytes_without_a_server_error_or_a_write(
    alice, user, catalog, frozen_today, data, name
) -> None:
    if not Entry.objects.exists():
        make_entries(user, frozen_today, 3)
    before = snapshot(user)
    response = post(alice, data, name, "replace")
    assert response.status_code in (302, 400)
    if response.status_code == 400:
        assert snapshot(user) == before
