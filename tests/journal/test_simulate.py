import datetime
import statistics

import pytest

from journal.analysis.simulate import EXERCISE, PATTERNS, simulate_diary, simulate_schedule


def practised(rows) -> dict[datetime.date, bool]:
    return {row.day: row.practised for row in rows}


@pytest.mark.parametrize("pattern", PATTERNS)
def test_every_pattern_gives_ratings_from_0_to_10_with_gaps(pattern) -> None:
    rows = simulate_diary(365, pattern, phi=0.5, effect=-1, seed=1)
    ratings = [r for row in rows for r in row.ratings.values()]
    assert 300 <= len(rows) <= 350  # about 10% of days not logged
    assert all(r is None or 0 <= r <= 10 for r in ratings)
    assert 0.02 <= ratings.count(None) / len(ratings) <= 0.08  # about 5% unrated
    assert {row.exercises for row in rows} == {frozenset(), frozenset({EXERCISE})}


def test_the_same_seed_gives_the_same_diary() -> None:
    first = simulate_diary(90, "streaks", phi=0.8, effect=0, seed=7)
    assert first == simulate_diary(90, "streaks", phi=0.8, effect=0, seed=7)
    assert first != simulate_diary(90, "streaks", phi=0.8, effect=0, seed=8)


def test_streaks_keep_yesterdays_choice_about_nine_days_in_ten() -> None:
    done = practised(simulate_diary(3000, "streaks", phi=0, effect=0, seed=2))
    kept = [
        done[d] == done[d - datetime.timedelta(days=1)]
        for d in done
        if d - datetime.timedelta(days=1) in done
    ]
    assert 0.87 <= sum(kept) / len(kept) <= 0.93


def test_after_a_bad_day_people_practise_more() -> None:
    rows = simulate_diary(3000, "after a bad day", phi=0.8, effect=0, seed=3)
    by_day = {row.day: row for row in rows}
    after_bad, after_good = [], []
    for row in rows:
        yesterday = by_day.get(row.day - datetime.timedelta(days=1))
        if yesterday and yesterday.ratings["knee"] is not None:
            (after_bad if yesterday.ratings["knee"] >= 7 else after_good).append(row.practised)
    assert statistics.mean(after_bad) > statistics.mean(after_good) + 0.3


def test_a_true_effect_lowers_next_day_pain_under_random_practice() -> None:
    rows = simulate_diary(4000, "coin flip", phi=0, effect=-1, seed=4)
    by_day = {row.day: row for row in rows}
    after = {True: [], False: []}
    for row in rows:
        following = by_day.get(row.day + datetime.timedelta(days=1))
        if following and following.ratings["hip"] is not None:
            after[row.practised].append(following.ratings["hip"])
    assert statistics.mean(after[True]) - statistics.mean(after[False]) == pytest.approx(
        -1, abs=0.15
    )


def test_phases_practise_or_rest_for_whole_weeks() -> None:
    rows = simulate_diary(70, "7-day phases", phi=0, effect=0, seed=5, unlogged=0)
    weeks = [{row.practised for row in rows[i : i + 7]} for i in range(0, 70, 7)]
    assert all(len(week) == 1 for week in weeks)


def test_a_fixed_schedule_is_followed_day_by_day() -> None:
    schedule = [day % 3 == 0 for day in range(56)]
    rows = simulate_schedule(schedule, phi=0.8, effect=-1, seed=6, unlogged=0)
    assert [row.practised for row in rows] == schedule


def test_an_unknown_pattern_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown practice pattern"):
        simulate_diary(10, "whenever", phi=0, effect=0, seed=1)
