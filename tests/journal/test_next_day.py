"""The adjusted next-day comparison: the numbers, and the sentences the page builds from them."""

import dataclasses
import datetime
import math
from fractions import Fraction

import pytest

from journal.analysis.nextday import MIN_RUNS, Comparison, adjusted_comparison, runs_of_three
from journal.analysis.report import Change, build_report
from journal.analysis.rows import DayRow
from journal.analysis.simulate import PATTERNS, simulate_diary
from journal.analysis.stats import ols
from journal.reports.wording.common import points
from journal.reports.wording.page import comparison_rows, describe_change, describe_comparison

START = datetime.date(2026, 1, 1)


def row(offset: int, knee: int | None, practised: bool = False) -> DayRow:
    return DayRow(
        START + datetime.timedelta(days=offset),
        {"back": None, "hip": None, "knee": knee},
        frozenset({"A"}) if practised else frozenset(),
    )


# A 10-day journal worked by hand. Days 0-9:
#   knee      6 7 5 4 6 3 4 5 2 3
#   practice  N Y Y N Y N Y Y N N
# The runs of three logged, rated days are D = 1..8; as (practice D-1, practice D, pain D,
# pain D+1, pain D-1) they are:
TEN_KNEE = [6, 7, 5, 4, 6, 3, 4, 5, 2, 3]
TEN_PRACTICE = [0, 1, 1, 0, 1, 0, 1, 1, 0, 0]
TEN_RUNS = [
    (0, 1, 7, 5, 6),
    (1, 1, 5, 4, 7),
    (1, 0, 4, 6, 5),
    (0, 1, 6, 3, 4),
    (1, 0, 3, 4, 6),
    (0, 1, 4, 5, 3),
    (1, 1, 5, 2, 4),
    (1, 0, 2, 3, 5),
]


def ten_day_journal() -> list[DayRow]:
    return [row(i, k, bool(p)) for i, (k, p) in enumerate(zip(TEN_KNEE, TEN_PRACTICE, strict=True))]


def exact_least_squares(
    design: list[list[Fraction]], y: list[Fraction]
) -> tuple[list[Fraction], Fraction, Fraction]:
    """Coefficients, residual sum of squares and the last diagonal entry of (X'X)^-1.

    Gauss-Jordan on [X'X | I] in exact rational arithmetic: no floats, no code shared with
    ``ols`` (which uses a Cholesky factorisation in floating point).
    """
    k = len(design[0])
    xtx = [[sum(r[i] * r[j] for r in design) for j in range(k)] for i in range(k)]
    xty = [sum(r[i] * t for r, t in zip(design, y, strict=True)) for i in range(k)]
    aug = [xtx[i] + [Fraction(int(i == j)) for j in range(k)] for i in range(k)]
    for col in range(k):
        pivot = next(r for r in range(col, k) if aug[r][col] != 0)
        aug[col], aug[pivot] = aug[pivot], aug[col]
        aug[col] = [v / aug[col][col] for v in aug[col]]
        for r in range(k):
            if r != col:
                aug[r] = [a - aug[r][col] * b for a, b in zip(aug[r], aug[col], strict=True)]
    inverse = [r[k:] for r in aug]
    beta = [sum(inverse[i][j] * xty[j] for j in range(k)) for i in range(k)]
    rss = sum(
        (t - sum(b * x for b, x in zip(beta, r, strict=True))) ** 2
        for r, t in zip(design, y, strict=True)
    )
    return beta, rss, inverse[k - 1][k - 1]


def test_the_runs_of_a_ten_day_journal_are_the_ones_worked_by_hand() -> None:
    runs = runs_of_three(ten_day_journal(), "knee")
    as_tuples = [
        (int(r.practised_before), int(r.practised), r.pain, r.pain_next, r.pain_before)
        for r in runs
    ]
    assert as_tuples == TEN_RUNS


def test_the_regression_on_a_ten_day_journal_matches_exact_arithmetic() -> None:
    runs = runs_of_three(ten_day_journal(), "knee")
    # The design adjusted_comparison uses: 1, pain D, pain D-1, practice D-1, practice D.
    fit = ols(
        [[1.0, r.pain, r.pain_before, float(r.practised_before), float(r.practised)] for r in runs],
        [r.pain_next for r in runs],
    )
    beta, rss, unscaled = exact_least_squares(
        [[Fraction(v) for v in (1, p, pb, b, d)] for b, d, p, _, pb in TEN_RUNS],
        [Fraction(run[3]) for run in TEN_RUNS],
    )
    # 8 runs and 5 coefficients leave 3 degrees of freedom; t(0.975, 3) = 3.182446305284263.
    half = 3.182446305284263 * math.sqrt(float(rss / 3 * unscaled))
    assert fit.df == 3
    assert fit.coefficients[4] == pytest.approx(float(beta[4]), abs=1e-12)
    assert fit.interval(4) == pytest.approx(
        (float(beta[4]) - half, float(beta[4]) + half), abs=1e-9
    )


def test_a_unrated_or_unlogged_day_breaks_every_run_through_it() -> None:
    rows = [row(i, k, bool(p)) for i, (k, p) in enumerate(zip(TEN_KNEE, TEN_PRACTICE, strict=True))]
    rows[4] = row(4, None, True)  # unrated: breaks D = 3, 4, 5
    del rows[8]  # not logged: breaks D = 7, 8 (and 9 has no day after anyway)
    assert len(runs_of_three(rows, "knee")) == 8 - 3 - 2


def test_the_ten_day_journal_is_below_the_minimum_and_says_how_many_more_runs() -> None:
    result = adjusted_comparison(ten_day_journal(), "knee")
    assert not result.enough
    assert result.runs == 8
    assert f"it needs {MIN_RUNS - 8} more runs" in describe_comparison(result, "Lately")


def test_a_journal_without_practice_says_how_many_practice_days_are_needed() -> None:
    rows = [row(i, i % 10) for i in range(60)]
    result = adjusted_comparison(rows, "knee")
    assert result.practice_runs == 0
    assert "it needs 5 more with practice on the middle day" in describe_comparison(
        result, "Lately"
    )


def test_practice_every_other_day_cannot_be_told_apart_from_the_day_before() -> None:
    rows = [row(i, (i * 7) % 11, bool(i % 2)) for i in range(60)]
    result = adjusted_comparison(rows, "knee")
    assert result.problem == "tied"
    assert "cannot be told apart" in describe_comparison(result, "Lately")


def test_pain_that_never_changes_gives_no_zero_width_interval() -> None:
    rows = [row(i, 4, bool(i % 3)) for i in range(60)]
    result = adjusted_comparison(rows, "knee")
    sentence = describe_comparison(result, "Lately")
    assert result.problem == "flat"
    assert "fit anything" not in sentence
    assert "no spread to give an interval" in sentence


def test_the_sentence_states_n_the_interval_and_the_assumption() -> None:
    rows = simulate_diary(365, "after a bad day", phi=0.8, effect=-1, seed=5)
    result = adjusted_comparison(rows, "knee")
    sentence = describe_comparison(result, "Over the last 365 days")
    assert result.claim == "lower"
    assert f"({result.runs} runs of three logged days, {result.practice_runs} with" in sentence
    assert "The data fit anything from" in sentence
    assert "assuming pain carries over a day or two, not longer" in sentence
    assert "association, not proof" in sentence


@pytest.mark.parametrize("seed", range(30))
def test_the_sentence_claims_a_difference_exactly_when_the_interval_excludes_zero(seed) -> None:
    pattern = list(PATTERNS)[seed % len(PATTERNS)]
    rows = simulate_diary(90, pattern, phi=0.5, effect=-0.5, seed=seed)
    result = adjusted_comparison(rows, "knee")
    sentence = describe_comparison(result, "Lately")
    assert ("lower than after days you did not" in sentence) == (result.claim == "lower")
    assert ("higher than after days you did not" in sentence) == (result.claim == "higher")
    assert ("including no difference" in sentence) == (result.enough and result.claim is None)


def test_a_difference_that_rounds_to_zero_never_prints_minus_zero() -> None:
    result = Comparison("knee", 40, 20, 20, estimate=-0.04, low=-0.61, high=0.53)
    report = build_report([], [], START, START, START, "Lately")
    report = dataclasses.replace(report, comparisons=[result])
    assert points(-0.04) == "less than 0.1 points lower"
    assert "-0.0" not in describe_comparison(result, "Lately")
    assert comparison_rows(report)[0].cells[2:] == ["0.0", "-0.6 to +0.5"]


def test_an_interval_end_that_rounds_to_zero_reads_less_than_a_tenth() -> None:
    result = Comparison("knee", 40, 20, 20, estimate=-0.8, low=-1.5, high=-0.03)
    assert "The data fit anything from less than 0.1 to 1.5 points lower" in describe_comparison(
        result, "Lately"
    )


def test_a_49_5_percent_drop_is_printed_as_50_percent_with_nothing_contradicting_it() -> None:
    sentence = describe_change(Change("knee", 28, 8.0, 4.04))
    assert sentence.endswith("and 4.0 over your last 14: 4.0 points (50%) lower.")


def test_a_drop_that_prints_as_30_percent_is_not_called_less_than_30_percent() -> None:
    sentence = describe_change(Change("knee", 28, 10.0, 7.04))
    assert sentence.endswith(": 3.0 points (30%) lower.")
    assert "less than" not in sentence


def test_equal_means_read_the_same() -> None:
    assert describe_change(Change("knee", 28, 4.02, 3.98)).endswith("over your last 14: the same.")


def test_a_change_from_a_tiny_start_gives_points_but_no_percentage() -> None:
    sentence = describe_change(Change("knee", 28, 1.0, 0.0))
    assert "1.0 point lower" in sentence
    assert "%" not in sentence
