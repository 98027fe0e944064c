import csv
import datetime
import io
import json

from tests.factories import make_entries, make_entry, make_user


def rows_of(response) -> list[list[str]]:
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline="")))


def test_it_downloads_a_dated_csv_attachment(alice, catalog, frozen_today) -> None:
    response = alice.get("/accounts/data/export.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        response["Content-Disposition"] == 'attachment; filename="footcare-journal-2026-11-25.csv"'
    )


def test_it_starts_the_csv_with_a_byte_order_mark_for_spreadsheets(
    alice, catalog, frozen_today
) -> None:
    assert alice.get("/accounts/data/export.csv").content.startswith(b"\xef\xbb\xbf")


def test_it_writes_one_row_per_day_oldest_first_with_empty_cells_for_not_rated(
    alice, user, catalog, frozen_today
) -> None:
    make_entry(user, frozen_today, back=0, knee=7, exercises=catalog[:2], note="stiff, then ok")
    make_entry(user, datetime.date(2026, 1, 2), hip=4)
    assert rows_of(alice.get("/accounts/data/export.csv")) == [
        ["date", "back", "hip", "knee", "exercises", "note", "factors"],
        ["2026-01-02", "", "4", "", "", "", ""],
        ["2026-11-25", "0", "", "7", "Walking on your toes; Ankle circles", "stiff, then ok", ""],
    ]


def test_it_exports_only_the_logged_in_users_days(alice, outsider, catalog, frozen_today) -> None:
    make_entry(outsider, frozen_today, back=9, note="mallory's secret")
    assert rows_of(alice.get("/accounts/data/export.csv")) == [
        ["date", "back", "hip", "knee", "exercises", "note", "factors"]
    ]
    assert json.loads(alice.get("/accounts/data/export.json").content)["entries"] == []


def test_it_exports_csv_in_the_same_number_of_queries_for_10_or_1000_days(
    client_of, catalog, frozen_today, django_assert_num_queries
) -> None:
    for count in (10, 1000):
        user = make_user(f"user{count}")
        make_entries(user, frozen_today, count)
        client = client_of(user)
        # User, catalog, exercise rows, entries, factor ticks (the session comes from the
        # cache).
        with django_assert_num_queries(5):
            response = client.get("/accounts/data/export.csv")
        assert len(rows_of(response)) == count + 1


def test_it_downloads_json_with_everything_needed_to_restore(
    alice, user, catalog, frozen_today
) -> None:
    make_entry(user, frozen_today, back=2, hip=None, knee=10, exercises=[catalog[4]], note="é\n")
    response = alice.get("/accounts/data/export.json")
    assert (
        response["Content-Disposition"] == 'attachment; filename="footcare-journal-2026-11-25.json"'
    )
    document = json.loads(response.content)
    assert (document["format"], document["version"]) == ("footcare-journal", 1)
    assert document["entries"] == [
        {
            "date": "2026-11-25",
            "back": 2,
            "hip": None,
            "knee": 10,
            "exercises": [catalog[4].slug],
            "note": "é\n",
        }
    ]


def test_it_exports_json_in_a_constant_number_of_queries(
    alice, user, catalog, frozen_today, django_assert_num_queries
) -> None:
    make_entries(user, frozen_today, 300)
    # The user with the settings, the days with their exercises and factors, the catalog,
    # the PEG weeks, the experiments, the factor list and its ticks, the medicines, my
    # routine, the comparisons and the ratings around the routine, whatever the journal's
    # size (the session comes from the cache).
    with django_assert_num_queries(13):
        response = alice.get("/accounts/data/export.json")
    assert len(json.loads(response.content)["entries"]) == 300


def test_it_tells_browsers_and_proxies_not_to_keep_a_copy(alice, catalog, frozen_today) -> None:
    assert "no-store" in alice.get("/accounts/data/export.json")["Cache-Control"]
