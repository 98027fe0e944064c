"""History's month calendar: pain per day, practice, unlogged days, months, queries."""

import datetime
import re

import pytest
import time_machine

from tests.factories import make_entry


def calendar_html(client, **params: str) -> str:
    text = client.get("/journal/history/", params).text
    return text[text.index('<table class="calendar">') : text.index("</table>")]


def cell(html: str, day: int) -> str:
    """The text of one in-month day's cell (its link and hidden words)."""
    match = re.search(
        rf'<a class="day-cell[^"]*" href="/journal/day/2026-11-{day:02d}/"[^>]*>(.*?)</a>',
        html,
        re.S,
    )
    assert match, f"no cell for 2026-11-{day:02d}"
    return match.group(0)


def test_a_day_shows_its_highest_pain_as_a_number_and_a_colour(
    alice, user, catalog, frozen_today
) -> None:
    make_entry(user, datetime.date(2026, 11, 20), back=3, knee=6)
    day = cell(calendar_html(alice), 20)
    assert 'class="day-cell pain-6"' in day
    assert "pain 6" in day


def test_a_day_with_exercises_carries_a_practice_mark(alice, user, catalog, frozen_today) -> None:
    make_entry(user, datetime.date(2026, 11, 20), back=3, exercises=[catalog[0]])
    make_entry(user, datetime.date(2026, 11, 21), back=3)
    html = calendar_html(alice)
    assert "exercises done" in cell(html, 20)
    assert "exercises done" not in cell(html, 21)


def test_an_unlogged_day_is_not_shown_as_zero(alice, user, catalog, frozen_today) -> None:
    make_entry(user, datetime.date(2026, 11, 20), back=0)
    html = calendar_html(alice)
    assert 'class="day-cell pain-0"' in cell(html, 20)
    assert 'class="day-cell unlogged"' in cell(html, 19)
    assert "not logged" in cell(html, 19)
    assert "pain " not in cell(html, 19)


def test_a_day_logged_without_a_rating_differs_from_one_not_logged(
    alice, user, catalog, frozen_today
) -> None:
    make_entry(user, datetime.date(2026, 11, 20), note="Only a note")
    assert "logged, no pain rated" in cell(calendar_html(alice), 20)


def test_tapping_a_day_opens_it(alice, user, catalog, frozen_today) -> None:
    assert 'href="/journal/day/2026-11-03/"' in cell(calendar_html(alice), 3)


def test_days_after_today_cannot_be_opened(alice, catalog, frozen_today) -> None:
    assert 'href="/journal/day/2026-11-26/"' not in calendar_html(alice)


def test_it_is_a_table_with_a_caption_and_weekday_headers(alice, catalog, frozen_today) -> None:
    html = calendar_html(alice)
    assert "<caption>November 2026, logged on 0 days." in html
    assert '<th scope="col" abbr="Monday">Mon</th>' in html


def test_it_moves_to_the_previous_month_but_not_past_this_one(
    alice, user, catalog, frozen_today
) -> None:
    make_entry(user, datetime.date(2026, 10, 31), back=9)
    page = alice.get("/journal/history/").text
    assert 'href="?month=2026-10"' in page
    assert "?month=2026-12" not in page
    october = alice.get("/journal/history/", {"month": "2026-10"}).text
    assert "<caption>October 2026, logged on 1 day." in october
    assert 'href="?month=2026-11"' in october


@pytest.mark.parametrize("month", ["2026-13", "next", "2026-12", "99999-01", "1899-12", "0001-01"])
def test_a_month_that_cannot_be_shown_gets_a_message_and_this_month(
    alice, catalog, frozen_today, month: str
) -> None:
    response = alice.get("/journal/history/", {"month": month})
    assert response.status_code == 400
    assert "That is not a month you can look at" in response.text
    assert "<caption>November 2026" in response.text


def test_another_persons_days_never_show_in_my_calendar(
    alice, outsider, catalog, frozen_today
) -> None:
    make_entry(outsider, datetime.date(2026, 11, 20), back=9)
    assert "pain 9" not in calendar_html(alice)


def test_a_day_saved_after_the_month_was_shown_appears_in_it_at_once(
    alice, user, catalog, frozen_today
) -> None:
    assert 'class="day-cell unlogged"' in cell(calendar_html(alice), 24)
    alice.post("/journal/day/2026-11-24/", {"knee": "4"})
    assert 'class="day-cell pain-4"' in cell(calendar_html(alice), 24)


def test_after_midnight_the_new_day_can_be_opened(alice, catalog, frozen_today) -> None:
    assert 'href="/journal/day/2026-11-26/"' not in calendar_html(alice)
    with time_machine.travel(datetime.datetime(2026, 11, 26, 12, 0, tzinfo=datetime.UTC)):
        assert 'aria-current="date"' in cell(calendar_html(alice), 26)


def test_january_1900_has_no_previous_month(alice, catalog, frozen_today) -> None:
    response = alice.get("/journal/history/", {"month": "1900-01"})
    assert response.status_code == 200
    assert "<caption>January 1900" in response.text
    assert "Previous month" not in response.text
