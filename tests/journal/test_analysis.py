import datetime
import math
import random

import pytest

from journal.reports.analysis import (
    MIN_DAYS_PER_GROUP,
    DayRow,
    Streaks,
    adherence,
    build_report,
    change_from_start,
    compare_next_day,
    next_day_pairs,
    practice_streaks,
    trend,
)
from journal.reports.stats import t_quantile, welch_interval
from journal.reports.wording import describe_change, describe_comparison, describe_trend

START = datetime.date(2026, 1, 1)


def day(offset: int) -> datetime.date:
    return START + datetime.timedelta(days=offset)


def row(offset: int, knee: int | None = 5, exercises: tuple[str, ...] = (), **ratings) -> DayRow:
    return DayRow(
        day(offset),
        {"back": ratings.get("back"), "hip": ratings.get("hip"), "knee": knee},
        frozenset(exercises),
    )


def synthetic_journal(seed: int, days: int, effect: float, noise: float = 1.5) -> list[DayRow]:
    """Practice on day D lowers knee pain on D+1 by ``effect``; some days are never logged."""
    rng = random.Random(seed)
    rows = []
    practised_yesterday = None
    for offset in range(days):
        practised = rng.random() < 0.5
        if rng.random() < 0.1:
            practised_yesterday = None  # not logged: tomorrow's pair is unknown
            continue
        mean = 5.0 - (effect if practised_yesterday else 0.0)
        knee = min(10, max(0, round(rng.gauss(mean, noise))))
        rows.append(row(offset, knee=knee, exercises=("Toe presses",) if practised else ()))
        practised_yesterday = practised
    return rows


@pytest.mark.parametrize(
    ("df", "expected"),
    [(1, 12.7062), (2, 4.3027), (5, 2.5706), (10, 2.2281), (30, 2.0423), (1000, 1.9623)],
)
def test_t_quantile_matches_the_printed_tables(df, expected) -> None:
    assert t_quantile(0.975, df) == pytest.approx(expected, abs=1e-4)


def test_t_quantile_is_symmetric() -> None:
    assert t_quantile(0.025, 7.5) == pytest.approx(-t_quantile(0.975, 7.5))


def test_welch_interval_matches_a_hand_computed_example() -> None:
    # Means 2 and 5, variances 1 and 2.5, n 3 and 5: se² = 1/3 + 1/2, df ≈ 5.88.
    difference, low, high = welch_interval([1, 2, 3], [3, 4, 5, 6, 7])
    df = (1 / 3 + 1 / 2) ** 2 / ((1 / 3) ** 2 / 2 + (1 / 2) ** 2 / 4)
    assert df == pytest.approx(5.882, abs=1e-3)
    assert difference == -3
    assert high - difference == pytest.approx(t_quantile(0.975, df) * math.sqrt(5 / 6))
    assert difference - low == pytest.approx(high - difference)


def test_the_true_effect_lies_in_the_interval_about_95_percent_of_the_time() -> None:
    hits = 0
    seeds = range(400)
    for seed in seeds:
        result = compare_next_day(synthetic_journal(seed, 90, effect=1.5), "knee")
        hits += result.low <= -1.5 <= result.high
    assert 0.92 <= hits / len(seeds) <= 0.98


def test_with_no_effect_the_interval_covers_0_about_95_percent_of_the_time() -> None:
    hits = 0
    seeds = range(1000, 1400)
    for seed in seeds:
        result = compare_next_day(synthetic_journal(seed, 90, effect=0.0), "knee")
        hits += result.includes_zero
    assert 0.92 <= hits / len(seeds) <= 0.98


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


def test_a_single_day_is_not_enough_and_says_how_many_days_are_needed() -> None:
    result = compare_next_day([row(0, exercises=("A",))], "knee")
    assert not result.enough
    assert result.practice_days_needed == MIN_DAYS_PER_GROUP
    assert "Not enough data yet" in describe_comparison(result, "Over the last 30 days")


def test_a_journal_without_practice_has_no_comparison() -> None:
    rows = [row(i, knee=i % 10) for i in range(60)]
    result = compare_next_day(rows, "knee")
    assert result.after_practice.n == 0
    assert result.after_rest.n == 59
    assert "7 days more after you practised" in describe_comparison(result, "Lately")


def test_the_sentence_states_both_group_sizes_the_interval_and_that_it_is_no_proof() -> None:
    rows = synthetic_journal(3, 200, effect=1.5)
    result = compare_next_day(rows, "knee")
    sentence = describe_comparison(result, "Over the last 200 days")
    assert f"{result.after_practice.n} and {result.after_rest.n} days" in sentence
    assert "points lower than on days after you did not (95% interval" in sentence
    assert "association, not proof" in sentence


def test_the_sentence_says_the_data_cannot_tell_when_the_interval_includes_zero() -> None:
    rows = [row(i, knee=5, exercises=("A",) if i % 2 else ()) for i in range(40)]
    rows[5] = row(5, knee=6)
    result = compare_next_day(rows, "knee")
    assert result.includes_zero
    assert "cannot tell" in describe_comparison(result, "Lately")


def test_change_from_start_marks_a_50_percent_drop_as_substantial() -> None:
    rows = [row(i, knee=8 if i < 14 else 4) for i in range(28)]
    change = change_from_start(rows, "knee")
    assert change.relative_drop == 0.5
    assert "substantial" in describe_change(change)


def test_change_from_start_marks_a_30_percent_drop_as_moderate() -> None:
    rows = [row(i, knee=10 if i < 14 else 7) for i in range(30)]
    assert "moderate" in describe_change(change_from_start(rows, "knee"))


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
    assert len(result.starts) == 522


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
