"""A fast slice of ``make validate``: the cells where the old next-day comparison failed."""

import io

from django.core.management import CommandError, call_command

from journal.analysis.nextday import next_day_pairs
from journal.analysis.simulate import simulate_diary
from journal.analysis.stats import welch_interval
from journal.reports.validation import Cell, run

SEEDS = 300
# With 300 diaries a true 95% coverage lands in 92-98% with probability above 99.5%; the
# old Welch comparison covered 35% in the first cell and 68% in the second.
BAND = (0.92, 0.98)


def test_after_a_bad_day_with_strong_carry_over_the_interval_covers_the_truth() -> None:
    (result,) = run([Cell("after a bad day", 0.8, 0.0, 90)], SEEDS)
    assert BAND[0] <= result.coverage <= BAND[1]
    assert result.false_lower <= 0.06
    assert result.false_higher <= 0.06


def test_the_old_welch_comparison_fails_the_same_band_on_the_same_diaries() -> None:
    # Shows the band above can fail: Welch's next-day interval on exactly these diaries.
    covered, seeds = 0, 100  # Welch misses by so much that 100 diaries show it
    for seed in range(seeds):
        rows = simulate_diary(90, "after a bad day", phi=0.8, effect=0, seed=seed, areas=("knee",))
        _, low, high = welch_interval(*next_day_pairs(rows, "knee"))
        covered += low <= 0 <= high
    assert covered / seeds < BAND[0] - 0.2


def test_with_practice_in_streaks_and_a_true_effect_it_never_claims_higher() -> None:
    (result,) = run([Cell("streaks", 0.8, -1.0, 90)], SEEDS)
    assert BAND[0] <= result.coverage <= BAND[1]
    assert result.false_higher <= 0.02
    assert result.power is not None and result.power > 0.3


def test_the_command_prints_a_row_per_cell_and_names_any_missed_target() -> None:
    out = io.StringIO()
    try:
        call_command("validate_reports", "--seeds", "6", "--days", "90", "--jobs", "1", stdout=out)
    except CommandError as error:
        assert "Targets missed" in str(error)  # six diaries a cell are too few to meet them
    rows = [line for line in out.getvalue().splitlines() if line.startswith("| 90 |")]
    assert len(rows) == 30
