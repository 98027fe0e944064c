"""Today puts its form first: the prompts below it, the save's confirmation beside Save with
the streak, "Same as yesterday" and the experiment's one line above the ratings."""

import datetime
import re

import pytest
import time_machine

from journal.models import Entry, Experiment
from tests.factories import make_entry

from ..conftest import TODAY

pytestmark = pytest.mark.usefixtures("frozen_today")

YESTERDAY = TODAY - datetime.timedelta(days=1)


def position(page: str, text: str) -> int:
    found = page.find(text)
    assert found >= 0, f"{text!r} is not on the page"
    return found


def save_row(page: str) -> str:
    start = position(page, 'class="save-row"')
    return page[start : page.index("</form>", start)]


def test_every_prompt_comes_after_the_save_button(alice, catalog) -> None:
    page = alice.get("/journal/today/").text
    save = position(page, 'id="submit-id-save"')
    for prompt in ("Start routine", "Weekly check-in", "Add an email address", "Another day"):
        assert position(page, prompt) > save, prompt


def test_the_ratings_come_right_after_the_heading(alice, catalog) -> None:
    page = alice.get("/journal/today/").text
    main = page[position(page, '<main id="main"') :]
    heading_end = position(main, "</h1>")
    assert position(main, ">Back</legend>") - heading_end < 1200


def test_it_confirms_the_save_next_to_the_button_with_the_days_in_a_row(
    alice, user, catalog
) -> None:
    for days_ago in (1, 2, 4):
        make_entry(user, TODAY - datetime.timedelta(days=days_ago), back=5)
    page = alice.post("/journal/today/", {"back": "3"}, follow=True).text
    assert "Saved. 3 days in a row." in save_row(page)
    assert page.count("Saved. 3 days in a row.") == 1


def test_the_first_day_is_confirmed_without_a_streak(alice, catalog) -> None:
    page = alice.post("/journal/today/", {"back": "3"}, follow=True).text
    assert re.search(r'id="save-status" role="status">Saved\.</p>', page)


def test_a_streak_longer_than_a_year_is_said_in_words(alice, user, catalog) -> None:
    Entry.objects.bulk_create(
        Entry(user=user, day=TODAY - datetime.timedelta(days=n), back=4) for n in range(1, 500)
    )
    assert Entry.objects.for_user(user).days_in_a_row(YESTERDAY) == 366
    page = alice.post("/journal/today/", {"back": "3"}, follow=True).text
    assert "Saved. Over a year in a row." in save_row(page)


def test_a_message_of_another_kind_stays_at_the_top(alice, catalog) -> None:
    page = alice.post("/journal/routine/done/", {"exercises": [catalog[0].pk]}, follow=True).text
    assert position(page, "Well done!") < position(page, ">Back</legend>")


def test_same_as_yesterday_carries_yesterdays_ratings_only(alice, user, catalog) -> None:
    make_entry(user, YESTERDAY, back=5, hip=None, knee=2, note="Secret", exercises=catalog[:2])
    row = save_row(alice.get("/journal/today/").text)
    assert 'id="same-as-yesterday"' in row
    assert 'data-back="5"' in row
    assert 'data-hip=""' in row
    assert 'data-knee="2"' in row
    assert "Yesterday: back 5, hip not rated, knee 2." in row
    assert "Secret" not in row


def test_same_as_yesterday_is_not_offered_when_yesterday_has_no_rating(
    alice, user, catalog
) -> None:
    make_entry(user, YESTERDAY, note="Only a note", exercises=catalog[:1])
    assert 'id="same-as-yesterday"' not in alice.get("/journal/today/").text


def test_same_as_yesterday_is_not_offered_once_today_is_rated(alice, user, catalog) -> None:
    make_entry(user, YESTERDAY, back=5)
    make_entry(user, TODAY, knee=3)
    assert 'id="same-as-yesterday"' not in alice.get("/journal/today/").text


def test_same_as_yesterday_is_offered_on_a_past_day_from_the_day_before(
    alice, user, catalog
) -> None:
    make_entry(user, datetime.date(2026, 11, 19), hip=7)
    page = alice.get("/journal/day/2026-11-20/").text
    assert 'data-hip="7"' in page


def test_today_shows_the_assignment_in_one_line_above_the_ratings(alice, user, catalog) -> None:
    experiment = Experiment.objects.begin(
        user, area="knee", weeks=6, start=TODAY - datetime.timedelta(days=8), today=TODAY
    )
    page = alice.get("/journal/today/").text
    line = page[position(page, 'id="experiment-today"') : position(page, ">Back</legend>")]
    expected = "Rest day" if experiment.assignment(TODAY) == "R" else "Practise day"
    assert expected in line
    assert "Experiment: day 9 of 42" in line


def test_after_midnight_it_asks_about_yesterday_in_one_line_above_the_form(
    alice, user, catalog
) -> None:
    # An account older than today (one made today is not asked).
    type(user).objects.filter(pk=user.pk).update(
        date_joined=datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC)
    )
    with time_machine.travel(datetime.datetime(2026, 11, 25, 0, 30, tzinfo=datetime.UTC)):
        page = alice.get("/journal/today/").text
    assert position(page, "log Tue 24 Nov instead?") < position(page, 'id="entry-form"')
