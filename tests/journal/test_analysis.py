import datetime
import math

import pytest

from journal.analysis.nextday import next_day_means, next_day_pairs
from journal.analysis.report import (
    Streaks,
    adherence,
    build_report,
    change_from_start,
    practice_streaks,
    trend,
    weekly_means,
)
from journal.analysis.rows import DayRow
from journal.reports.wording.page import describe_trend

START = datetime.date(2026, 1, 1)


def day(offset: int) -> datetime.date:
    return START + datetime.timedelta(days=offset)


def row(offset: int, knee: int | None = 5, exercises: tuple[str, ...] = (), **ratings) -> DayRow:
    return DayRow(
        day(offset),
        {"back": ratings.get("back"), "hip": ratings.get("hip"), "knee": knee},
        frozenset(exercises),
    )


def test_missing_ratings_are_left_out_not_counted_as_zero() -> None:
    rows = [row(0, exercises=("A",)), row(1, knee=None), row(2), row(3, knee=4)]
    practice, rest = next_day_pairs(rows, "knee")
    assert practice == []  # day 1 after practice has no knee rating
    assert rest == [5.0, 4.0]


def test_a_day_that_was_not_logged_breaks_the_pair() -> None:
    rows = [row(0, exercises=("A",)), row(2, knee=1), row(3, knee=2)]
    practice, rest = next_day_pairs(rows, "knee")
    assert practice == []
    assert rest == [2.0]


def test_per_exercise_pairs_count_other_exercises_as_not_done() -> None:
    rows = [row(0, exercises=("A",)), row(1, knee=2, exercises=("B",)), row(2, knee=7)]
    practice, rest = next_day_pairs(rows, "knee", "A")
    assert (practice, rest) == ([2.0], [7.0])


def test_the_per_exercise_means_are_plain_means_and_counts() -> None:
    rows = [
        row(0, exercises=("A",)),
        row(1, knee=2),
        row(2, knee=7, exercises=("A",)),
        row(3, knee=4),
    ]
    result = next_day_means(rows, "knee", "A")
    assert (result.after_practice.n, result.after_practice.mean) == (2, 3.0)
    assert (result.after_rest.n, result.after_rest.mean) == (1, 7.0)


def test_change_from_start_needs_28_rated_days_and_skips_unrated_ones() -> None:
    rows = [row(i, knee=None if i % 2 else 5) for i in range(50)]
    change = change_from_start(rows, "knee")
    assert not change.enough
    assert change.days_needed == 3


def test_trend_leaves_gaps_where_nothing_was_rated() -> None:
    rows = [row(0, knee=3), row(2, knee=5)]
    result = trend(rows, day(0), day(2))
    assert result.values["knee"][0] == 3
    assert math.isnan(result.values["knee"][1])
    assert math.isnan(result.practice[1])
    assert result.rated_points("knee") == 2


def test_trend_turns_weekly_past_a_year() -> None:
    rows = [row(i, knee=4) for i in range(3650)]
    result = trend(rows, day(0), day(3649))
    assert result.weekly
    # 1 January 2026 is a Thursday: the first week starts on Monday 29 December 2025 and the
    # last on Monday 24 December 2035, the week of day 3649 (Saturday 29 December 2035):
    # 3,647 days apart, so 521 weeks later, 522 weeks in all.
    assert result.starts[0] == datetime.date(2025, 12, 29)
    assert result.starts[-1] == datetime.date(2035, 12, 24)
    assert len(result.starts) == 522


def test_the_trend_chart_and_the_doctors_table_use_the_same_weeks() -> None:
    # Ratings that change every day, over a range that starts on a Thursday.
    rows = [row(i, knee=i % 9) for i in range(500) if i % 11]
    weekly = trend(rows, day(0), day(499))
    table = {week.start: week.means["knee"] for week in weekly_means(rows)}
    chart = {
        start: value
        for start, value in zip(weekly.starts, weekly.values["knee"], strict=True)
        if not math.isnan(value)
    }
    assert all(start.weekday() == 0 for start in chart)
    assert chart == pytest.approx(table)


def test_the_current_streak_survives_until_today_is_logged() -> None:
    done = {day(0), day(1), day(2), day(5), day(6), day(7), day(8)}
    assert practice_streaks(done, today=day(9)) == Streaks(current=4, longest=4)
    assert practice_streaks(done, today=day(10)) == Streaks(current=0, longest=4)


def test_adherence_counts_the_share_of_logged_days() -> None:
    rows = [row(0, exercises=("A",)), row(1, exercises=("A", "B")), row(3)]
    result = adherence(rows, ["A", "B"], day(0), day(3), today=day(3))
    assert [e.days_done for e in result.exercises] == [2, 1]
    assert result.exercises[0].share == pytest.approx(2 / 3)
    assert math.isnan(result.grid[0][2])  # day 2 was not logged


def test_a_report_of_an_empty_journal_says_there_is_nothing_to_draw() -> None:
    report = build_report([], ["A"], day(0), day(29), day(29), "Over the last 30 days")
    assert "no days logged" in describe_trend(report)
    assert report.logged_days == 0
