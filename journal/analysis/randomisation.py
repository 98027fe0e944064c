"""The randomisation test of a randomised self-experiment and the interval that inverts it,
with numpy only."""

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

import numpy as np

#
# The days of an experiment are assigned by chance, in blocks whose number of practise days
# is fixed (half of each two weeks). Under "the plan makes no difference" every schedule the
# design could have drawn was equally likely to produce the same pain ratings, so the
# observed difference is compared with the differences those schedules give. That needs no
# assumption about how pain goes from day to day: autocorrelation, flares and trends are
# carried along unchanged into every re-drawn schedule.
#
# The interval inverts the same test over shifts: tau is inside when "the plan lowers
# next-day pain by exactly tau on every day" is not rejected. The difference of means is
# linear in the ratings, so a re-drawn schedule k gives T_k(tau) = a_k - tau * b_k, and it
# counts as at least as extreme at tau when |a_k - tau b_k| >= |d - tau| - TIE: the same
# tolerance for ties as the p-value, so that at tau = 0 the interval and the p-value count
# the same schedules, and "p <= 0.05" and "the interval leaves out 0" always agree.

RANDOMISATION_DRAWS = 4999  # Monte Carlo schedules beside the observed one
RANDOMISATION_SEED = 20261129  # fixed, so the page, the PDF and the tests agree
EXACT_SCHEDULE_LIMIT = 20000  # enumerate every schedule when there are at most this many
TIE = 1e-9  # differences of means of whole numbers are equal within rounding error
ALPHA = Fraction(1, 20)


@dataclass(frozen=True)
class RandomisationResult:
    difference: float  # mean outcome of units assigned to treatment minus the others'
    low: float | None  # interval by inverting the test; None when it is unbounded
    high: float | None
    extreme: int  # schedules at least as extreme as the observed one, itself included
    schedules: int  # how many schedules it was compared with, itself included
    n_treated: int
    n_control: int
    exact: bool  # every schedule of the design (True) or Monte Carlo draws (False)

    @property
    def p_value(self) -> float:
        return self.extreme / self.schedules

    def rejects(self, alpha: Fraction = ALPHA) -> bool:
        """p <= alpha, in whole numbers: a p-value of exactly alpha is never lost to round-off."""
        return self.extreme * alpha.denominator <= alpha.numerator * self.schedules


@lru_cache(maxsize=32)
def _choices(size: int, chosen: int) -> np.ndarray:
    """Every way to choose ``chosen`` of ``size`` units, one row of 0/1 each."""
    rows = np.zeros((math.comb(size, chosen), size))
    for i, picked in enumerate(itertools.combinations(range(size), chosen)):
        rows[i, list(picked)] = 1.0
    rows.setflags(write=False)
    return rows


def shift_regions(
    a: np.ndarray, b: np.ndarray, d: float, tie: float = TIE
) -> tuple[np.ndarray, np.ndarray]:
    """For each schedule, the shifts tau at which it is at least as extreme as the observed.

    b is a difference of two shares, so |b| <= 1; |b| = 1 only for the observed schedule and
    its mirror image, which count at every tau (ends -inf and inf). Otherwise the set is an
    interval around d: h(tau) = |d - tau| - |a - tau b| rises on both sides of d (slopes at
    least 1 - |b| > 0), and each end is where h meets ``tie`` on one of its two linear
    pieces: the largest (smallest) root that satisfies h <= tie.
    """
    everywhere = np.abs(b) >= 1.0 - 1e-12
    b = np.where(everywhere, 0.0, b)

    def h(tau: np.ndarray) -> np.ndarray:
        return np.abs(d - tau) - np.abs(a - tau * b)

    within = tie * (1.0 + 1e-9) + 1e-12
    ends = []
    for roots, pick, side in (
        (((tie + d + a) / (1.0 + b), (tie + d - a) / (1.0 - b)), np.maximum, 1.0),
        (((d - a - tie) / (1.0 - b), (d + a - tie) / (1.0 + b)), np.minimum, -1.0),
    ):
        valid = [np.where((side * (r - d) >= 0) & (h(r) <= within), r, d) for r in roots]
        ends.append(np.where(everywhere, side * np.inf, pick(*valid)))
    high, low = ends
    return low, high


def randomisation_test(
    outcomes: Sequence[float | None],
    treated: Sequence[bool],
    block: int,
    *,
    alpha: Fraction = ALPHA,
    draws: int = RANDOMISATION_DRAWS,
    seed: int = RANDOMISATION_SEED,
) -> RandomisationResult | None:
    """Difference of means, its randomisation-test p-value and the (1 - alpha) interval.

    ``treated[i]`` is unit i's assignment and ``outcomes[i]`` its outcome (None: missing,
    left out). Units come in consecutive blocks of ``block``; the design chose which units
    of each block were treated, keeping their number fixed. None when either group is empty.
    """
    if len(outcomes) != len(treated):
        raise ValueError("one outcome per unit")
    y = np.array([math.nan if v is None else float(v) for v in outcomes])
    z = np.asarray(treated, dtype=bool)
    rated = ~np.isnan(y)
    y = np.where(rated, y, 0.0)
    n_treated, n_all = int((z & rated).sum()), int(rated.sum())
    if n_treated in (0, n_all):
        return None
    total, treated_total = float(y.sum()), float(y[z].sum())
    observed = treated_total / n_treated - (total - treated_total) / (n_all - n_treated)
    # Per block, every choice the design allows, as three sums over the chosen units:
    # outcomes, rated units, and rated units that were actually treated.
    blocks = []
    for start in range(0, len(z), block):
        part = slice(start, start + block)
        if not rated[part].any():
            continue  # no outcome here: any choice gives the same difference
        rows = _choices(len(z[part]), int(z[part].sum()))
        columns = (y[part], rated[part].astype(float), (rated[part] & z[part]).astype(float))
        blocks.append(np.stack([rows @ c for c in columns], axis=1))
    exact = math.prod(len(b) for b in blocks) <= EXACT_SCHEDULE_LIMIT
    if exact:
        grids = np.meshgrid(*(np.arange(len(b)) for b in blocks), indexing="ij")
        picks = [g.ravel() for g in grids]
    else:
        rng = np.random.default_rng(seed)
        picks = [rng.integers(0, len(b), size=draws) for b in blocks]
    sums = sum(b[p] for b, p in zip(blocks, picks, strict=True))
    sy, sr, sz = sums[:, 0], sums[:, 1], sums[:, 2]
    # A schedule with an empty group has no difference to compare: never "extreme".
    empty = (sr == 0) | (sr == n_all)
    sr_, rest = np.where(empty, 1.0, sr), np.where(empty, 1.0, n_all - sr)
    a = np.where(empty, 0.0, sy / sr_ - (total - sy) / rest)
    b = np.where(empty, 0.0, sz / sr_ - (n_treated - sz) / rest)
    if not exact:  # the observed schedule is one of the draws
        a, b = np.append(a, observed), np.append(b, 1.0)
    extreme = int((np.abs(a) >= abs(observed) - TIE).sum())
    low, high = _inverted_interval(a, b, observed, alpha)
    return RandomisationResult(
        difference=observed,
        low=low,
        high=high,
        extreme=extreme,
        schedules=len(a),
        n_treated=n_treated,
        n_control=n_all - n_treated,
        exact=exact,
    )


def _inverted_interval(
    a: np.ndarray, b: np.ndarray, observed: float, alpha: Fraction
) -> tuple[float | None, float | None]:
    # tau is inside when more than alpha * N schedules are at least as extreme there. Every
    # region holds the observed difference, so below it the count only grows with tau and
    # above it only shrinks: the ends are order statistics of the regions' ends.
    lows, highs = shift_regions(a, b, observed)
    bounded = np.isfinite(lows)
    needed = math.floor(alpha * len(a) - int((~bounded).sum())) + 1
    if needed <= 0:
        return None, None
    lows, highs = lows[bounded], highs[bounded]
    if needed > len(lows):  # only the observed difference itself is not rejected
        return observed, observed
    low = float(np.partition(lows, needed - 1)[needed - 1])
    high = float(-np.partition(-highs, needed - 1)[needed - 1])
    return low, high
