"""A fast slice of the before/after comparison's validation (the full table: make validate).

300 simulated comparisons a cell; the bounds are wide enough that chance fails them well
under 1% of the time, and narrow enough to catch an interval that ignores the rest sessions
or is too short.
"""

import pytest

from journal.analysis.relief import Ratings, compare
from journal.analysis.relief_validation import ReliefCell, relief_misses, run_relief_cells

SEEDS = 300


@pytest.fixture(scope="module")
def cells():
    return dict(
        run_relief_cells([ReliefCell(10, 0.8, 0.5, 0.0), ReliefCell(10, 0.8, 0.5, -1.0)], SEEDS)
    )


def test_with_no_true_effect_the_page_rarely_claims_more_relief(cells) -> None:
    tally = cells[ReliefCell(10, 0.8, 0.5, 0.0)]
    assert tally.runs == SEEDS
    assert tally.more / tally.runs <= 0.06
    assert tally.less / tally.runs <= 0.06


@pytest.mark.parametrize("effect", [0.0, -1.0])
def test_the_interval_covers_the_true_effect(cells, effect) -> None:
    tally = cells[ReliefCell(10, 0.8, 0.5, effect)]
    assert 0.91 <= tally.covered / tally.runs <= 0.99


def test_a_true_effect_of_one_point_is_found_more_often_than_by_chance(cells) -> None:
    tally = cells[ReliefCell(10, 0.8, 0.5, -1.0)]
    assert tally.more / tally.runs > 0.2


def test_pain_easing_by_itself_is_not_taken_for_the_routines_effect() -> None:
    # Both kinds of session start at a bad moment and ease by 2 points: no difference.
    routine = [Ratings(8, 6), Ratings(7, 5), Ratings(8, 6), Ratings(9, 7)]
    rest = [Ratings(8, 6), Ratings(9, 7), Ratings(7, 5), Ratings(8, 6)]
    result = compare(routine, rest)
    assert result.difference == 0
    assert result.verdict == "unclear"


def test_a_missed_target_is_reported_in_words() -> None:
    from journal.analysis.relief_validation import ReliefTally

    bad = [(ReliefCell(10, 0.0, 0.0, 0.0), ReliefTally(runs=100, more=9, covered=80))]
    misses = relief_misses(bad)
    assert any("coverage 80.0%" in miss for miss in misses)
    assert any("false 'more relief' 9.0%" in miss for miss in misses)
