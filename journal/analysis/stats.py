"""The statistics the Reports need, in pure Python: no SciPy for a handful of numbers.

The t quantile is computed from the regularized incomplete beta function (it matches SciPy
to about 1e-12), so the project does not pay SciPy's 35 MB and 0.66 s import for it.
"""

import heapq
import itertools
import math
import random
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


# --- randomisation test for a randomised self-experiment ---------------------------------
#
# The days of an experiment are assigned by chance, in blocks whose number of practise days
# is fixed (half of each two weeks). Under "practice makes no difference" every schedule
# the design could have drawn was equally likely to produce the same pain ratings, so the
# observed difference is compared with the differences those schedules give. That needs no
# assumption about how pain goes from day to day: autocorrelation, flares and trends are
# carried along unchanged into every re-drawn schedule.
#
# The interval inverts the same test over shifts: the effect tau is inside it when "practice
# lowers next-day pain by exactly tau" (a constant shift) is not rejected at 5%. Because the
# difference of means is linear in the ratings, each re-drawn schedule k gives
# T_k(tau) = a_k - tau * b_k, and the set of tau where |T_k(tau)| >= |d - tau| is an interval
# around d, found with the quadratic formula; no search, no grid.

RANDOMISATION_DRAWS = 4999  # Monte Carlo schedules beside the observed one
RANDOMISATION_SEED = 20261129  # fixed, so the page, the PDF and the tests agree
EXACT_SCHEDULE_LIMIT = 20000  # enumerate every schedule when there are at most this many
_TIE = 1e-9  # differences of means of whole numbers are equal within rounding error


@dataclass(frozen=True)
class RandomisationResult:
    difference: float  # mean outcome of treated units minus mean of control units
    low: float | None  # 95% interval by inverting the test; None when it is unbounded
    high: float | None
    p_value: float  # two-sided, for "no difference"
    n_treated: int
    n_control: int
    schedules: int  # how many schedules the observed one was compared with, itself included
    exact: bool  # every schedule of the design (True) or Monte Carlo draws (False)


@dataclass(frozen=True)
class _Block:
    # One tuple per way of choosing the block's treated units: (sum of outcomes, count of
    # units with an outcome, count of actually treated units with an outcome) among them.
    choices: tuple[tuple[float, int, int], ...]


def _blocks(outcomes: Sequence[float | None], treated: Sequence[bool], block: int) -> list[_Block]:
    blocks = []
    for start in range(0, len(treated), block):
        ys = outcomes[start : start + block]
        zs = treated[start : start + block]
        if all(y is None for y in ys):
            continue  # no outcome here: any choice gives the same difference
        k = sum(map(bool, zs))
        # Three passes of sum() over the combinations run in C: a block of 14 has 3,432.
        parts = (
            [y or 0.0 for y in ys],
            [int(y is not None) for y in ys],
            [int(bool(z) and y is not None) for y, z in zip(ys, zs, strict=True)],
        )
        sums = zip(*(map(sum, itertools.combinations(part, k)) for part in parts), strict=False)
        blocks.append(_Block(tuple(sums)))
    return blocks


def _shift_bounds(a: float, b: float, d: float) -> tuple[float, float] | None:
    """The shifts tau at which a re-drawn schedule is at least as extreme as the observed.

    Solves (a - tau*b)^2 >= (d - tau)^2, an interval around d. None means "every tau"
    (|b| >= 1, which includes the observed schedule itself); counting those everywhere can
    only widen the interval.
    """
    quadratic = b * b - 1.0
    if quadratic > -1e-12:
        return None
    linear = -2.0 * (a * b - d)
    discriminant = linear * linear - 4.0 * quadratic * (a * a - d * d)
    root = math.sqrt(discriminant) if discriminant > 0.0 else 0.0
    # quadratic < 0, so adding the root gives the lower end.
    return (-linear + root) / (2.0 * quadratic), (-linear - root) / (2.0 * quadratic)


def randomisation_test(
    outcomes: Sequence[float | None],
    treated: Sequence[bool],
    block: int,
    *,
    level: float = 0.95,
    draws: int = RANDOMISATION_DRAWS,
    seed: int = RANDOMISATION_SEED,
) -> RandomisationResult | None:
    """Difference of means, its randomisation-test p-value and interval, for a block design.

    ``treated[i]`` is unit i's assignment and ``outcomes[i]`` its outcome (None: missing,
    left out). Units come in consecutive blocks of ``block``; the design chose which units
    of each block were treated, keeping their number fixed. None when either group is empty.
    """
    if len(outcomes) != len(treated):
        raise ValueError("one outcome per unit")
    rated = [(y, z) for y, z in zip(outcomes, treated, strict=True) if y is not None]
    n_treated = sum(1 for _y, z in rated if z)
    n_all = len(rated)
    if n_treated == 0 or n_treated == n_all:
        return None
    total = sum(y for y, _z in rated)
    treated_total = sum(y for y, z in rated if z)
    observed = treated_total / n_treated - (total - treated_total) / (n_all - n_treated)

    def statistic(sy: float, sr: int, sz: int) -> tuple[float, float]:
        # (a, b): this schedule's difference of outcomes and of the observed assignment.
        if sr == 0 or sr == n_all:
            return 0.0, 0.0  # an empty group: no difference to compare, never "extreme"
        rest = n_all - sr
        return sy / sr - (total - sy) / rest, sz / sr - (n_treated - sz) / rest

    blocks = _blocks(outcomes, treated, block)
    exact = math.prod(len(b.choices) for b in blocks) <= EXACT_SCHEDULE_LIMIT
    if exact:
        choices = itertools.product(*(b.choices for b in blocks))
        drawn = [tuple(sum(part) for part in zip(*c, strict=True)) for c in choices]
    else:
        rng = random.Random(seed)
        # Per block, one choice per draw; then the three sums across blocks, in C.
        per_block = [tuple(zip(*rng.choices(b.choices, k=draws), strict=True)) for b in blocks]
        sums = (map(sum, zip(*(p[part] for p in per_block), strict=True)) for part in range(3))
        drawn = list(zip(*sums, strict=True))
    schedules = [statistic(*sums_) for sums_ in drawn]
    if not exact:
        schedules.append((observed, 1.0))  # the observed schedule is one of the draws
    extreme = sum(1 for a, _b in schedules if abs(a) >= abs(observed) - _TIE)
    low, high = _inverted_interval(schedules, observed, (1.0 - level) * len(schedules))
    return RandomisationResult(
        difference=observed,
        low=low,
        high=high,
        p_value=extreme / len(schedules),
        n_treated=n_treated,
        n_control=n_all - n_treated,
        schedules=len(schedules),
        exact=exact,
    )


def _inverted_interval(
    schedules: Sequence[tuple[float, float]], observed: float, reject_at: float
) -> tuple[float | None, float | None]:
    # tau is inside when more than reject_at schedules are at least as extreme. Every
    # region contains the observed difference, so below it the count only grows with tau
    # and above it only shrinks: the bounds are order statistics of the regions' ends.
    bounds = [_shift_bounds(a, b, observed) for a, b in schedules]
    regions = [r for r in bounds if r is not None]
    always = len(bounds) - len(regions)
    needed = math.floor(reject_at - always) + 1  # regions that must contain tau
    if needed <= 0:
        return None, None
    lows = heapq.nsmallest(needed, (low for low, _high in regions))
    highs = heapq.nlargest(needed, (high for _low, high in regions))
    return lows[-1], highs[-1]
