"""The next-day comparison: what counts as practice, the runs, the fits and the decision."""

import datetime
import math
import random

import numpy as np
import pytest

from journal.analysis.nextday import (
    END_ALLOWANCE,
    MIN_DF,
    MIN_RUNS_EACH,
    NONE,
    PART,
    WHOLE,
    AreaFit,
    Diary,
    Rung,
    cubic_bspline,
    days_needed,
    fit_areas,
    main_area,
    practice_of,
    trend_columns,
    verdicts,
)
from journal.analysis.rows import DayRow
from journal.analysis.simulate import FAMILIES, simulate
from journal.analysis.stats import Coefficient, TwoFits

START = datetime.date(2026, 1, 5)  # a Monday
ROUTINE = frozenset({"Toe presses", "Ankle circles", "Toe gripping"})


def test_the_whole_routine_is_every_exercise_of_it_and_none_is_no_exercise_at_all() -> None:
    assert practice_of(ROUTINE, ROUTINE) == WHOLE
    assert practice_of(ROUTINE | {"Something else"}, ROUTINE) == WHOLE
    assert practice_of(frozenset({"Toe presses"}), ROUTINE) == PART
    assert practice_of(frozenset({"Something else"}), ROUTINE) == PART
    assert practice_of(frozenset(), ROUTINE) == NONE
    assert practice_of(frozenset({"Toe presses"}), frozenset()) == PART  # no routine: no "whole"


def row(offset: int, knee: int | None, done: frozenset[str], **other: int | None) -> DayRow:
    ratings = {"back": other.get("back", 3), "hip": other.get("hip", 3), "knee": knee}
    return DayRow(START + datetime.timedelta(days=offset), ratings, done)


def test_a_diary_is_one_column_per_day_from_the_start() -> None:
    rows = [row(0, 4, ROUTINE), row(2, None, frozenset({"Toe presses"}))]
    diary = Diary.from_rows(rows, ROUTINE, START, START + datetime.timedelta(days=3))
    assert diary.logged.tolist() == [True, False, True, False]
    assert diary.practice.tolist() == [WHOLE, NONE, PART, NONE]
    assert diary.ratings[0].tolist() == [3.0, 3.0, 4.0]
    assert math.isnan(diary.ratings[2, 2])  # not rated, never 0
    assert diary.weekday.tolist() == [0, 1, 2, 3]


def test_the_trend_is_a_line_in_short_ranges_and_a_spline_in_long_ones() -> None:
    assert trend_columns(60, 0, 59).shape == (60, 1)
    columns = trend_columns(730, 0, 729)  # 12 pieces of about 60 days
    assert columns.shape == (730, 12 + 3 - 1)


def test_the_spline_basis_sums_to_one_everywhere() -> None:
    basis = cubic_bspline(np.linspace(0, 100, 401), 0.0, 100.0, 5)
    assert basis.sum(axis=1) == pytest.approx(np.ones(401))
    assert (basis >= -1e-12).all()


def journal(days: int, effect: float, seed: int, *, every: str = "coin") -> list[DayRow]:
    """A plain journal: AR(1) knee pain, the whole routine on about half the days, lowering
    the next day's pain by ``effect``."""
    rng = random.Random(seed)
    rows, noise, did = [], 0.0, False
    for offset in range(days):
        noise = 0.6 * noise + rng.gauss(0, 1.2)
        knee = min(10, max(0, round(5 + noise + (effect if did else 0))))
        did = rng.random() < 0.5 if every == "coin" else offset % 2 == 0
        rows.append(row(offset, knee, ROUTINE if did else frozenset(), back=knee, hip=knee))
    return rows


def fits_of(rows: list[DayRow]) -> dict[str, AreaFit]:
    return fit_areas(Diary.from_rows(rows, ROUTINE, rows[0].day, rows[-1].day))


def test_a_year_with_a_one_point_effect_finds_it_in_the_interval() -> None:
    knee = fits_of(journal(365, -1.0, seed=1))["knee"]
    low, high = knee.interval()
    assert low < -1.0 < high
    assert high < 0
    assert knee.p_value() < 0.001


def test_ratings_held_at_an_end_of_the_scale_widen_the_interval_and_mid_scale_ones_do_not() -> None:
    effect = (-1.0, -1.0, -1.0)
    mid = fit_areas(simulate(FAMILIES["coin flip"], 365, 1, effect, 7).diary(0))["knee"].fits
    near_zero = fit_areas(simulate(FAMILIES["near 0"], 365, 1, effect, 7).diary(0))["knee"].fits
    assert mid.allowance < 0.01 * END_ALLOWANCE
    # About a quarter of the next-day ratings are 0, and the effect is about -0.75.
    size = max(abs(near_zero.as_written.estimate), abs(near_zero.rounding.estimate))
    assert 0.5 < size < 1.0
    assert 0.15 * END_ALLOWANCE * size < near_zero.allowance < 0.4 * END_ALLOWANCE * size


def test_with_no_effect_the_ends_of_the_scale_add_next_to_nothing() -> None:
    diary = simulate(FAMILIES["near 0"], 3650, 1, (0.0, 0.0, 0.0), 7).diary(0)
    assert fit_areas(diary)["knee"].fits.allowance < 0.01


def test_an_unlogged_or_unrated_day_breaks_every_run_through_it() -> None:
    rows = journal(120, 0.0, seed=2)
    full = fits_of(rows)["knee"].runs
    without = [r for r in rows if r.day != START + datetime.timedelta(days=50)]
    assert fits_of(without)["knee"].runs == full - 3
    unrated = [
        row(50, None, r.exercises, back=3, hip=3) if r.day == START + datetime.timedelta(50) else r
        for r in rows
    ]
    assert fits_of(unrated)["knee"].runs == full - 3


def test_days_with_part_of_the_routine_are_counted_apart() -> None:
    rows = journal(200, 0.0, seed=3)
    rows = [
        row(i, r.ratings["knee"], frozenset({"Toe presses"}), back=3, hip=3) if i % 5 == 0 else r
        for i, r in enumerate(rows)
    ]
    knee = fits_of(rows)["knee"]
    assert knee.part_runs > 20
    assert knee.whole_runs + knee.none_runs + knee.part_runs == knee.runs


def test_practice_every_other_day_cannot_be_told_apart_from_the_day_before() -> None:
    knee = fits_of(journal(90, 0.0, seed=4, every="other"))["knee"]
    assert knee.problem == "tied"
    assert verdicts(fits_of(journal(90, 0.0, 4, every="other")), "knee")["knee"].rung is (
        Rung.CANT_TELL
    )


def test_a_short_journal_says_how_many_more_days_of_daily_ratings_it_needs() -> None:
    knee = fits_of(journal(10, 0.0, seed=5))["knee"]
    assert knee.problem == "few"
    assert knee.days_needed >= MIN_DF
    empty = Diary(START, np.zeros(0, bool), np.zeros((0, 3)), np.zeros(0, np.int8))
    # A new journal: a run a day, half of them with the whole routine.
    assert days_needed(0, 0, 0, empty, columns=16) == 16 + MIN_DF
    assert days_needed(0, 0, 0, empty, columns=1) == 2 * MIN_RUNS_EACH


def test_the_main_area_is_the_chosen_one_or_the_most_rated() -> None:
    rows = [row(i, 4 if i % 2 else None, frozenset(), back=None, hip=3) for i in range(10)]
    diary = Diary.from_rows(rows, ROUTINE, START, START + datetime.timedelta(days=9))
    assert main_area(diary) == "hip"
    assert main_area(diary, "knee") == "knee"
    assert main_area(diary, "elbow") == "hip"


def fitted(area: str, estimate: float, se: float) -> AreaFit:
    same = Coefficient(estimate, se)
    return AreaFit(area, 300, 120, 150, 30, fits=TwoFits(same, same, 280))


def test_the_ladder_follows_the_decision_across_the_areas() -> None:
    fits = {
        "knee": fitted("knee", -1.0, 0.2),  # p < 0.0001: clearly lower
        "back": fitted("back", -0.5, 0.22),  # p = 0.024: probably lower after the knee
        "hip": fitted("hip", 0.02, 0.1),  # within half a point: about the same
    }
    rungs = {area: v.rung for area, v in verdicts(fits, "knee").items()}
    assert rungs == {
        "knee": Rung.CLEARLY_LOWER,
        "back": Rung.PROBABLY_LOWER,
        "hip": Rung.ABOUT_THE_SAME,
    }


def test_an_area_is_held_back_when_the_main_area_shows_nothing() -> None:
    fits = {
        "knee": fitted("knee", -0.1, 0.3),
        "back": fitted("back", -1.0, 0.2),
        "hip": AreaFit("hip", 0, 0, 0, 0, problem="few", days_needed=30),
    }
    said = verdicts(fits, "knee")
    assert said["back"].rung is Rung.CANT_TELL
    assert said["back"].held_back == "main"
    assert said["hip"].rung is Rung.TOO_LITTLE


@pytest.mark.parametrize("seed", range(3))
def test_the_sentence_claims_a_difference_only_when_the_interval_leaves_out_zero(seed) -> None:
    simulated = simulate(FAMILIES["bad days"], 200, 4, (-0.5, -0.5, -0.5), seed)
    for i in range(4):
        diary = simulated.diary(i)
        fits = fit_areas(diary)
        for area, verdict in verdicts(fits, main_area(diary)).items():
            if verdict.rung.claims:
                low, high = fits[area].interval()
                assert high < 0 or low > 0
