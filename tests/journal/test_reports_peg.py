"""The PEG on the Reports page and the pure series the charts and the PDF draw from."""

import datetime

from journal.analysis.rows import PegRow, peg_score, peg_series
from journal.models import PegCheckIn
from journal.reports.wording.checkin import describe_peg, peg_rows
from journal.rows import load_peg
from tests.factories import make_entry, make_user

MONDAY = datetime.date(2026, 11, 23)


def week(n: int) -> datetime.date:
    return MONDAY - datetime.timedelta(weeks=n)


def test_the_score_is_the_mean_of_three_answered_items() -> None:
    assert peg_score(6, 4, 5) == 5.0


def test_a_missing_item_gives_no_score_rather_than_counting_it_as_zero() -> None:
    assert peg_score(6, None, 5) is None


def test_the_series_keeps_scored_weeks_only_oldest_first() -> None:
    rows = [PegRow(week(0), 3, 3, 3), PegRow(week(1), 9, None, 9), PegRow(week(2), 6, 6, 9)]
    assert peg_series(rows) == [(week(2), 7.0), (week(0), 3.0)]


def test_load_peg_reads_the_weeks_that_overlap_the_range(user) -> None:
    for n in range(4):
        PegCheckIn.objects.create(user=user, week=week(n), pain=n)
    PegCheckIn.objects.create(user=make_user("bob"), week=week(1), pain=5)
    rows = load_peg(user, week(2) + datetime.timedelta(days=3), MONDAY - datetime.timedelta(days=1))
    assert [row.week for row in rows] == [week(2), week(1)]


def test_the_table_marks_an_unanswered_item_with_a_dash() -> None:
    rows = peg_rows([PegRow(MONDAY, 6, None, 5)])
    assert [row.cells for row in rows] == [["23 Nov 2026", "6", "–", "5", "–"]]


def test_the_summary_names_the_first_and_last_score() -> None:
    rows = [PegRow(week(3), 7, 7, 7), PegRow(week(2), 1, None, 1), PegRow(week(0), 4, 5, 6)]
    assert describe_peg(rows) == (
        "3 weekly check-ins, 2 with a score: 7.0 in the week of 2 Nov 2026 "
        "and 5.0 in the week of 23 Nov 2026."
    )


def test_the_summary_says_when_no_week_has_a_score() -> None:
    assert describe_peg([PegRow(MONDAY, 1, None, None)]) == (
        "1 weekly check-in, none with all three questions answered, so no PEG score."
    )


def test_the_reports_page_shows_the_peg_table(alice, user, frozen_today) -> None:
    PegCheckIn.objects.create(user=user, week=week(1), pain=6, enjoyment=4, activity=5)
    text = alice.get("/journal/reports/?range=30").text
    assert "Weekly check-in (PEG)" in text
    assert '<th scope="row">16 Nov 2026</th><td>6</td><td>4</td><td>5</td><td>5.0</td>' in text


def test_the_reports_page_leaves_out_another_persons_weeks(alice, user, frozen_today) -> None:
    make_entry(user, frozen_today, knee=3)
    PegCheckIn.objects.create(user=make_user("bob"), week=week(1), pain=6, enjoyment=4, activity=5)
    assert "No weekly check-in in this range." in alice.get("/journal/reports/?range=30").text


def test_with_nothing_logged_the_page_shows_a_check_in_but_no_empty_peg_section(
    alice, user, frozen_today
) -> None:
    assert "Weekly check-in (PEG)" not in alice.get("/journal/reports/?range=30").text
    PegCheckIn.objects.create(user=user, week=week(1), pain=6, enjoyment=4, activity=5)
    assert "Weekly check-in (PEG)" in alice.get("/journal/reports/?range=30").text


def test_a_check_in_saved_after_the_page_was_shown_appears_on_it_at_once(
    alice, user, frozen_today
) -> None:
    make_entry(user, frozen_today, knee=3)
    assert "No weekly check-in in this range." in alice.get("/journal/reports/?range=30").text
    alice.post("/journal/check-in/", {"pain": "6", "enjoyment": "4", "activity": "5"})
    text = alice.get("/journal/reports/?range=30").text
    assert '<th scope="row">23 Nov 2026</th><td>6</td><td>4</td><td>5</td><td>5.0</td>' in text
