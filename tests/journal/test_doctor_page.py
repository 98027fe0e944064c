import datetime

import pytest

from journal.analysis.nextday import Rung
from journal.reports.drawing.pdf import doctor_figure
from journal.reports.evidence import Estimate, PegScore, observed_estimates
from journal.reports.wording import doctor as wording

from .layout import END, LONGEST_NAMES, long_report
from .test_charts import journal_report


def page_texts(fig) -> list[str]:
    return [t.get_text() for t in fig.texts] + [t.get_text() for ax in fig.axes for t in ax.texts]


@pytest.fixture(scope="module")
def report():
    return journal_report(60)


def test_the_header_names_the_patient_the_range_the_days_and_the_scale(report) -> None:
    texts = page_texts(doctor_figure(report, "Ada Lovelace", END, born=datetime.date(1961, 3, 3)))
    assert "Ada Lovelace" in texts
    assert (
        "Born 3 Mar 1961 · Range 27 Sep 2026 to 25 Nov 2026 (60 days) · 60 days logged · "
        "Generated 25 Nov 2026" in texts
    )
    assert "Patient-reported 0–10 pain (0 = none, 10 = worst imaginable)." in texts


def test_without_a_date_of_birth_the_header_does_not_mention_one(report) -> None:
    texts = page_texts(doctor_figure(report, "Ada Lovelace", END))
    assert not any(t.startswith("Born") for t in texts)


def test_a_name_with_a_dollar_sign_is_printed_as_written(report) -> None:
    fig = doctor_figure(report, "Jo $x$ Smith", END)
    (name,) = [t for t in fig.texts if "Smith" in t.get_text()]
    assert name.get_text() == "Jo $x$ Smith"
    assert not name.get_parse_math()


def test_streaks_of_one_day_are_written_in_the_singular() -> None:
    texts = page_texts(doctor_figure(journal_report(5, skip={0, 1, 3, 4}), "A", END))
    assert "1 day" in texts
    assert "1 days" not in " ".join(texts)


def test_the_randomised_result_comes_first_and_says_what_chance_does_not_rule_out(report) -> None:
    experiment = [Estimate("back", -0.8, -1.4, -0.2, 20, 21, Rung.PROBABLY_LOWER, True)]
    fig = doctor_figure(report, "A", END, experiment=experiment)
    texts = [t for t in fig.texts]
    randomised = next(t for t in texts if t.get_text() == wording.PDF_EXPERIMENT_ROWS)
    observed = next(t for t in texts if t.get_text() == wording.PDF_OBSERVED_ROWS)
    assert "unblinded, self-rated" in randomised.get_text()
    assert randomised.get_position()[1] > observed.get_position()[1]
    assert "Probably lower (randomised)" in page_texts(fig)


def test_every_observational_reading_says_it_is_observational(report) -> None:
    readings = [row.values[-1] for row in map(wording.pdf_evidence_row, observed_estimates(report))]
    assert readings and all(reading.endswith("(observational)") for reading in readings)


def test_without_an_experiment_the_page_shows_only_the_observational_rows(report) -> None:
    texts = page_texts(doctor_figure(report, "A", END))
    assert wording.PDF_EXPERIMENT_ROWS not in texts


def test_an_interval_that_includes_zero_reads_as_cannot_tell_yet() -> None:
    row = wording.pdf_evidence_row(Estimate("hip", -0.3, -0.9, 0.4, 30, 20, Rung.CANT_TELL, False))
    assert row.cells == [
        "Hip",
        "30",
        "20",
        "-0.3 (-0.9 to +0.4)",
        "Cannot tell yet (observational)",
    ]


def test_a_tiny_claimed_difference_never_prints_as_zero() -> None:
    row = wording.pdf_evidence_row(
        Estimate("hip", -0.03, -0.045, -0.012, 900, 800, Rung.PROBABLY_LOWER, False)
    )
    assert row.values[2] == "-0.03 (-0.04 to -0.01)"


def test_the_latest_peg_score_and_its_week_are_printed_as_numbers(report) -> None:
    peg = [PegScore(END - datetime.timedelta(weeks=w), 5.0 + w) for w in range(3)][::-1]
    texts = page_texts(doctor_figure(report, "A", END, peg=peg))
    assert "Latest PEG" in texts
    assert "5.0" in texts  # the latest week's score, not the first (7.0)
    assert f"{END:%-d %b %Y}" in texts


def test_the_method_note_says_the_scale_stops_at_0_and_10(report) -> None:
    text = " ".join(" ".join(page_texts(doctor_figure(report, "A", END))).split())
    assert "the scale stops at 0 and 10, so near either end a change shows smaller" in text
    assert "(a little wider where many ratings are 0 or 10)" in text


def test_the_peg_scores_are_drawn_when_given(report) -> None:
    peg = [PegScore(END - datetime.timedelta(weeks=w), 5.0) for w in range(3)][::-1]
    fig = doctor_figure(report, "A", END, peg=peg)
    assert wording.PDF_PEG_TITLE in page_texts(fig)
    (line,) = [line for ax in fig.axes for line in ax.get_lines() if len(line.get_xdata()) == 3]
    assert list(line.get_ydata()) == [5.0, 5.0, 5.0]


def test_the_method_note_is_boxed_at_the_foot_of_the_page(report) -> None:
    fig = doctor_figure(report, "A", END)
    (box,) = [a for a in fig.artists if type(a).__name__ == "Rectangle"]
    (title,) = [t for t in fig.texts if t.get_text() == wording.PDF_METHOD_TITLE]
    assert box.get_y() < 0.1
    assert box.get_y() < title.get_position()[1] < box.get_y() + box.get_height()
    assert "not a diagnosis" in " ".join(" ".join(page_texts(fig)).split())


def test_a_very_long_exercise_name_is_cut_to_a_line_with_an_ellipsis() -> None:
    texts = page_texts(doctor_figure(long_report(30), "A", END))
    cut = [t for t in texts if t.startswith(LONGEST_NAMES[0][:20])]
    assert cut and cut[0].endswith("…") and "\n" not in cut[0]


def test_a_week_with_nothing_rated_is_a_gap_in_the_weekly_means() -> None:
    import numpy as np

    # END is a Wednesday: days 3 to 9 back are the whole week from Monday 16 November.
    skipped = set(range(3, 10))
    fig = doctor_figure(journal_report(35, skip=skipped), "A", END)
    (knee,) = [
        line for ax in fig.axes for line in ax.get_lines() if line.get_gid() == "smooth-knee"
    ]
    means = np.asarray(knee.get_ydata(), dtype=float)
    assert np.isnan(means).sum() == 1
