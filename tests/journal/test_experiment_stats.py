import datetime
import itertools
import random

import pytest

from journal.analysis.experiment import (
    AreaResult,
    AsDone,
    ExperimentAdherence,
    ExperimentPlan,
    ExperimentResult,
    experiment_result,
)
from journal.analysis.rows import DayRow
from journal.analysis.stats import RandomisationResult, randomisation_test
from journal.experiment.wording import (
    as_done_text,
    experiment_adherence_text,
    experiment_area_text,
    experiment_status_text,
    experiment_verdict,
    randomisation_text,
)

START = datetime.date(2026, 1, 1)


def test_it_computes_the_exact_p_value_of_a_four_day_design_by_hand() -> None:
    # Six ways to choose 2 of 4 days; differences -2, -1, 0, 0, 1, 2. Two reach |-2|.
    result = randomisation_test([1, 2, 3, 4], [True, True, False, False], 4)
    assert result.exact
    assert result.schedules == 6
    assert result.difference == -2.0
    assert result.p_value == pytest.approx(2 / 6)


def test_it_keeps_each_blocks_number_of_practise_days() -> None:
    # Two blocks of two, one practise day each: four schedules, differences -4, 0, 0, 4.
    result = randomisation_test([0, 4, 1, 5], [True, False, True, False], 2)
    assert (result.schedules, result.difference) == (4, -4.0)
    assert result.p_value == pytest.approx(2 / 4)


def test_it_leaves_out_a_missing_outcome_and_not_its_day() -> None:
    # Rated: 1 (practise), 3 and 4 (rest): -2.5. By hand over the six schedules:
    # -2.5, -2, -0.5, 0.5, 2, 2.5, of which two reach 2.5.
    result = randomisation_test([1, None, 3, 4], [True, True, False, False], 4)
    assert (result.n_treated, result.n_control) == (1, 2)
    assert result.difference == -2.5
    assert result.p_value == pytest.approx(2 / 6)


def test_it_inverts_the_test_into_an_interval_computed_by_hand() -> None:
    # At level 50% a shift tau stays inside while more than 3 of the 6 schedules are at
    # least as extreme as the observed; checked by hand at -3, -3.01, -1 and -0.99.
    result = randomisation_test([1, 2, 3, 4], [True, True, False, False], 4, level=0.5)
    assert (result.low, result.high) == pytest.approx((-3.0, -1.0))


def test_a_design_too_small_to_reach_five_percent_gives_no_interval() -> None:
    result = randomisation_test([1, 2, 3, 4], [True, True, False, False], 4)
    assert (result.low, result.high) == (None, None)


def test_it_needs_an_outcome_in_each_group() -> None:
    assert randomisation_test([1, 2, None, None], [True, True, False, False], 4) is None


def brute_force_p_value(outcomes, treated, block) -> float:
    def difference(assign):
        on = [y for y, z in zip(outcomes, assign, strict=True) if z]
        off = [y for y, z in zip(outcomes, assign, strict=True) if not z]
        return sum(on) / len(on) - sum(off) / len(off)

    per_block = []
    for start in range(0, len(treated), block):
        k = sum(treated[start : start + block])
        per_block.append(
            [
                [i in chosen for i in range(block)]
                for chosen in itertools.combinations(range(block), k)
            ]
        )
    observed = abs(difference(treated))
    counts = [
        abs(difference([z for part in parts for z in part])) >= observed - 1e-9
        for parts in itertools.product(*per_block)
    ]
    return sum(counts) / len(counts)


def test_the_monte_carlo_p_value_agrees_with_full_enumeration() -> None:
    # Three blocks of 8: 70^3 = 343,000 schedules, too many to enumerate on a page.
    rng = random.Random(3)
    treated = [z for _ in range(3) for z in rng.sample([True] * 4 + [False] * 4, 8)]
    outcomes = [round(5 + rng.gauss(0, 1.5) - 0.8 * z) for z in treated]
    result = randomisation_test(outcomes, treated, 8)
    assert not result.exact
    assert result.schedules == 5000
    assert result.p_value == pytest.approx(brute_force_p_value(outcomes, treated, 8), abs=0.015)


def test_the_monte_carlo_p_value_is_the_same_on_every_request() -> None:
    rng = random.Random(4)
    treated = [z for _ in range(2) for z in rng.sample([True] * 7 + [False] * 7, 14)]
    outcomes = [rng.randint(2, 8) for _ in treated]
    assert randomisation_test(outcomes, treated, 14) == randomisation_test(outcomes, treated, 14)


def test_the_interval_holds_the_difference_and_rejects_where_the_test_rejects() -> None:
    rng = random.Random(5)
    treated = [z for _ in range(3) for z in rng.sample([True] * 7 + [False] * 7, 14)]
    outcomes = [round(5 + rng.gauss(0, 1.2) - 2 * z) for z in treated]
    result = randomisation_test(outcomes, treated, 14)
    assert result.low < result.difference < result.high
    assert result.high < 0  # a clear effect: 0 is outside, and the test rejects
    assert result.p_value < 0.05
    for shift, inside in [(result.low - 0.01, False), (result.low + 0.01, True)]:
        shifted = [y - shift * z for y, z in zip(outcomes, treated, strict=True)]
        p = randomisation_test(shifted, treated, 14).p_value
        assert (p > 0.05) is inside


# --- the experiment's result from a diary ------------------------------------------------


def plan(letters: str, **fields) -> ExperimentPlan:
    return ExperimentPlan(tuple(c == "P" for c in letters), START, "knee", 14, **fields)


def diary(knee: list[int | None], practised: list[bool]) -> list[DayRow]:
    return [
        DayRow(
            START + datetime.timedelta(days=i),
            {"back": 3, "hip": None, "knee": rating},
            frozenset({"Toe presses"}) if done else frozenset(),
        )
        for i, (rating, done) in enumerate(zip(knee, practised, strict=True))
    ]


LETTERS = "PRPRPRPRPRPRPR" + "RPRPRPRPRPRPRP"


def test_it_pairs_each_days_assignment_with_the_next_days_rating() -> None:
    # Pain is 2 after practise days and 6 after rest days; the 29th day closes the last.
    knee = [5] + [2 if c == "P" else 6 for c in LETTERS]
    rows = diary(knee, [c == "P" for c in LETTERS] + [False])
    result = experiment_result(plan(LETTERS), rows, START + datetime.timedelta(days=28))
    assert result.status == "complete"
    assert result.primary.test.difference == -4.0
    assert (result.primary.practise_n, result.primary.rest_n) == (14, 14)


def test_it_counts_by_assignment_even_when_the_day_went_otherwise() -> None:
    knee = [5] + [2 if c == "P" else 6 for c in LETTERS]
    rows = diary(knee, [False] * 29)  # nothing ticked at all
    result = experiment_result(plan(LETTERS), rows, START + datetime.timedelta(days=28))
    assert result.primary.test.difference == -4.0
    assert result.adherence == ExperimentAdherence(14, 0, 14, 14, 0)
    assert result.as_done.practised_n == 0


def test_an_interim_result_uses_only_days_lived_through() -> None:
    knee = [5] + [2 if c == "P" else 6 for c in LETTERS]
    rows = diary(knee, [c == "P" for c in LETTERS] + [False])
    result = experiment_result(plan(LETTERS), rows, START + datetime.timedelta(days=9))
    assert result.status == "interim"
    assert result.days_counted == 10
    assert (result.primary.practise_n, result.primary.rest_n) == (5, 4)
    assert result.primary.test is None
    assert result.primary.practise_days_needed == 2


def test_a_stopped_experiment_ignores_days_after_the_stop() -> None:
    knee = [5] + [2 if c == "P" else 6 for c in LETTERS]
    rows = diary(knee, [c == "P" for c in LETTERS] + [False])
    stopped = plan(LETTERS, stopped_on=START + datetime.timedelta(days=19))
    result = experiment_result(stopped, rows, START + datetime.timedelta(days=28))
    assert result.status == "stopped"
    assert result.days_counted == 20
    assert result.primary.practise_n + result.primary.rest_n == 20


def test_adherence_leaves_an_unlogged_today_out() -> None:
    rows = diary([4, 4], [True, False])
    result = experiment_result(plan(LETTERS), rows, START + datetime.timedelta(days=2))
    assert result.adherence == ExperimentAdherence(1, 1, 1, 1, 0)


# --- wording -----------------------------------------------------------------------------


def test_result(
    difference: float,
    low: float | None,
    high: float | None,
    status: str = "complete",
    p: float = 0.004,
) -> ExperimentResult:
    test = RandomisationResult(difference, low, high, p, 20, 21, 5000, False)
    primary = AreaResult("knee", test, 20, 21)
    return ExperimentResult(
        status=status,
        weeks=6,
        days_counted=42 if status == "complete" else 17,
        days_planned=42,
        primary=primary,
        secondary=(),
        as_done=AsDone("knee", 18, 4.0, 22, 5.1),
        adherence=ExperimentAdherence(21, 18, 21, 19, 2),
    )


test_result.__test__ = False  # a factory, not a test


def test_the_complete_verdict_reads_like_the_issue_says() -> None:
    assert experiment_verdict(test_result(-1.1, -1.8, -0.4), "Knee") == (
        "In your 6-week experiment, knee pain was 1.1 points lower the day after practise "
        "days (95% interval 0.4 to 1.8 points lower; 20 and 21 days). Because chance chose "
        "the days, this is good evidence that the exercises helped you over these weeks."
    )


def test_an_interval_including_zero_says_the_data_cannot_tell() -> None:
    assert experiment_verdict(test_result(-0.4, -1.2, 0.2, p=0.21), "Knee") == (
        "In your 6-week experiment, knee pain was 0.4 points lower the day after practise "
        "days, but the data fit anything from 1.2 points lower to 0.2 points higher (95% "
        "interval; 20 and 21 days), including no difference: they cannot tell whether the "
        "exercises changed your knee pain."
    )


def test_an_interim_verdict_is_labelled_and_claims_no_evidence() -> None:
    result = test_result(-1.1, -1.8, -0.4, status="interim")
    verdict = experiment_verdict(result, "Knee")
    assert verdict.startswith("So far, knee pain was 1.1 points lower")
    assert verdict.endswith("This is an interim look: it is not yet evidence either way.")
    assert "good evidence" not in verdict
    assert experiment_status_text(result).startswith("Interim result after 17 of 42 days.")


def test_a_stopped_verdict_says_incomplete_and_weaker() -> None:
    result = test_result(-1.1, -1.8, -0.4, status="stopped")
    assert "weaker evidence than planned" in experiment_verdict(result, "Knee")
    assert experiment_status_text(result) == (
        "Stopped early after 17 of 42 days, so this result is incomplete."
    )


def test_more_pain_after_practice_is_said_plainly() -> None:
    verdict = experiment_verdict(test_result(0.9, 0.3, 1.5), "Back")
    assert "back pain was 0.9 points higher" in verdict
    assert "(95% interval 0.3 to 1.5 points higher; 20 and 21 days)" in verdict
    assert "the exercises made your back pain worse" in verdict


def test_a_zero_difference_reads_the_same_and_never_minus_zero() -> None:
    verdict = experiment_verdict(test_result(-0.01, -0.9, 0.9), "Hip")
    assert "hip pain was the same the day after practise and rest days" in verdict
    assert "-0.0" not in verdict


def test_an_unbounded_interval_says_the_data_are_too_few() -> None:
    verdict = experiment_verdict(test_result(-1.0, None, None), "Knee")
    assert "cannot tell" in verdict
    assert "good evidence" not in verdict


def test_too_few_days_say_how_many_more_are_needed() -> None:
    area = AreaResult("knee", None, 5, 7)
    assert experiment_area_text(area, "Knee", "") == (
        "Not enough knee ratings yet for a result: it needs the next day rated on 2 more "
        "after practise days."
    )


def test_the_p_value_names_its_schedules() -> None:
    result = test_result(-1.1, -1.8, -0.4, p=0.0002)
    assert randomisation_text(result.primary.test) == (
        "Randomisation test: p < 0.001, against 4,999 schedules re-drawn the same way."
    )


def test_the_observational_comparison_claims_only_an_association() -> None:
    text = as_done_text(test_result(-1.1, -1.8, -0.4).as_done, "Knee")
    assert text == (
        "By what you actually did: knee pain the day after days with exercises was 1.1 "
        "points lower than after days without (18 and 22 days). This is an association, "
        "not evidence that the exercises caused it."
    )


def test_adherence_counts_each_arm_and_the_unlogged_days() -> None:
    assert experiment_adherence_text(ExperimentAdherence(21, 18, 21, 19, 2)) == (
        "You practised on 18 of 21 days assigned to practise and rested on 19 of 21 days "
        "assigned to rest; 2 days were not logged."
    )


@pytest.mark.parametrize("seed", range(12))
def test_the_interval_excludes_zero_exactly_when_the_test_rejects(seed) -> None:
    # The verdict reads the interval and the page prints the p-value: they must agree.
    rng = random.Random(seed)
    treated = [z for _ in range(3) for z in rng.sample([True] * 7 + [False] * 7, 14)]
    outcomes = [
        None if rng.random() < 0.1 else round(5 + rng.gauss(0, 1.5) - 0.9 * z) for z in treated
    ]
    result = randomisation_test(outcomes, treated, 14, draws=999)
    excludes_zero = not result.low <= 0.0 <= result.high
    assert excludes_zero == (result.p_value <= 0.05)


def test_a_secondary_area_reads_as_its_own_sentence() -> None:
    area = test_result(-0.4, -1.4, 0.7).primary
    assert experiment_area_text(area, "Back").startswith("Back pain was 0.4 points lower")
