import datetime
import itertools
import random
from fractions import Fraction

import pytest

from journal.analysis.experiment import (
    AreaResult,
    AsDone,
    ExperimentAdherence,
    ExperimentPlan,
    ExperimentResult,
    experiment_result,
    experiment_rungs,
)
from journal.analysis.nextday import Rung
from journal.analysis.randomisation import RandomisationResult, randomisation_test
from journal.analysis.rows import DayRow
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
    result = randomisation_test([1, 2, 3, 4], [True, True, False, False], 4, alpha=Fraction(1, 2))
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


DESIGN = (True, False, True, False, False, True, True, False)  # 2 blocks of 4: 36 schedules


@pytest.mark.parametrize("alpha", [Fraction(1, 20), Fraction(1, 6), Fraction(3, 10)])
@pytest.mark.parametrize("values", [(0, 1, 2), (None, 0, 2)])
def test_the_verdict_and_the_interval_agree_on_every_outcome_of_a_small_exact_design(
    alpha, values
) -> None:
    # Whole-number ratings tie often. The p-value counts a tie as "at least as extreme"
    # (within 1e-9); the interval must count the same schedules at tau = 0, or "p = 0.051"
    # could sit beside a claim. 1/6 and 3/10 of 36 schedules make many outcomes land
    # exactly on the edge; at 5% no outcome of this design can be claimed.
    checked = 0
    for outcomes in itertools.product(values, repeat=len(DESIGN)):
        result = randomisation_test(outcomes, DESIGN, 4, alpha=alpha)
        if result is None:
            continue
        outside = result.low is not None and (result.low > 0 or result.high < 0)
        assert result.rejects(alpha) == outside, (outcomes, result)
        checked += 1
    assert checked > 4000


def test_a_p_value_of_exactly_alpha_is_a_claim() -> None:
    result = RandomisationResult(-1.0, -2.0, -0.1, 250, 5000, 20, 21, False)
    assert result.p_value == 0.05
    assert result.rejects()
    assert not RandomisationResult(-1.0, -2.0, 0.1, 251, 5000, 20, 21, False).rejects()


# --- the experiment's result from a diary ------------------------------------------------


ROUTINE = frozenset({"Toe presses", "Ankle circles"})


def plan(letters: str, **fields) -> ExperimentPlan:
    fields.setdefault("routine", ROUTINE)
    return ExperimentPlan(tuple(c == "P" for c in letters), START, "knee", 14, **fields)


def diary(knee: list[int | None], practised: list[bool | str]) -> list[DayRow]:
    """True: the whole routine; "part": one exercise of it; False: nothing."""
    done = {True: ROUTINE, "part": frozenset({"Toe presses"}), False: frozenset()}
    return [
        DayRow(
            START + datetime.timedelta(days=i),
            {"back": 3, "hip": None, "knee": rating},
            done[did],
        )
        for i, (rating, did) in enumerate(zip(knee, practised, strict=True))
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
    assert result.adherence == ExperimentAdherence(14, 0, 0, 14, 14, 0, 0)
    assert result.as_done.practised_n == 0


def test_adherence_and_the_observed_comparison_use_the_reports_words() -> None:
    # The whole routine, part of it, or nothing: part of it is neither practice nor rest.
    knee = [5] + [2 if c == "P" else 6 for c in LETTERS]
    did = ["part" if i % 4 == 0 else c == "P" for i, c in enumerate(LETTERS)] + [False]
    result = experiment_result(plan(LETTERS), diary(knee, did), START + datetime.timedelta(days=28))
    part_practise = sum(1 for i, c in enumerate(LETTERS) if c == "P" and i % 4 == 0)
    part_rest = sum(1 for i, c in enumerate(LETTERS) if c == "R" and i % 4 == 0)
    assert result.adherence == ExperimentAdherence(
        14, 14 - part_practise, part_practise, 14, 14 - part_rest, part_rest, 0
    )
    assert result.as_done.part_n == part_practise + part_rest
    assert result.as_done.practised_n == 14 - part_practise


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
    assert result.adherence == ExperimentAdherence(1, 1, 0, 1, 1, 0, 0)


# --- one decision across the areas -----------------------------------------------------


def area(name: str, p: float, difference: float = -1.0) -> AreaResult:
    extreme = round(p * 5000)
    return AreaResult(
        name, RandomisationResult(difference, -2, 0, extreme, 5000, 20, 21, False), 20, 21
    )


def test_the_area_chosen_at_the_start_is_decided_first_at_five_percent() -> None:
    rungs = experiment_rungs([area("knee", 0.04), area("back", 0.001), area("hip", 0.3)], "knee")
    # "Clearly" runs the same procedure at 0.5%: the knee does not pass it, so the back,
    # strong as it is, is "probably" too.
    assert rungs == {
        "knee": Rung.PROBABLY_LOWER,
        "back": Rung.PROBABLY_LOWER,
        "hip": Rung.CANT_TELL,
    }


def test_another_area_claims_nothing_when_the_chosen_one_shows_no_difference() -> None:
    rungs = experiment_rungs([area("knee", 0.06), area("back", 0.0002)], "knee")
    assert rungs == {"knee": Rung.CANT_TELL, "back": Rung.CANT_TELL}


def test_the_other_areas_need_holms_stronger_evidence() -> None:
    # After the knee: the smaller of the others at 2.5%, then the other at 5%.
    rungs = experiment_rungs([area("knee", 0.01), area("back", 0.03), area("hip", 0.04)], "knee")
    assert (rungs["back"], rungs["hip"]) == (Rung.CANT_TELL, Rung.CANT_TELL)
    rungs = experiment_rungs([area("knee", 0.01), area("back", 0.02), area("hip", 0.04)], "knee")
    assert (rungs["back"], rungs["hip"]) == (Rung.PROBABLY_LOWER, Rung.PROBABLY_LOWER)


# --- wording -----------------------------------------------------------------------------


def test_result(
    difference: float,
    low: float | None,
    high: float | None,
    status: str = "complete",
    p: float = 0.004,
) -> ExperimentResult:
    test = RandomisationResult(difference, low, high, round(p * 5000), 5000, 20, 21, False)
    primary = AreaResult("knee", test, 20, 21)
    return ExperimentResult(
        status=status,
        weeks=6,
        days_counted=42 if status == "complete" else 17,
        days_planned=42,
        primary=primary,
        secondary=(),
        as_done=AsDone("knee", 18, 4.0, 22, 5.1, 3),
        adherence=ExperimentAdherence(21, 18, 1, 21, 19, 0, 2),
        rungs=experiment_rungs([primary], "knee"),
    )


test_result.__test__ = False  # a factory, not a test


def test_the_complete_verdict_is_calibrated_and_says_what_chance_does_not_rule_out() -> None:
    assert experiment_verdict(test_result(-1.1, -1.8, -0.4), "Knee") == (
        "In your 6-week experiment, knee pain was clearly lower the day after practise days "
        "than after rest days: 1.1 points lower (95% interval 0.4 to 1.8 points lower; "
        "p = 0.004; 20 and 21 days). Chance chose the days, so your habits and how the pain "
        "was going cannot explain this. You knew the plan and rated your own pain, so "
        "expecting a change may be part of it. It is about you, over these weeks."
    )


def test_none_of_the_overstating_sentences_is_left() -> None:
    from journal.experiment import wording

    texts = " ".join(
        [
            experiment_verdict(test_result(-1.1, -1.8, -0.4, p=0.02), "Knee"),
            experiment_verdict(test_result(-0.4, -1.2, 0.2, p=0.21), "Knee"),
            wording.EXPERIMENT_WHY,
            wording.EXPERIMENT_ONLY_TODAY,
            wording.EXPERIMENT_METHOD,
        ]
    )
    for overstated in (
        "nothing but the exercises differs",
        "so it cannot sway you",
        "good evidence",
        "the data fit anything",
        "within chance",
        "assumes nothing about how pain goes",
    ):
        assert overstated not in texts
    assert "effect of the plan" in wording.EXPERIMENT_METHOD
    assert "whether a day is rated does not depend on its assignment" in wording.EXPERIMENT_METHOD


def test_p_just_above_five_percent_is_never_printed_as_0_050_beside_a_claim() -> None:
    result = test_result(-0.9, -1.7, 0.01, p=0.0502)
    assert randomisation_text(result.primary.test).startswith("Randomisation test: p = 0.051,")
    assert "can't tell yet" in experiment_verdict(result, "Knee")
    at_five = test_result(-0.9, -1.7, -0.01, p=0.05)
    assert "probably lower" in experiment_verdict(at_five, "Knee")
    assert "p = 0.050" in experiment_verdict(at_five, "Knee")


def test_an_interval_including_zero_says_it_cannot_tell_yet() -> None:
    verdict = experiment_verdict(test_result(-0.4, -1.2, 0.2, p=0.21), "Knee")
    assert verdict.endswith("but the data cannot tell this from no difference: can't tell yet.")
    assert "(95% interval from 1.2 points lower to 0.2 points higher; p = 0.210;" in verdict


def test_an_interim_verdict_is_labelled_and_claims_nothing_yet() -> None:
    result = test_result(-1.1, -1.8, -0.4, status="interim")
    verdict = experiment_verdict(result, "Knee")
    assert verdict.startswith("So far, knee pain was clearly lower")
    assert verdict.endswith(
        "This is an interim look: wait for the end before reading anything into it."
    )
    assert experiment_status_text(result).startswith("Interim result after 17 of 42 days.")


def test_a_stopped_verdict_says_incomplete_and_weaker() -> None:
    result = test_result(-1.1, -1.8, -0.4, status="stopped")
    assert "weaker than planned" in experiment_verdict(result, "Knee")
    assert experiment_status_text(result) == (
        "Stopped early after 17 of 42 days, so this result is incomplete."
    )


def test_more_pain_after_practice_is_said_plainly() -> None:
    verdict = experiment_verdict(test_result(0.9, 0.3, 1.5), "Back")
    assert "back pain was clearly higher the day after practise days" in verdict
    assert "0.9 points higher (95% interval 0.3 to 1.5 points higher; p = 0.004" in verdict
    assert "Talk to your clinician about it." in verdict


def test_a_tiny_claimed_difference_never_prints_as_0_0_to_0_0() -> None:
    verdict = experiment_verdict(test_result(-0.03, -0.045, -0.012, p=0.01), "Knee")
    assert "0.0 to 0.0" not in verdict
    assert "0.03 points lower (95% interval 0.01 to 0.04 points lower" in verdict


def test_a_zero_difference_reads_the_same_and_never_minus_zero() -> None:
    verdict = experiment_verdict(test_result(-0.01, -0.9, 0.9, p=0.98), "Hip")
    assert "hip pain was about the same the day after practise and rest days" in verdict
    assert "-0.0" not in verdict


def test_an_unbounded_interval_says_there_are_too_few_days() -> None:
    verdict = experiment_verdict(test_result(-1.0, None, None, p=0.4), "Knee")
    assert "too few days to bound it: can't tell yet" in verdict


def test_too_few_days_say_how_many_more_are_needed() -> None:
    area_ = AreaResult("knee", None, 5, 7)
    assert experiment_area_text(area_, "Knee", Rung.TOO_LITTLE, "") == (
        "Not enough knee ratings yet for a result: it needs the next day rated on 2 more "
        "after practise days."
    )


def test_the_p_value_names_its_schedules() -> None:
    result = test_result(-1.1, -1.8, -0.4, p=0.0002)
    assert randomisation_text(result.primary.test) == (
        "Randomisation test: p < 0.001, against 4,999 schedules re-drawn the same way."
    )


def test_the_observational_comparison_uses_the_whole_routine_and_claims_no_cause() -> None:
    text = as_done_text(test_result(-1.1, -1.8, -0.4).as_done, "Knee")
    assert text == (
        "By what you actually did: knee pain the day after days with your whole routine was "
        "1.1 points lower than after days with no exercise (18 and 22 days; 3 with part of "
        "it left out). This shows what went together, not what the exercises caused."
    )


def test_adherence_counts_the_whole_routine_part_of_it_and_the_unlogged_days() -> None:
    assert experiment_adherence_text(ExperimentAdherence(21, 18, 1, 21, 19, 0, 2)) == (
        "Your whole routine on 18 of 21 days assigned to practise (part of it on 1); no "
        "exercise on 19 of 21 days assigned to rest; 2 days were not logged."
    )


@pytest.mark.parametrize("seed", range(12))
def test_the_interval_excludes_zero_exactly_when_the_test_rejects(seed) -> None:
    # The verdict follows the p-value and the page prints the interval: they must agree.
    rng = random.Random(seed)
    treated = [z for _ in range(3) for z in rng.sample([True] * 7 + [False] * 7, 14)]
    outcomes = [
        None if rng.random() < 0.1 else round(5 + rng.gauss(0, 1.5) - 0.9 * z) for z in treated
    ]
    result = randomisation_test(outcomes, treated, 14, draws=999)
    excludes_zero = not result.low <= 0.0 <= result.high
    assert excludes_zero == result.rejects()


def test_a_secondary_area_reads_as_its_own_sentence() -> None:
    result = test_result(-0.4, -1.4, 0.7, p=0.4)
    text = experiment_area_text(result.primary, "Back", Rung.CANT_TELL)
    assert text.startswith("Back pain was 0.4 points lower")
