import math
import random

import numpy as np
import pytest

from journal.analysis.stats import (
    FLOOR_SHARE,
    ROUNDING_VARIANCE,
    Coefficient,
    Dependent,
    binomial_limit,
    bracket_interval,
    bracket_p_value,
    main_first_holm,
    t_quantile,
    t_tail,
    two_fits,
    validation_misses,
    welch_interval,
)


@pytest.mark.parametrize(
    ("df", "expected"),
    [(1, 12.7062), (2, 4.3027), (5, 2.5706), (10, 2.2281), (30, 2.0423), (1000, 1.9623)],
)
def test_t_quantile_matches_the_printed_tables(df, expected) -> None:
    assert t_quantile(0.975, df) == pytest.approx(expected, abs=1e-4)


@pytest.mark.parametrize("p", [0.6, 0.9, 0.975, 0.995])
def test_t_quantile_matches_the_closed_forms_for_one_and_two_degrees_of_freedom(p) -> None:
    # df 1 is the Cauchy distribution: tan(pi (p - 1/2)); df 2: (2p - 1) / sqrt(2 p (1 - p)).
    assert t_quantile(p, 1) == pytest.approx(math.tan(math.pi * (p - 0.5)), rel=1e-10)
    assert t_quantile(p, 2) == pytest.approx((2 * p - 1) / math.sqrt(2 * p * (1 - p)), rel=1e-10)


def test_t_quantile_is_symmetric() -> None:
    assert t_quantile(0.025, 7.5) == pytest.approx(-t_quantile(0.975, 7.5))


def test_the_t_tail_keeps_its_precision_far_out() -> None:
    # df 1: P(T > t) = 1/2 - atan(t)/pi, about 1/(pi t) far out.
    assert t_tail(1e6, 1) == pytest.approx(1 / (math.pi * 1e6), rel=1e-6)
    assert t_tail(-2.0, 10) == pytest.approx(1 - t_tail(2.0, 10))


def test_welch_interval_matches_a_hand_computed_example() -> None:
    # Means 2 and 5, variances 1 and 2.5, n 3 and 5: se² = 1/3 + 1/2, df ≈ 5.88.
    difference, low, high = welch_interval([1, 2, 3], [3, 4, 5, 6, 7])
    df = (1 / 3 + 1 / 2) ** 2 / ((1 / 3) ** 2 / 2 + (1 / 2) ** 2 / 4)
    assert df == pytest.approx(5.882, abs=1e-3)
    assert difference == -3
    assert high - difference == pytest.approx(t_quantile(0.975, df) * math.sqrt(5 / 6))
    assert difference - low == pytest.approx(high - difference)


# --- two fits: as written and allowing for rounding --------------------------------------


def design(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    x = np.column_stack(
        [np.ones(n), rng.normal(5, 1, n), rng.integers(0, 2, n), rng.integers(0, 2, n)]
    )
    y = x @ [1.0, 0.5, 0.3, -2.0] + rng.normal(0, 1, n)
    return x, y


def test_the_fit_as_written_is_least_squares_with_its_classical_standard_error() -> None:
    x, y = design(50, 1)
    fits = two_fits(x, y, rounded=[], min_df=8)
    beta = np.linalg.lstsq(x, y, rcond=None)[0]
    variance = ((y - x @ beta) ** 2).sum() / 46
    se = math.sqrt(variance * np.linalg.inv(x.T @ x)[-1, -1])
    assert fits.as_written.estimate == pytest.approx(beta[-1], abs=1e-10)
    assert fits.as_written.standard_error == pytest.approx(se, abs=1e-10)
    assert fits.df == 46


def test_with_no_rounded_column_both_fits_give_the_same_estimate() -> None:
    x, y = design(80, 2)
    fits = two_fits(x, y, rounded=[], min_df=8)
    assert fits.rounding.estimate == pytest.approx(fits.as_written.estimate, abs=1e-10)


def test_the_correction_is_fullers_moment_estimator_when_the_data_carry_it() -> None:
    x, y = design(400, 3)
    x[:, 1] = np.round(x[:, 1] * 2)  # a whole-number column with plenty of spread
    fits = two_fits(x, y, rounded=[1], min_df=8)
    error = np.zeros((4, 4))
    error[1, 1] = len(y) * ROUNDING_VARIANCE
    expected = np.linalg.solve(x.T @ x - error, x.T @ y)
    assert fits.rounding.estimate == pytest.approx(expected[-1], abs=1e-10)


def test_the_correction_removes_confounding_by_a_feeling_known_only_to_a_whole_point() -> None:
    # Practice follows how the person feels (a continuous pain); the record holds it rounded.
    # The fit as written keeps part of the confounding; the correction removes it.
    rng = np.random.default_rng(4)
    n = 200_000
    felt = rng.normal(5, 1.5, n)
    practised = (rng.random(n) < 1 / (1 + np.exp(-2 * (felt - 5)))).astype(float)
    tomorrow = 0.9 * felt + rng.normal(0, 0.5, n)  # no effect of practice
    x = np.column_stack([np.ones(n), np.round(felt), practised])
    fits = two_fits(x, tomorrow, rounded=[1], min_df=8)
    assert fits.as_written.estimate > 0.05  # "more pain after practice", falsely
    assert abs(fits.rounding.estimate) < 0.01


def test_a_last_column_that_depends_on_the_others_has_no_coefficient() -> None:
    x, y = design(30, 5)
    x[:, 3] = 1 - x[:, 2]
    with pytest.raises(Dependent):
        two_fits(x, y, rounded=[], min_df=8)


def test_a_column_of_zeros_is_left_out_and_the_fit_goes_on() -> None:
    x, y = design(30, 6)
    with_zeros = np.column_stack([x[:, :3], np.zeros(30), x[:, 3]])
    fits = two_fits(with_zeros, y, rounded=[], min_df=8)
    assert fits.as_written.estimate == pytest.approx(two_fits(x, y, [], 8).as_written.estimate)


def test_too_few_residual_degrees_of_freedom_give_no_fit() -> None:
    x, y = design(11, 7)
    with pytest.raises(ValueError, match="degrees of freedom"):
        two_fits(x, y, rounded=[], min_df=8)


# --- the interval that covers both fits, and its p-value --------------------------------


def test_when_the_fits_agree_the_interval_is_the_usual_t_interval() -> None:
    fit = Coefficient(-1.0, 0.4)
    low, high = bracket_interval(fit, fit, 30)
    half = t_quantile(0.975, 30) * 0.4
    assert (low, high) == pytest.approx((-1 - half, -1 + half), abs=1e-9)
    assert bracket_p_value(fit, fit, 30) == pytest.approx(2 * t_tail(2.5, 30))


def test_widely_different_fits_make_each_end_a_one_sided_96_and_a_half_percent_bound() -> None:
    assert FLOOR_SHARE == 0.7
    low, high = bracket_interval(Coefficient(-2.0, 0.1), Coefficient(1.0, 0.1), 500)
    assert low == pytest.approx(-2.0 - t_quantile(0.965, 500) * 0.1)
    assert high == pytest.approx(1.0 + t_quantile(0.965, 500) * 0.1)


@pytest.mark.parametrize("seed", range(40))
def test_the_p_value_is_below_alpha_exactly_when_the_interval_leaves_out_the_value(seed) -> None:
    rng = random.Random(seed)
    first = Coefficient(rng.gauss(0, 1), rng.uniform(0.05, 1))
    second = Coefficient(first.estimate + rng.gauss(0, 0.5), rng.uniform(0.05, 1))
    df = rng.choice([5, 20, 300])
    theta = rng.gauss(0, 1)
    allowance = rng.choice([0.0, 0.0, rng.uniform(0, 0.3)])
    p = bracket_p_value(first, second, df, theta, allowance)
    for level in (0.9, 0.95, 0.99, 0.995):
        low, high = bracket_interval(first, second, df, level, allowance)
        if abs(p - (1 - level)) > 1e-6:
            assert (p <= 1 - level) == (not low <= theta <= high)


def test_an_allowance_widens_the_bracket_and_each_end_stays_a_97_percent_bound_of_it() -> None:
    first, second = Coefficient(-0.5, 0.05), Coefficient(-0.45, 0.06)
    low, high = bracket_interval(first, second, 3000)
    wide_low, wide_high = bracket_interval(first, second, 3000, allowance=0.03)
    assert wide_low < low and wide_high > high
    floor = t_quantile(1 - FLOOR_SHARE * 0.05, 3000)
    assert wide_low <= -0.5 - 0.03 - floor * 0.05 + 1e-12
    assert wide_high >= -0.45 + 0.03 + floor * 0.06 - 1e-12


def test_an_allowance_lets_a_value_just_past_both_fits_stay_in() -> None:
    fit = Coefficient(-0.80, 0.04)
    assert bracket_p_value(fit, fit, 3000, theta=-0.72) < 0.05
    assert bracket_p_value(fit, fit, 3000, theta=-0.72, allowance=0.03) > 0.05


def test_the_interval_holds_both_fits() -> None:
    low, high = bracket_interval(Coefficient(-0.3, 0.2), Coefficient(0.1, 0.25), 40)
    assert low < -0.3 and high > 0.1
    assert bracket_p_value(Coefficient(-0.3, 0.2), Coefficient(0.1, 0.25), 40) == 1.0


# --- one decision across the areas -------------------------------------------------------


def test_the_main_area_is_tested_at_the_full_level() -> None:
    assert main_first_holm({"knee": 0.049, "back": 0.5, "hip": 0.5}, "knee", 0.05) == {"knee"}


def test_no_other_area_can_claim_while_the_main_area_does_not() -> None:
    assert main_first_holm({"knee": 0.051, "back": 1e-6, "hip": 1e-6}, "knee", 0.05) == set()


def test_after_the_main_area_the_others_step_down_by_holm() -> None:
    p = {"knee": 0.01, "back": 0.03, "hip": 0.04}
    assert main_first_holm(p, "knee", 0.05) == {"knee"}  # 0.03 > 0.05 / 2
    p = {"knee": 0.01, "back": 0.02, "hip": 0.04}
    assert main_first_holm(p, "knee", 0.05) == {"knee", "back", "hip"}
    p = {"knee": 0.01, "back": 0.02, "hip": 0.06}
    assert main_first_holm(p, "knee", 0.05) == {"knee", "back"}


def test_a_main_area_without_a_result_lets_nothing_be_claimed() -> None:
    assert main_first_holm({"back": 1e-9}, "knee", 0.05) == set()


def test_the_chance_of_any_false_claim_stays_at_most_alpha_whatever_is_true() -> None:
    # Independent uniform p-values for true nulls, tiny ones for real differences.
    rng = random.Random(8)
    for real in [(), ("knee",), ("back",), ("knee", "back")]:
        false = 0
        for _ in range(20_000):
            p = {a: (1e-6 if a in real else rng.random()) for a in ("back", "hip", "knee")}
            claimed = main_first_holm(p, "knee", 0.05)
            false += bool(claimed - set(real))
        assert false / 20_000 <= 0.05 + 0.004


def test_the_monte_carlo_limit_of_a_five_percent_rate_is_67_of_1000() -> None:
    assert binomial_limit(1000, 0.05) == 67
    assert binomial_limit(1000, 0.05, level=0.5) == 50


def test_a_validation_cell_misses_coverage_and_claims_only_beyond_chance() -> None:
    # 67 of 1,000 is still consistent with 5% (binomial_limit); 68 is not.
    misses = validation_misses(
        ("back", "hip", "knee"),
        [(950, 1000), None, (975, 1000)],
        [67, 0, 68],
        68,
        1000,
        (0.93, 0.97),
        0.05,
    )
    assert misses == ["knee false claims 6.8%", "false claims across the areas 6.8%"]


@pytest.mark.parametrize(
    ("covered", "missed"),
    [(911, False), (975, False), (982, False), (910, True), (983, True)],
)
def test_coverage_misses_its_band_only_beyond_monte_carlo_error(covered, missed) -> None:
    misses = validation_misses(("knee",), [(covered, 1000)], [0], 0, 1000, (0.93, 0.97), 0.05)
    assert bool(misses) is missed
    if missed:
        assert misses == [f"knee coverage {covered / 10:.1f}%"]


def test_a_perfect_95_percent_procedure_passes_a_whole_grid() -> None:
    # Judged as printed (93-97%), about 2 of 576 area cells would miss by chance alone.
    rng = np.random.default_rng(5)
    covered = rng.binomial(1000, 0.95, size=576)
    assert ((covered < 930) | (covered > 970)).sum() >= 1
    for held in covered:
        assert not validation_misses(
            ("knee",), [(int(held), 1000)], [0], 0, 1000, (0.93, 0.97), 0.05
        )
