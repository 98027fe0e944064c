"""The statistics the Reports need, in pure Python: no SciPy for a handful of numbers.

The t quantile is computed from the regularized incomplete beta function (it matches SciPy
to about 1e-12), so the project does not pay SciPy's 35 MB and 0.66 s import for it.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache


def _incomplete_beta_fraction(a: float, b: float, x: float) -> float:
    # Lentz's continued fraction for I_x(a, b) (Numerical Recipes, betacf).
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 300):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c if abs(1.0 + aa / c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c if abs(1.0 + aa / c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-14:
            break
    return h


def regularized_incomplete_beta(a: float, b: float, x: float) -> float:
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    log_front = (
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    front = math.exp(log_front)
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _incomplete_beta_fraction(a, b, x) / a
    return 1.0 - front * _incomplete_beta_fraction(b, a, 1.0 - x) / b


def t_cdf(t: float, df: float) -> float:
    tail = 0.5 * regularized_incomplete_beta(df / 2.0, 0.5, df / (df + t * t))
    return 1.0 - tail if t > 0 else tail


@lru_cache(maxsize=4096)
def t_quantile(p: float, df: float) -> float:
    """The ``p`` quantile of Student's t with ``df`` (possibly fractional) degrees of freedom."""
    if not 0.0 < p < 1.0 or df <= 0:
        raise ValueError("t_quantile needs 0 < p < 1 and df > 0")
    if p < 0.5:
        return -t_quantile(1.0 - p, df)
    # The CDF is monotonic, so bisection cannot go wrong; 200 halvings reach float precision.
    low, high = 0.0, 1.0
    while t_cdf(high, df) < p:
        high *= 2.0
    for _ in range(200):
        mid = (low + high) / 2.0
        if t_cdf(mid, df) < p:
            low = mid
        else:
            high = mid
        if high - low < 1e-12:
            break
    return (low + high) / 2.0


def mean_and_variance(values: Sequence[float]) -> tuple[float, float]:
    """The mean and the sample variance (n - 1); the variance of one value is 0."""
    n = len(values)
    mean = sum(values) / n
    variance = sum((v - mean) ** 2 for v in values) / (n - 1) if n > 1 else 0.0
    return mean, variance


def welch_interval(
    first: Sequence[float], second: Sequence[float], level: float = 0.95
) -> tuple[float, float, float]:
    """Mean of ``first`` minus mean of ``second`` with Welch's t-interval."""
    if len(first) < 2 or len(second) < 2:
        raise ValueError("Welch's interval needs at least two values in each group")
    mean1, var1 = mean_and_variance(first)
    mean2, var2 = mean_and_variance(second)
    se1, se2 = var1 / len(first), var2 / len(second)
    difference = mean1 - mean2
    standard_error = math.sqrt(se1 + se2)
    if standard_error == 0.0:
        return difference, difference, difference
    df = (se1 + se2) ** 2 / (se1**2 / (len(first) - 1) + se2**2 / (len(second) - 1))
    half = t_quantile(0.5 + level / 2.0, df) * standard_error
    return difference, difference - half, difference + half


class SingularDesign(ValueError):
    """The columns of a regression are linearly dependent, so a coefficient is not defined."""

    def __init__(self, message: str, column: int | None = None) -> None:
        super().__init__(message)
        self.column = column  # the first column that depends on the ones before it


@dataclass(frozen=True)
class OlsFit:
    coefficients: list[float]
    standard_errors: list[float]
    n: int
    df: int  # n minus the number of columns
    residual_variance: float

    def interval(self, index: int, level: float = 0.95) -> tuple[float, float]:
        """The t-interval of one coefficient on ``df`` degrees of freedom."""
        half = t_quantile(0.5 + level / 2.0, self.df) * self.standard_errors[index]
        return self.coefficients[index] - half, self.coefficients[index] + half


# A column whose part not explained by the columns before it is below this share of its own
# sum of squares is treated as dependent on them (float round-off is around 1e-15).
SINGULAR_TOLERANCE = 1e-9


def ols(rows: Sequence[Sequence[float]], y: Sequence[float]) -> OlsFit:
    """Ordinary least squares of ``y`` on the columns of ``rows`` (include a 1 for an intercept).

    Solved through the normal equations with a Cholesky factorisation: the designs here have
    four columns, so the matrix is 4 x 4 and pure Python takes about a millisecond for a
    year of days. Raises ``SingularDesign`` when a column depends on the others and when
    there are no residual degrees of freedom.
    """
    n, k = len(rows), len(rows[0]) if rows else 0
    if n <= k:
        raise SingularDesign(f"{n} observations cannot estimate {k} coefficients with an error")
    xtx = [[0.0] * k for _ in range(k)]
    xty = [0.0] * k
    for row, target in zip(rows, y, strict=True):
        for i in range(k):
            xi = row[i]
            xty[i] += xi * target
            for j in range(i + 1):
                xtx[i][j] += xi * row[j]
    # Cholesky: xtx = L L^T; a tiny pivot means the column is a combination of earlier ones.
    lower = [[0.0] * k for _ in range(k)]
    for i in range(k):
        for j in range(i + 1):
            total = xtx[i][j] - sum(lower[i][m] * lower[j][m] for m in range(j))
            if i == j:
                if total <= SINGULAR_TOLERANCE * max(xtx[i][i], 1e-300):
                    raise SingularDesign(f"column {i} depends on the columns before it", i)
                lower[i][i] = math.sqrt(total)
            else:
                lower[i][j] = total / lower[j][j]
    inverse_lower = [[0.0] * k for _ in range(k)]
    for i in range(k):
        inverse_lower[i][i] = 1.0 / lower[i][i]
        for j in range(i):
            inverse_lower[i][j] = (
                -sum(lower[i][m] * inverse_lower[m][j] for m in range(j, i)) / lower[i][i]
            )
    # (X^T X)^-1 = L^-T L^-1
    unscaled = [
        [
            sum(inverse_lower[m][i] * inverse_lower[m][j] for m in range(max(i, j), k))
            for j in range(k)
        ]
        for i in range(k)
    ]
    coefficients = [sum(unscaled[i][j] * xty[j] for j in range(k)) for i in range(k)]
    rss = 0.0
    for row, target in zip(rows, y, strict=True):
        residual = target - sum(c * x for c, x in zip(coefficients, row, strict=True))
        rss += residual * residual
    df = n - k
    variance = rss / df
    return OlsFit(
        coefficients=coefficients,
        standard_errors=[math.sqrt(variance * unscaled[i][i]) for i in range(k)],
        n=n,
        df=df,
        residual_variance=variance,
    )
