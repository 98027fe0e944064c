import math

import numpy as np
import pytest

from journal.analysis.stats import SingularDesign, ols, t_quantile, welch_interval


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


def test_welch_interval_matches_a_hand_computed_example() -> None:
    # Means 2 and 5, variances 1 and 2.5, n 3 and 5: se² = 1/3 + 1/2, df ≈ 5.88.
    difference, low, high = welch_interval([1, 2, 3], [3, 4, 5, 6, 7])
    df = (1 / 3 + 1 / 2) ** 2 / ((1 / 3) ** 2 / 2 + (1 / 2) ** 2 / 4)
    assert df == pytest.approx(5.882, abs=1e-3)
    assert difference == -3
    assert high - difference == pytest.approx(t_quantile(0.975, df) * math.sqrt(5 / 6))
    assert difference - low == pytest.approx(high - difference)


def test_ols_matches_numpys_least_squares_and_standard_errors() -> None:
    rng = np.random.default_rng(1)
    x = np.column_stack(
        [np.ones(50), rng.integers(0, 2, 50), rng.normal(5, 1, 50), rng.integers(0, 2, 50)]
    )
    y = x @ [1.0, -2.0, 0.5, 0.3] + rng.normal(0, 1, 50)
    fit = ols(x.tolist(), y.tolist())
    beta = np.linalg.lstsq(x, y, rcond=None)[0]
    variance = ((y - x @ beta) ** 2).sum() / 46
    se = np.sqrt(np.diag(variance * np.linalg.inv(x.T @ x)))
    assert fit.coefficients == pytest.approx(beta.tolist(), abs=1e-10)
    assert fit.standard_errors == pytest.approx(se.tolist(), abs=1e-10)
    assert fit.interval(1) == pytest.approx(
        (beta[1] - t_quantile(0.975, 46) * se[1], beta[1] + t_quantile(0.975, 46) * se[1])
    )


def test_ols_names_the_first_column_that_depends_on_the_others() -> None:
    rows = [[1.0, float(i % 2), float(1 - i % 2)] for i in range(10)]
    with pytest.raises(SingularDesign) as error:
        ols(rows, [float(i) for i in range(10)])
    assert error.value.column == 2


def test_ols_needs_more_observations_than_columns() -> None:
    with pytest.raises(SingularDesign):
        ols([[1.0, 2.0], [1.0, 3.0]], [1.0, 2.0])
