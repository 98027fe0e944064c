import datetime

import pytest

from tests.factories import make_entries, make_entry


def test_it_lists_days_newest_first(alice, user, catalog, frozen_today) -> None:
    make_entry(user, datetime.date(2026, 11, 1), back=1)
    make_entry(user, datetime.date(2026, 11, 20), back=2)
    make_entry(user, datetime.date(2026, 11, 10), back=3)
    text = alice.get("/journal/history/").text
    assert (
        text.index("Fri 20 Nov 2026") < text.index("Tue 10 Nov 2026") < text.index("Sun 1 Nov 2026")
    )


def test_it_shows_each_days_ratings_exercises_and_note(alice, user, catalog, frozen_today) -> None:
    make_entry(
        user,
        datetime.date(2026, 11, 20),
        back=7,
        knee=0,
        note="Walked far",
        exercises=[catalog[2], catalog[0]],
    )
    text = alice.get("/journal/history/").text
    assert "<dt>Back</dt><dd>7" in text
    assert '<dt>Hip</dt><dd><span class="text-body-secondary">not rated</span>' in text
    assert "<dt>Knee</dt><dd>0" in text
    assert "Exercises: Walking on your toes, Toe gripping" in text
    assert "Walked far" in text
    assert 'href="/journal/day/2026-11-20/"' in text


def test_it_pages_through_a_long_journal(alice, user, catalog, frozen_today) -> None:
    make_entries(user, frozen_today, 75)
    first = alice.get("/journal/history/").text
    third = alice.get("/journal/history/", {"page": 3}).text
    assert "75 days logged" in first
    assert "Page 1 of 3" in first
    assert "Wed 25 Nov 2026" in first
    assert "Page 3 of 3" in third
    assert "Sat 12 Sep 2026" in third  # the oldest of 75 days
    assert "Wed 25 Nov 2026" not in third


def test_a_page_number_out_of_range_shows_the_last_page(alice, user, catalog, frozen_today) -> None:
    make_entries(user, frozen_today, 5)
    response = alice.get("/journal/history/", {"page": "999"})
    assert response.status_code == 200
    assert "Wed 25 Nov 2026" in response.text


def test_an_empty_history_invites_to_rate_today(alice, catalog) -> None:
    assert "No days logged yet" in alice.get("/journal/history/").text


@pytest.mark.parametrize(
    ("days_logged", "query"),
    [
        pytest.param(10, {"page": 2}, id="10 days, page 2"),
        pytest.param(1000, {"page": 2}, id="1000 days, page 2"),
        pytest.param(2, {}, id="2 days in the month"),
        pytest.param(31, {}, id="a full month"),
    ],
)
def test_history_costs_the_same_queries_however_long_the_journal_or_full_the_month(
    alice, user, catalog, frozen_today, django_assert_num_queries, days_logged: int, query: dict
) -> None:
    make_entries(user, frozen_today, days_logged)
    # user, count, data version, one page of entries, their exercises, their factors, the
    # month's calendar with whether any factor was ticked (the session comes from the cache)
    with django_assert_num_queries(7):
        assert alice.get("/journal/history/", query).status_code == 200
    # Again, unchanged: the rendered month and list come from the cache; only the user and
    # the data version are read.
    with django_assert_num_queries(2):
        assert alice.get("/journal/history/", query).status_code == 200


def test_a_saved_day_shows_in_history_at_once(alice, user, catalog, frozen_today) -> None:
    make_entries(user, frozen_today - datetime.timedelta(days=1), 3)
    assert "3 days logged" in alice.get("/journal/history/").text
    alice.post(f"/journal/day/{frozen_today}/", {"knee": "3", "note": "fresh note"})
    page = alice.get("/journal/history/").text
    assert "4 days logged" in page
    assert "fresh note" in page


def test_an_edited_note_shows_in_history_at_once(alice, user, catalog, frozen_today) -> None:
    make_entry(user, frozen_today, knee=2, note="first words")
    assert "first words" in alice.get("/journal/history/").text
    alice.post(f"/journal/day/{frozen_today}/", {"knee": "2", "note": "second words"})
    page = alice.get("/journal/history/").text
    assert "second words" in page
    assert "first words" not in page


def test_a_renamed_exercise_shows_in_history_at_once(alice, user, catalog, frozen_today) -> None:
    make_entry(user, frozen_today, knee=2, exercises=[catalog[0]])
    alice.get("/journal/history/")
    catalog[0].name = "Renamed by the curator"
    catalog[0].save()
    assert "Renamed by the curator" in alice.get("/journal/history/").text
