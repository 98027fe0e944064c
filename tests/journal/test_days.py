import datetime

from journal.models import Entry
from tests.factories import make_entry


def test_it_opens_a_past_day_with_its_saved_values(alice, user, catalog, frozen_today) -> None:
    make_entry(user, datetime.date(2026, 11, 20), knee=6, note="Friday")
    response = alice.get("/journal/day/2026-11-20/")
    assert response.status_code == 200
    assert "Friday 20 November 2026" in response.text
    assert 'name="knee" value="6" class="btn-check" id="id_knee_7" checked' in response.text
    assert "Friday</textarea>" in response.text


def test_it_corrects_a_past_day(alice, user, catalog, frozen_today) -> None:
    make_entry(user, datetime.date(2026, 11, 20), knee=6)
    response = alice.post("/journal/day/2026-11-20/", {"knee": "4", "note": "corrected"})
    assert response.status_code == 302
    assert response["Location"] == "/journal/day/2026-11-20/"
    entry = Entry.objects.get(user=user)
    assert (entry.day, entry.knee, entry.note) == (datetime.date(2026, 11, 20), 4, "corrected")


def test_it_fills_in_a_past_day_that_was_never_logged(alice, user, catalog, frozen_today) -> None:
    alice.post("/journal/day/2026-01-02/", {"hip": "5"})
    assert Entry.objects.get(user=user).day == datetime.date(2026, 1, 2)


def test_the_day_page_for_today_is_the_today_page(alice, catalog, frozen_today) -> None:
    response = alice.post("/journal/day/2026-11-25/", {"back": "1"})
    assert response["Location"] == "/journal/today/"


def test_it_links_to_the_day_before_and_after(alice, catalog, frozen_today) -> None:
    response = alice.get("/journal/day/2026-11-01/")
    assert 'href="/journal/day/2026-10-31/"' in response.text
    assert 'href="/journal/day/2026-11-02/"' in response.text


def test_today_has_no_link_into_the_future(alice, catalog, frozen_today) -> None:
    assert 'href="/journal/day/2026-11-26/"' not in alice.get("/journal/today/").text


def test_opening_a_day_from_history_goes_to_that_day(alice, catalog, frozen_today) -> None:
    response = alice.get("/journal/history/", {"day": "2026-10-03"})
    assert response.status_code == 302
    assert response["Location"] == "/journal/day/2026-10-03/"
