import datetime
import io
import re
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from journal.analysis.report import build_report
from journal.analysis.rows import DayRow
from journal.analysis.simulate import simulate_diary
from journal.reports.drawing import charts
from journal.reports.drawing.pdf import doctor_pdf
from journal.reports.wording import common as wording

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


@pytest.mark.parametrize("name", charts.CHART_NAMES)
def test_every_png_has_the_advertised_pixel_size(name) -> None:
    kind, style = charts.split_name(name)
    image = Image.open(io.BytesIO(charts.chart_bytes(journal_report(30), name, "png")))
    assert image.size == style.size(kind)


def test_the_phone_variant_is_taller_than_it_is_wide() -> None:
    for kind in charts.CHART_KINDS:
        width, height = charts.PHONE_SIZES[kind]
        assert height > width


def test_an_unknown_variant_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown chart"):
        charts.chart_bytes(journal_report(7), "trend-watch", "png")


def test_the_trend_plots_one_point_per_rated_day_with_gaps_for_the_rest() -> None:
    report = journal_report(60, skip={3, 4}, unrated_knee={10, 11, 12})
    fig = charts.trend_figure(report)
    (knee,) = lines(fig, "values-knee")
    values = np.asarray(knee.get_ydata(), dtype=float)
    assert np.isfinite(values).sum() == 55
    assert np.isnan(values).sum() == 5  # two unlogged days and three unrated ones


def test_the_trend_draws_one_panel_per_area_and_the_strip() -> None:
    fig = charts.trend_figure(journal_report(90))
    names = [t.get_text() for ax in fig.axes for t in ax.texts]
    assert names[:3] == ["Back", "Hip", "Knee"]
    assert len(fig.axes) == 4
    for area, ax in zip(("back", "hip", "knee"), fig.axes, strict=False):
        assert {line.get_gid() for line in ax.get_lines()} == {f"values-{area}", f"smooth-{area}"}


def test_the_trend_has_one_artist_per_series_however_long_the_journal() -> None:
    fig = charts.trend_figure(journal_report(3650))
    assert sum(len(ax.get_lines()) for ax in fig.axes) == 6  # values and mean per area
    strip = fig.axes[-1]
    patches = {a.get_gid(): a for a in strip.get_children() if a.get_gid()}
    assert type(patches["practice"]).__name__ == "StepPatch"
    assert type(patches["not-logged"]).__name__ == "StepPatch"


def test_the_strip_shows_a_day_not_logged_apart_from_a_day_without_exercise() -> None:
    # Day offsets 0, 3, 6... have no exercise; offset 4 is not logged at all.
    fig = charts.trend_figure(journal_report(9, skip={4}))
    strip = fig.axes[-1]
    patches = {a.get_gid(): a for a in strip.get_children() if a.get_gid()}
    done = patches["practice"].get_data().values
    unlogged = patches["not-logged"].get_data().values
    oldest_first = list(range(8, -1, -1))
    assert [float(v) for v in done] == [
        0.0 if offset == 4 else float(offset % 3) for offset in oldest_first
    ]
    assert [v > 0 for v in unlogged] == [offset == 4 for offset in oldest_first]


def test_the_strip_says_what_its_height_means() -> None:
    fig = charts.trend_figure(journal_report(30))
    (title,) = [t.get_text() for t in fig.axes[-1].texts]
    assert title == "Exercises done per logged day (0–2); hatched: not logged"


def test_past_a_year_the_trend_plots_weekly_points() -> None:
    report = journal_report(3650)
    (knee,) = lines(charts.trend_figure(report), "values-knee")
    # One point per Monday-to-Sunday week that the range touches.
    first, last = (day - datetime.timedelta(days=day.weekday()) for day in (report.start, END))
    assert len(knee.get_xdata()) == (last - first).days // 7 + 1


def test_the_trend_is_titled() -> None:
    fig = charts.trend_figure(journal_report(30))
    assert fig.texts[0].get_text().startswith("Pain over time")


@pytest.mark.parametrize(
    ("first", "end", "labels"),
    [
        # Days: month names, and the year under the first label.
        (datetime.date(2026, 11, 19), datetime.date(2026, 11, 25), ["19 Nov\n2026", "20 Nov"]),
        # Months, with the year where it changes.
        (
            datetime.date(2026, 9, 1),
            datetime.date(2027, 2, 28),
            ["Sep\n2026", "Oct", "Nov", "Dec", "Jan\n2027", "Feb"],
        ),
        # Years past a few.
        (datetime.date(2017, 1, 1), datetime.date(2026, 11, 25), ["2018", "2020", "2022"]),
    ],
)
def test_date_labels_name_the_month_and_the_year_where_it_changes(first, end, labels) -> None:
    _, shown = charts.date_ticks(first, end, max_ticks=9)
    assert shown[: len(labels)] == labels


def test_no_date_axis_has_an_offset_label() -> None:
    for days in (7, 30, 365, 3650):
        fig = charts.trend_figure(journal_report(days))
        charts.figure_bytes(fig, "png")  # the offset label is set while drawing
        assert all(ax.xaxis.get_offset_text().get_text() == "" for ax in fig.axes)


def test_a_long_range_starts_at_the_first_logged_day() -> None:
    rows = journal_report(90).rows
    report = build_report(rows, NAMES, END - datetime.timedelta(days=364), END, END, "year")
    fig = charts.trend_figure(report)
    left, _ = fig.axes[-1].get_xlim()
    assert left == float(np.datetime64(rows[0].day, "D").astype(float))


@pytest.mark.parametrize("kind", charts.CHART_KINDS)
def test_an_empty_journal_draws_a_chart_that_says_so(kind) -> None:
    report = journal_report(30, skip=set(range(30)))
    fig = charts.FIGURES[kind](report)
    assert wording.NO_DATA in [t.get_text() for ax in fig.axes for t in ax.texts]
    image = Image.open(io.BytesIO(charts.chart_bytes(report, kind, "png")))
    assert image.size == charts.SIZES[kind]


def simulated_report(days: int = 90):
    rows = simulate_diary(days, "bad days", effect=-1, seed=11)
    return build_report(rows, NAMES, rows[0].day, rows[-1].day, rows[-1].day, "Lately")


def test_the_practice_chart_draws_each_areas_estimate_with_its_interval_and_n() -> None:
    report = simulated_report()
    fig = charts.practice_figure(report)
    (ax,) = fig.axes
    (points,) = ax.containers  # one errorbar for the three areas
    estimates = [fit.estimate for fit in report.fits.values()]
    assert list(points.lines[0].get_ydata()) == pytest.approx(estimates)
    labels = [t.get_text() for t in ax.texts]
    assert [label for label in labels if label.startswith("n=")] == [
        f"n={fit.runs}" for fit in report.fits.values()
    ]


def test_the_practice_chart_says_it_cannot_tell_where_there_is_no_estimate() -> None:
    rows = simulate_diary(90, "bad days", effect=-1, seed=11)
    rows = [replace(row, ratings={**row.ratings, "hip": None}) for row in rows]
    report = build_report(rows, NAMES, rows[0].day, rows[-1].day, rows[-1].day, "Lately")
    labels = [t.get_text() for t in charts.practice_figure(report).axes[0].texts]
    assert labels.count(wording.NOT_ENOUGH) == 1  # the hip, never rated


def test_the_adherence_grid_is_one_image_with_a_row_per_exercise() -> None:
    fig = charts.adherence_figure(journal_report(30))
    (image,) = fig.axes[0].get_images()
    assert image.get_array().shape == (2, 30)


def test_the_adherence_chart_states_the_streaks_in_days() -> None:
    fig = charts.adherence_figure(journal_report(30))
    # Every third day has no exercise (offset % 3 == 0), today included.
    texts = [t.get_text() for t in fig.texts]
    assert "Practice streak: current 2 days, longest 2 days" in texts


def test_a_single_day_streak_is_one_day() -> None:
    report = journal_report(5, skip={0, 1, 3, 4})
    texts = [t.get_text() for t in charts.adherence_figure(report).texts]
    assert "Practice streak: current 0 days, longest 1 day" in texts


def test_a_long_exercise_name_takes_at_most_two_lines_beside_the_grid() -> None:
    name = "Flexing the small muscles of the foot while seated with both heels on the floor"
    report = build_report(journal_report(7).rows, [name], END - datetime.timedelta(6), END, END, "")
    fig = charts.adherence_figure(report, charts.PHONE)
    (label,) = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert label.count("\n") == 1
    assert label.endswith("(0%)")


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
        "import journal.reports.drawing.charts, journal.reports.drawing.pdf, sys; "
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
