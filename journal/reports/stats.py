"""The statistics the Reports need, in pure Python: no SciPy for a handful of numbers.

The t quantile is computed from the regularized incomplete beta function (it matches SciPy
to about 1e-12), so the project does not pay SciPy's 35 MB and 0.66 s import for it.
"""

import math
from collections.abc import Sequence
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
