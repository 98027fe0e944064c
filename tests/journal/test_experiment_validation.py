"""A fast subset of the experiment's validation (the full table: manage.py validate_reports).

100 simulated 6-week experiments a cell at φ 0.8, with 999 re-drawn schedules instead of
the page's 4,999 (the test stays exact for any number of draws; only its resolution
changes). The bounds are wide enough that chance fails them well under 1% of the time,
and narrow enough to catch a test that ignores the design or an interval that is too short.
"""

import io

import pytest
from django.core.management import CommandError, call_command

from journal.analysis.experiment_validation import (
    ExperimentCell,
    ExperimentCellResult,
    experiment_misses,
    run_experiment_cell,
)

SEEDS = 100
DRAWS = 999


@pytest.fixture(scope="module")
def no_effect():
    return run_experiment_cell(ExperimentCell(6, 0.8, 0.0, 1.0), SEEDS, draws=DRAWS)


@pytest.fixture(scope="module")
def effect_minus_one():
    return run_experiment_cell(ExperimentCell(6, 0.8, -1.0, 1.0), SEEDS, draws=DRAWS)


def test_the_randomisation_test_rarely_raises_a_false_alarm_at_phi_0_8(no_effect) -> None:
    assert no_effect.runs == SEEDS
    assert no_effect.rejected <= 0.11


def test_the_interval_covers_no_effect_at_phi_0_8(no_effect) -> None:
    assert no_effect.coverage >= 0.89


def test_the_interval_covers_an_effect_of_minus_one_at_phi_0_8(effect_minus_one) -> None:
    assert effect_minus_one.coverage >= 0.89


def test_six_weeks_often_detect_an_effect_of_one_point(effect_minus_one) -> None:
    assert effect_minus_one.rejected >= 0.3


def test_the_validation_names_a_cell_that_misses_its_target() -> None:
    cell = ExperimentCell(6, 0.8, 0.0, 1.0)
    assert experiment_misses([ExperimentCellResult(cell, 500, 0.05, 0.95, 1.6)]) == []
    assert experiment_misses([ExperimentCellResult(cell, 500, 0.03, 0.92, 1.6)]) == [
        "6 weeks, φ 0.8, effect 0, adherence 100%: false alarms 3.0%, target 4%–6%",
        "6 weeks, φ 0.8, effect 0, adherence 100%: coverage 92.0%, target 93%–97%",
    ]


def test_validate_reports_prints_the_experiment_table() -> None:
    out = io.StringIO()
    with pytest.raises(CommandError, match="Targets missed"):  # three runs a cell are too few
        call_command(
            "validate_reports",
            *("--seeds", "2", "--days", "90", "--jobs", "1", "--experiment-seeds", "3"),
            stdout=out,
        )
    rows = [line for line in out.getvalue().splitlines() if line.startswith("| 6 | 0.8 | 0 |")]
    assert len(rows) == 2  # followed and not always followed
    assert "Randomised experiments, 3 per cell" in out.getvalue()
