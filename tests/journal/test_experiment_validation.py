"""A fast subset of the experiment's validation (the full table: manage.py validate_reports).

100 simulated 6-week experiments a cell, with 999 re-drawn schedules instead of the page's
4,999 (the test stays exact for any number of draws; only its resolution changes). The
bounds are wide enough that chance fails them well under 1% of the time, and narrow enough
to catch a test that ignores the design or an interval that is too short.
"""

import pytest

from journal.analysis.experiment_validation import (
    EXPERIMENT_CELLS,
    ExperimentCellResult,
    ExperimentTally,
    experiment_misses,
    tally_experiments,
)
from tests.journal.validating import validation_output

RUNS = 100
DRAWS = 999


def cell(name: str):
    return next(c for c in EXPERIMENT_CELLS if c.name == name)


@pytest.fixture(scope="module")
def no_effect():
    name = "φ 0.8, no effect"
    return ExperimentCellResult(cell(name), tally_experiments(cell(name), RUNS, 1, DRAWS))


@pytest.fixture(scope="module")
def off_plan():
    name = "70% of days on plan"
    return ExperimentCellResult(cell(name), tally_experiments(cell(name), RUNS, 2, DRAWS))


def test_with_no_effect_a_false_claim_in_any_area_is_rare(no_effect) -> None:
    assert no_effect.tally.runs == RUNS
    assert no_effect.familywise <= 0.11


def test_the_interval_covers_no_effect(no_effect) -> None:
    assert all(no_effect.coverage(k) >= 0.89 for k in range(3))


def test_off_plan_days_make_the_plans_effect_smaller_and_the_interval_covers_it(off_plan) -> None:
    knee = 2
    assert off_plan.truth[knee] == pytest.approx(-0.7, abs=0.05)
    assert off_plan.coverage(knee) >= 0.89


def test_the_validation_names_a_cell_that_misses_its_target() -> None:
    # 88% of 500 is below 93% beyond Monte Carlo error; 96% is within the band.
    tally = ExperimentTally(
        runs=500, tested=[500] * 3, covered=[440, 480, 480], false=[40, 0, 0], false_anywhere=40
    )
    misses = experiment_misses([ExperimentCellResult(cell("φ 0.8, no effect"), tally)])
    assert misses == [
        "experiment, φ 0.8, no effect: back coverage 88.0%",
        "experiment, φ 0.8, no effect: back false claims 8.0%",
        "experiment, φ 0.8, no effect: false claims across the areas 8.0%",
    ]


def test_validate_reports_prints_the_experiment_table() -> None:
    out = validation_output(
        *("--seeds", "2", "--days", "90", "--families", "coin flip"),
        *("--experiment-seeds", "3", "--relief-seeds", "0"),
    )
    rows = [line for line in out.splitlines() if line.startswith("| 70% of days")]
    assert len(rows) == 2  # with and without an effect
    assert "Randomised experiments, 3 per cell" in out
