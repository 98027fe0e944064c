"""The Reports' words: one plain sentence per area on the ladder, the numbers behind it, and
small things printed right (percentages, tiny differences, p-values)."""

import datetime

import pytest

from journal.analysis.nextday import AreaFit, Rung
from journal.analysis.report import Change, build_report
from journal.analysis.rows import DayRow
from journal.analysis.stats import Coefficient, TwoFits
from journal.reports.wording import doctor, page
from journal.reports.wording.common import percent, range_text, signed, size_text

START = datetime.date(2026, 3, 2)


def fit(estimate: float, se: float = 0.2, area: str = "knee") -> AreaFit:
    same = Coefficient(estimate, se)
    return AreaFit(area, 300, 120, 150, 30, fits=TwoFits(same, same, 280))


@pytest.mark.parametrize(
    ("rung", "estimate", "sentence"),
    [
        (
            Rung.CLEARLY_LOWER,
            -1.24,
            "Knee: clearly less pain the day after your whole routine (about 1.2 points lower).",
        ),
        (
            Rung.PROBABLY_LOWER,
            -0.5,
            "Knee: probably less pain the day after your whole routine (about 0.5 points lower).",
        ),
        (
            Rung.PROBABLY_HIGHER,
            0.5,
            "Knee: probably more pain the day after your whole routine (about 0.5 points higher).",
        ),
        (
            Rung.ABOUT_THE_SAME,
            0.02,
            "Knee: about the same pain the day after your whole routine "
            "as after a day without exercise (within half a point).",
        ),
        (
            Rung.CANT_TELL,
            -0.3,
            "Knee: can't tell yet whether pain is different the day after your whole routine.",
        ),
    ],
)
def test_each_rung_of_the_ladder_is_one_plain_sentence(rung, estimate, sentence) -> None:
    assert page.verdict_sentence(fit(estimate), rung) == sentence


def test_too_little_data_is_one_short_sentence_with_a_time_estimate() -> None:
    few = AreaFit("hip", 10, 3, 4, 0, problem="few", days_needed=17)
    assert page.verdict_sentence(few, Rung.TOO_LITTLE) == (
        "Hip: about 3 more weeks of daily ratings, with and without your routine, before this "
        "can say anything."
    )


def test_a_tiny_claimed_difference_gets_two_decimals_never_0_0_to_0_0() -> None:
    assert range_text(-0.045, -0.012) == "0.01 to 0.04 points lower"
    assert size_text(-0.03) == "about 0.03 points"
    assert signed(-0.03) == "-0.03"
    assert signed(0.0004) == "0.0"  # nothing to show: no sign


def test_percentages_round_half_up() -> None:
    # 3.2 to 2.8 is 12.5% lower: 13%, not 12 (Python's round is half to even).
    assert percent(0.4, 3.2) == 13
    change = Change("knee", 40, first_mean=3.2, last_mean=2.8)
    assert "0.4 points (13%) lower" in page.describe_change(change)
    assert "(0.4, 13% lower)" in doctor._change_cell(change)


def a_report(days: int, *, part_every: int = 0, chosen: str | None = None):
    names = ["Toe presses", "Ankle circles"]
    rows = [
        DayRow(
            START + datetime.timedelta(days=i),
            {"back": 2 + i % 5, "hip": None, "knee": 3 + i % 4},
            frozenset(names[:1])
            if part_every and i % part_every == 0
            else frozenset(names)
            if i % 3
            else frozenset(),
        )
        for i in range(days)
    ]
    end = START + datetime.timedelta(days=days - 1)
    return build_report(rows, names, START, end, end, "x", chosen_area=chosen)


def test_the_page_says_what_your_whole_routine_means_and_how_part_days_are_counted() -> None:
    text = page.practice_definition(a_report(60, part_every=7))
    assert text == (
        "“Your whole routine” means all 2 exercises of your routine (Toe presses, Ankle "
        "circles) on one day, compared with days with no exercise at all; 9 days with only some "
        "of them are counted apart, as neither."
    )


def test_the_page_says_which_area_is_main_and_why_the_others_need_more() -> None:
    report = a_report(60)
    assert report.main_area == "back"  # rated as often as the knee: the first in order
    assert page.main_area_text(report).startswith("Your back is the main area (you rate it most).")
    chosen = a_report(60, chosen="knee")
    text = page.main_area_text(chosen)
    assert text.startswith("Your knee is the main area (you chose it in Settings).")
    assert "need stronger evidence" in text


def test_an_area_never_rated_says_so() -> None:
    assert page.area_sentence(a_report(60), "hip") == "Hip: not rated in this range."


def test_the_details_print_p_rounded_up_so_they_never_contradict_the_sentence() -> None:
    # p = 0.0502: "probably" needs p <= 0.05, so it must not print as "p = 0.050".
    assert page.p_text(fit(-0.5, se=0.2542)) == "p = 0.051"


def test_the_method_says_what_it_assumes_and_the_scales_ends() -> None:
    notes = " ".join(page.method_notes(a_report(60)))
    assert "that pain carries over a day or two, not longer" in notes
    assert "whether you log a day does not depend on how that very day went" in notes
    assert "Ratings stop at 0 and 10" in notes
    assert "gets those diaries wrong" not in notes
    assert "the range of differences the data fit" not in notes
