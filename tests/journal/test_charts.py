import datetime
import io
import re
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from journal.reports import charts, wording
from journal.reports.analysis import DayRow, build_report
from journal.reports.pdf import doctor_pdf
from journal.reports.simulate import simulate_diary

ROOT = Path(__file__).resolve().parents[2]
END = datetime.date(2026, 11, 25)
NAMES = ["Toe presses", "Ankle circles"]


def journal_report(
    days: int, *, skip: set[int] = frozenset(), unrated_knee: set[int] = frozenset()
):
    rows = [
        DayRow(
            END - datetime.timedelta(days=offset),
            {"back": 4, "hip": offset % 7, "knee": None if offset in unrated_knee else 5},
            frozenset(NAMES[: offset % 3]),
        )
        for offset in range(days)
        if offset not in skip
    ]
    start = END - datetime.timedelta(days=days - 1)
    return build_report(rows, NAMES, start, END, END, f"Over the last {days} days")


def lines(fig, gid: str):
    return [line for ax in fig.axes for line in ax.get_lines() if line.get_gid() == gid]


@pytest.mark.parametrize("kind", charts.CHART_KINDS)
def test_every_png_has_the_advertised_pixel_size(kind) -> None:
    image = Image.open(io.BytesIO(charts.chart_bytes(journal_report(30), kind, "png")))
    assert image.size == charts.SIZES[kind]


def test_the_trend_plots_one_point_per_rated_day_with_gaps_for_the_rest() -> None:
    report = journal_report(60, skip={3, 4}, unrated_knee={10, 11, 12})
    fig = charts.trend_figure(report)
    (knee,) = lines(fig, "values-knee")
    values = np.asarray(knee.get_ydata(), dtype=float)
    assert np.isfinite(values).sum() == 55
    assert np.isnan(values).sum() == 5  # two unlogged days and three unrated ones


def test_the_trend_has_one_artist_per_series_however_long_the_journal() -> None:
    fig = charts.trend_figure(journal_report(3650))
    (ax,) = fig.axes
    assert len(ax.get_lines()) == 6 + 1  # values and mean per area, the strip's rule
    (strip,) = [a for a in ax.get_children() if a.get_gid() == "practice"]
    assert type(strip).__name__ == "StepPatch"  # the practice strip is a single artist


def test_past_a_year_the_trend_plots_weekly_points() -> None:
    report = journal_report(3650)
    (knee,) = lines(charts.trend_figure(report), "values-knee")
    # One point per Monday-to-Sunday week that the range touches.
    first, last = (day - datetime.timedelta(days=day.weekday()) for day in (report.start, END))
    assert len(knee.get_xdata()) == (last - first).days // 7 + 1


def test_the_trend_is_titled() -> None:
    fig = charts.trend_figure(journal_report(30))
    assert fig.axes[0].get_title(loc="left").startswith("Pain over time")


@pytest.mark.parametrize("kind", charts.CHART_KINDS)
def test_an_empty_journal_draws_a_chart_that_says_so(kind) -> None:
    report = journal_report(30, skip=set(range(30)))
    fig = charts.FIGURES[kind](report)
    assert wording.NO_DATA in [t.get_text() for t in fig.axes[0].texts]
    image = Image.open(io.BytesIO(charts.chart_bytes(report, kind, "png")))
    assert image.size == charts.SIZES[kind]


def simulated_report(days: int = 90):
    rows = simulate_diary(days, "after a bad day", phi=0.5, effect=-1, seed=11)
    return build_report(rows, NAMES, rows[0].day, rows[-1].day, rows[-1].day, "Lately")


def test_the_practice_chart_draws_each_areas_estimate_with_its_interval_and_n() -> None:
    report = simulated_report()
    fig = charts.practice_figure(report)
    (ax,) = fig.axes
    (points,) = ax.containers  # one errorbar for the three areas
    estimates = [c.estimate for c in report.comparisons]
    assert list(points.lines[0].get_ydata()) == pytest.approx(estimates)
    labels = [t.get_text() for t in ax.texts]
    assert [label for label in labels if label.startswith("n=")] == [
        f"n={c.runs}" for c in report.comparisons
    ]


def test_the_practice_chart_says_it_cannot_tell_where_there_is_no_estimate() -> None:
    fig = charts.practice_figure(journal_report(90))  # back and knee never change
    labels = [t.get_text() for t in fig.axes[0].texts]
    assert labels.count(wording.NOT_ENOUGH) == 2


def test_the_adherence_grid_is_one_image_with_a_row_per_exercise() -> None:
    fig = charts.adherence_figure(journal_report(30))
    (image,) = fig.axes[0].get_images()
    assert image.get_array().shape == (2, 30)


def test_the_adherence_chart_states_the_streaks() -> None:
    fig = charts.adherence_figure(journal_report(30))
    # Every third day has no exercise (offset % 3 == 0), today included.
    assert fig.axes[0].get_title(loc="right") == "practice streak: current 2, longest 2 days"


def test_svg_and_pdf_downloads_are_real_files() -> None:
    report = journal_report(30)
    assert b"<svg" in charts.chart_bytes(report, "trend", "svg")[:500]
    assert charts.chart_bytes(report, "trend", "pdf").startswith(b"%PDF")


def test_the_doctors_report_is_a_single_pdf_page() -> None:
    pdf = doctor_pdf(journal_report(120), "A. Patient", END)
    assert pdf.startswith(b"%PDF")
    assert len(re.findall(rb"/Type /Page\b", pdf)) == 1


def test_importing_the_chart_module_does_not_import_matplotlib() -> None:
    import subprocess

    code = (
        "import journal.reports.charts, journal.reports.pdf, sys; "
        "print('matplotlib' in sys.modules)"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and a fixed snippet
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout.strip() == "False"


def test_an_exercise_name_with_dollar_signs_is_drawn_as_written() -> None:
    # With matplotlib's mathtext on, "$^$" is a formula that fails to parse and draws a 500.
    name = "Heel $^$ raises"
    rows = [
        DayRow(END - datetime.timedelta(days=i), {"knee": 5}, frozenset({name})) for i in range(9)
    ]
    report = build_report(rows, [name], rows[-1].day, END, END, "Lately")
    fig = charts.adherence_figure(report)
    assert [label.get_text() for label in fig.axes[0].get_yticklabels()] == [f"{name} (100%)"]
    assert charts.chart_bytes(report, "adherence", "png").startswith(b"\x89PNG")
    assert doctor_pdf(report, "A $^$ Patient", END).startswith(b"%PDF")
