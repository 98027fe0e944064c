"""The simulated diaries of ``make validate`` have the properties their families claim."""

import math

import numpy as np
import pytest

from journal.analysis.nextday import NONE, PART, WHOLE
from journal.analysis.simulate import FAMILIES, ROUTINE, family, simulate, simulate_diary


@pytest.mark.parametrize("name", FAMILIES)
def test_every_family_gives_whole_ratings_from_0_to_10_with_gaps(name) -> None:
    simulated = simulate(FAMILIES[name], 365, 20, (-1.0, -1.0, -1.0), seed=1)
    rated = simulated.ratings[~np.isnan(simulated.ratings)]
    assert rated.size
    assert ((rated >= 0) & (rated <= 10) & (rated == np.round(rated))).all()
    assert 0.5 < simulated.logged.mean() < 0.98
    assert np.isnan(simulated.ratings[~simulated.logged]).all()


def test_the_same_seed_gives_the_same_diaries() -> None:
    first = simulate(FAMILIES["all together"], 90, 3, (0.0, 0.0, -1.0), seed=7)
    again = simulate(FAMILIES["all together"], 90, 3, (0.0, 0.0, -1.0), seed=7)
    other = simulate(FAMILIES["all together"], 90, 3, (0.0, 0.0, -1.0), seed=8)
    assert np.array_equal(first.ratings, again.ratings, equal_nan=True)
    assert not np.array_equal(first.ratings, other.ratings, equal_nan=True)


def test_people_who_decide_by_how_they_feel_practise_more_on_bad_days() -> None:
    simulated = simulate(FAMILIES["bad days"], 2000, 5, (0.0, 0.0, 0.0), seed=3)
    knee, done = simulated.ratings[:, :, 2], simulated.practice > NONE
    bad = knee >= 7
    assert done[bad].mean() > done[knee <= 3].mean() + 0.3


def test_the_truth_is_the_effect_on_the_rating_smaller_near_0() -> None:
    middle = simulate(FAMILIES["bad days"], 365, 50, (-1.0, -1.0, -1.0), seed=4).truth
    near_0 = simulate(FAMILIES["near 0"], 365, 50, (-1.0, -1.0, -1.0), seed=4).truth
    assert middle == pytest.approx([-1.0] * 3, abs=0.02)
    assert all(-0.8 < t < -0.5 for t in near_0)


def test_a_plan_is_followed_on_the_share_of_days_it_says() -> None:
    plan = np.tile(np.array([True, False] * 50), (40, 1))
    simulated = simulate(
        FAMILIES["bad days"], 100, 40, (-1.0,) * 3, 5, schedule=plan, adherence=0.7
    )
    on_plan = (simulated.practice > NONE) == plan
    assert 0.78 < on_plan.mean() < 0.92  # 70% by plan, and about half the rest by chance
    assert simulated.truth == pytest.approx([-0.7] * 3, abs=0.03)


def test_part_of_the_routine_comes_as_often_as_the_family_says() -> None:
    simulated = simulate(family("part of the routine"), 1000, 5, (0.0,) * 3, seed=6)
    practised = simulated.practice[simulated.practice > NONE]
    assert (practised == PART).mean() == pytest.approx(0.5, abs=0.03)


def test_a_simulated_diary_reads_as_the_rows_the_pages_read() -> None:
    rows = simulate_diary(60, "part of the routine", effect=-1, seed=7)
    assert {row.exercises for row in rows} <= {
        frozenset(),
        frozenset(ROUTINE[:2]),
        frozenset(ROUTINE),
    }
    assert all(
        rating is None or 0 <= rating <= 10 for row in rows for rating in row.ratings.values()
    )
    assert not any(math.isnan(r) for row in rows for r in row.ratings.values() if r is not None)


def test_whole_and_none_are_the_only_practice_values_without_part_days() -> None:
    simulated = simulate(FAMILIES["coin flip"], 200, 5, (0.0,) * 3, seed=8)
    assert set(np.unique(simulated.practice)) == {NONE, WHOLE}
