"""The statistics the Reports need, with numpy and no SciPy.

- the t distribution (tail, CDF, quantile) from the regularized incomplete beta function
  (it matches SciPy to about 1e-12), so the project does not pay SciPy's 35 MB and 0.66 s
  import for a handful of numbers;
- least squares fitted twice, as the numbers were written and allowing for their
  rounding to whole points, and the interval and p-value that cover both fits;
- the decision across the areas (the main area first, the others only after it, by Holm);
- what a validation cell misses of its targets.

The randomisation test of a randomised self-experiment is in ``randomisation.py``.
"""

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

# --- the t distribution ------------------------------------------------------------------


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


def t_tail(t: float, df: float) -> float:
    """P(T > t) for Student's t with ``df`` degrees of freedom, accurate far into the tail."""
    tail = 0.5 * regularized_incomplete_beta(df / 2.0, 0.5, df / (df + t * t))
    return tail if t > 0 else 1.0 - tail


def t_cdf(t: float, df: float) -> float:
    return 1.0 - t_tail(t, df)


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


# --- two groups (the before/after comparison of the routine) ---------------------------


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


# --- least squares, as written and allowing for rounding ---------------------------------

# A whole-number rating is the felt pain rounded: the rounding error is spread evenly over
# half a point either side, a variance of 1/12 (Sheppard).
ROUNDING_VARIANCE = 1.0 / 12.0
# The correction subtracts the rounding error's share from the moments of the pain columns.
# Where the data barely carry it (few runs, or two pain columns that move together), it is
# damped so that the corrected moments keep at least half of what the columns hold.
CORRECTION_HEADROOM = 2.0
# A column whose part not explained by the others is below this share of its own sum of
# squares depends on them (float round-off is around 1e-15).
DEPENDENT = 1e-9


@dataclass(frozen=True)
class Coefficient:
    estimate: float
    standard_error: float


@dataclass(frozen=True)
class TwoFits:
    """The last column's coefficient, fitted as written and allowing for rounding.

    ``allowance`` (points) widens the bracket on both sides for what neither fit can
    follow, such as ratings held at the ends of the scale (``nextday.END_ALLOWANCE``).
    """

    as_written: Coefficient
    rounding: Coefficient
    df: int
    allowance: float = 0.0

    def interval(self, level: float = 0.95) -> tuple[float, float]:
        return bracket_interval(self.as_written, self.rounding, self.df, level, self.allowance)

    def p_value(self, theta: float = 0.0) -> float:
        return bracket_p_value(self.as_written, self.rounding, self.df, theta, self.allowance)


class Dependent(ValueError):
    """The last column is a combination of the others, so its coefficient is not defined."""


def independent_columns(moments: np.ndarray) -> list[int]:
    """The columns that are not combinations of earlier ones (zero columns are dropped)."""
    diagonal = np.diag(moments)
    nonzero = np.flatnonzero(diagonal > 0.0)
    scale = 1.0 / np.sqrt(diagonal[nonzero])
    scaled = moments[np.ix_(nonzero, nonzero)] * scale[:, None] * scale[None, :]
    try:
        lower = np.linalg.cholesky(scaled)
        if float(np.diag(lower).min()) ** 2 > DEPENDENT:
            return [int(i) for i in nonzero]
    except np.linalg.LinAlgError:
        pass
    # Gram-Schmidt through the moments, one column at a time: only reached when some
    # columns depend on others (a weekday never logged, a trend piece without runs).
    kept: list[int] = []
    factor = np.zeros_like(scaled)
    for i in range(len(nonzero)):
        w = np.zeros(0)
        if kept:
            w = _forward(factor[: len(kept), : len(kept)], scaled[kept, i])
        rest = scaled[i, i] - float(w @ w)
        if rest > DEPENDENT:
            factor[len(kept), : len(kept)] = w
            factor[len(kept), len(kept)] = math.sqrt(rest)
            kept.append(i)
    return [int(nonzero[i]) for i in kept]


def _forward(lower: np.ndarray, b: np.ndarray) -> np.ndarray:
    x = np.zeros(len(b))
    for i in range(len(b)):
        x[i] = (b[i] - lower[i, :i] @ x[:i]) / lower[i, i]
    return x


def two_fits(x: np.ndarray, y: np.ndarray, rounded: Sequence[int], min_df: int) -> TwoFits:
    """The last column's coefficient by least squares, as written and allowing for rounding.

    ``rounded`` are the columns that hold whole-number ratings. The second fit is Fuller's
    method-of-moments estimator for a known error variance (Measurement Error Models, 1987,
    section 2.2) with its sandwich standard error. Raises ``Dependent`` when the last
    column is a combination of the others and ``ValueError`` below ``min_df`` residual
    degrees of freedom.
    """
    n = len(y)
    moments = x.T @ x
    kept = independent_columns(moments)
    if not kept or kept[-1] != x.shape[1] - 1:
        raise Dependent("the last column depends on the others")
    x = x[:, kept]
    moments = moments[np.ix_(kept, kept)]
    rounded = [kept.index(c) for c in rounded if c in kept]
    k = len(kept)
    df = n - k
    if df < min_df:
        raise ValueError(f"{df} residual degrees of freedom, fewer than {min_df}")
    xy = x.T @ y
    inverse = np.linalg.inv(moments)
    b = inverse @ xy
    residual = y - x @ b
    as_written = Coefficient(
        float(b[-1]), math.sqrt(float(residual @ residual) / df * inverse[-1, -1])
    )
    leverage = np.einsum("ij,jk,ik->i", x, inverse, x)
    keep_out = 1.0 - np.minimum(leverage, 0.99)
    error = np.zeros(k)
    error[rounded] = n * ROUNDING_VARIANCE
    share = 1.0
    if rounded:
        # The smallest root of |M_rr.other - lambda * error| = 0: how many times the rounding
        # error's variance the rounded columns hold beyond what the others explain.
        other = [i for i in range(k) if i not in rounded]
        m_rr = moments[np.ix_(rounded, rounded)]
        m_ro = moments[np.ix_(rounded, other)]
        held = m_rr - m_ro @ np.linalg.solve(moments[np.ix_(other, other)], m_ro.T)
        root = float(np.linalg.eigvalsh(held / (n * ROUNDING_VARIANCE)).min())
        share = min(1.0, root / CORRECTION_HEADROOM)
    corrected = np.linalg.inv(moments - share * np.diag(error))
    bc = corrected @ xy
    residual = y - x @ bc
    # Fuller's d_t = x_t e_t + Sigma_uu b, whose mean is 0 at the truth, each divided by
    # 1 - h_t (HC3, MacKinnon and White 1985): a sandwich without it is too narrow when a
    # few days carry the estimate, as when practice comes in long streaks (6.2% false claims
    # at 365 days with no effect, 4.8% with it).
    scores = x * residual[:, None] + (share * error / n * bc)[None, :]
    scores /= keep_out[:, None]
    covariance = corrected @ (scores.T @ scores) @ corrected
    rounding = Coefficient(float(bc[-1]), math.sqrt(float(covariance[-1, -1])))
    return TwoFits(as_written, rounding, df)


# --- an interval that covers both fits ---------------------------------------------------
#
# Which fit is right depends on what no diary shows: whether practice followed the number
# the person wrote (then the fit as written is right) or the feeling behind it (then the
# fit allowing for rounding is). The quantity lies between the two, so the interval covers
# both, with Imbens and Manski's critical value for a parameter known to lie in an interval
# (Econometrica 2004;72:1845-57): 1.96 (t) when the fits agree, falling towards the
# one-sided 1.645 as they separate. Each end is kept at least a one-sided
# (1 - FLOOR_SHARE * alpha) bound, so a 95% interval never covers less than 96.5% from
# either side: with the ends any closer, a fit that is itself a little off could claim too
# often at 3,650 days (``make validate``, with the end-of-scale allowance: 16 of 192 cells
# above 5% false claims as printed with no floor, 13 at 0.7), and with them any further,
# the interval covers more than 97% wherever the two fits separate (at φ 0.95, up to 98%
# at 0.6).

FLOOR_SHARE = 0.7


def _ordered(
    first: Coefficient, second: Coefficient, allowance: float
) -> tuple[Coefficient, Coefficient, float]:
    low, high = sorted((first, second), key=lambda c: c.estimate)
    # The quantity lies between the fits give or take ``allowance``: a wider bracket.
    low = Coefficient(low.estimate - allowance, low.standard_error)
    high = Coefficient(high.estimate + allowance, high.standard_error)
    spread = (high.estimate - low.estimate) / max(low.standard_error, high.standard_error)
    return low, high, spread


def bracket_p_value(
    first: Coefficient,
    second: Coefficient,
    df: float,
    theta: float = 0.0,
    allowance: float = 0.0,
) -> float:
    """The smallest alpha at which ``bracket_interval`` at 1 - alpha leaves out ``theta``."""
    low, high, spread = _ordered(first, second, allowance)
    if low.estimate > theta:
        distance = (low.estimate - theta) / low.standard_error
    elif high.estimate < theta:
        distance = (theta - high.estimate) / high.standard_error
    else:
        return 1.0
    # The end leaves theta out when the critical value is below ``distance``: when
    # F(distance + spread) - F(-distance) > level and F(distance) > 1 - FLOOR_SHARE * alpha.
    imbens_manski = t_tail(distance + spread, df) + t_tail(distance, df)
    floor = t_tail(distance, df) / FLOOR_SHARE
    return min(1.0, max(imbens_manski, floor))


def bracket_interval(
    first: Coefficient,
    second: Coefficient,
    df: float,
    level: float = 0.95,
    allowance: float = 0.0,
) -> tuple[float, float]:
    low, high, spread = _ordered(first, second, allowance)
    alpha = 1.0 - level
    # F(c + spread) - F(-c) rises with c: bisect for the level.
    lo, hi = 0.0, t_quantile(1.0 - alpha / 2.0, df)
    for _ in range(60):
        mid = (lo + hi) / 2.0
        if 1.0 - t_tail(mid + spread, df) - t_tail(mid, df) < level:
            lo = mid
        else:
            hi = mid
    critical = max(hi, t_quantile(1.0 - FLOOR_SHARE * alpha, df))
    return (
        low.estimate - critical * low.standard_error,
        high.estimate + critical * high.standard_error,
    )


# --- Monte Carlo error of a validation ---------------------------------------------------


def binomial_limit(trials: int, rate: float, level: float = 0.01) -> int:
    """The most events among ``trials`` still consistent with a true ``rate``: the largest
    count whose one-sided binomial p-value is above ``level`` (67 of 1,000 at 5%)."""

    def tail(count: int) -> float:
        # P(X >= count), summed in logs from the top: exact for any number of trials.
        terms = [
            math.lgamma(trials + 1)
            - math.lgamma(j + 1)
            - math.lgamma(trials - j + 1)
            + j * math.log(rate)
            + (trials - j) * math.log1p(-rate)
            for j in range(count, trials + 1)
        ]
        top = max(terms)
        return math.exp(top) * sum(math.exp(t - top) for t in terms)

    count = math.floor(rate * trials)
    while count < trials and tail(count + 1) > level:
        count += 1
    return count


# --- one decision across the areas -------------------------------------------------------


def main_first_holm(p_values: Mapping[str, float], main: str, alpha: float) -> set[str]:
    """The areas that may claim a difference at familywise level ``alpha``.

    The main area is tested at ``alpha``. The others are tested only when it claims one,
    then by Holm's step-down. That is a closed testing procedure (every intersection of
    hypotheses that holds the main area is tested by the main area's p-value, the others by
    Bonferroni), so the chance of any false claim is at most ``alpha`` whichever areas truly
    differ. With the main area at the full ``alpha`` nothing else can be claimed without it:
    with no difference anywhere, the main area alone already uses the whole ``alpha``.
    """
    if not p_values.get(main, 1.0) <= alpha:
        return set()
    claimed = {main}
    rest = sorted((p, area) for area, p in p_values.items() if area != main)
    for step, (p, area) in enumerate(rest):
        if p > alpha / (len(rest) - step):
            break
        claimed.add(area)
    return claimed


def validation_misses(
    areas: Sequence[str],
    coverage: Sequence[tuple[int, int] | None],
    false: Sequence[int],
    false_anywhere: int,
    trials: int,
    coverage_target: tuple[float, float],
    false_target: float,
) -> list[str]:
    """The targets a validation cell misses, each beyond Monte Carlo error
    (``binomial_limit``): coverage, as (intervals that held the truth, intervals) per area
    (None: not measured there), below or above ``coverage_target``, or false claims per
    area or across the areas above ``false_target``.

    A perfect 95% procedure measured on 1,000 diaries lands outside 93-97% in about 1 area
    cell in 330, so judged as printed it would fail a grid of 576 of them most of the time.
    """
    low, high = coverage_target
    limit = binomial_limit(trials, false_target)
    misses = []
    for area, held, claims in zip(areas, coverage, false, strict=True):
        if held is not None:
            covered, shown = held
            # Too narrow: more misses than 1 - low allows; too wide: more hits than high does.
            too_narrow = shown - covered > binomial_limit(shown, 1.0 - low)
            if too_narrow or covered > binomial_limit(shown, high):
                misses.append(f"{area} coverage {covered / shown:.1%}")
        if claims > limit:
            misses.append(f"{area} false claims {claims / max(trials, 1):.1%}")
    if false_anywhere > limit:
        misses.append(f"false claims across the areas {false_anywhere / max(trials, 1):.1%}")
    return misses
