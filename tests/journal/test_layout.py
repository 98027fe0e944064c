"""No text of any chart, nor of the doctor's page, runs into another or off the edge.

For every chart in both variants and for the doctor's page, over a week to ten years of a
journal with the longest exercise names the catalog allows and a 60-character name: one
draw per case, then every drawn text's extent is checked (tests/journal/layout.py).
"""

import datetime

import pytest

from journal.analysis.nextday import Rung
from journal.reports.drawing import charts
from journal.reports.drawing.pdf import PAGE_HEIGHT, doctor_figure
from journal.reports.evidence import Estimate, PegScore

from .layout import (
    END,
    LONG_PATIENT,
    LONGEST_NAMES,
    RANGES,
    layout_problems,
    long_report,
    place_texts,
)

_reports: dict[tuple[int, int | None], object] = {}


def report(days: int, journal_days: int | None = None) -> object:
    # Built once per range and shared by the cases: the analysis is not what is tested here.
    key = (days, journal_days)
    if key not in _reports:
        _reports[key] = long_report(days, journal_days=journal_days)
    return _reports[key]


@pytest.mark.parametrize("days", RANGES)
@pytest.mark.parametrize("name", charts.CHART_NAMES)
def test_no_chart_text_overlaps_or_leaves_the_figure(name, days) -> None:
    fig = charts.chart_figure(report(days), name)
    assert layout_problems(fig, place_texts(fig)) == []


@pytest.mark.parametrize("name", charts.CHART_NAMES)
def test_a_journal_begun_within_the_range_lays_out_cleanly(name) -> None:
    fig = charts.chart_figure(report(365, journal_days=40), name)
    assert layout_problems(fig, place_texts(fig)) == []


def experiment() -> list[Estimate]:
    return [
        Estimate("back", -0.8, -1.4, -0.2, 20, 21, Rung.PROBABLY_LOWER, randomised=True),
        Estimate("hip", None, None, None, 3, 4, Rung.TOO_LITTLE, randomised=True),
        Estimate("knee", -0.2, -0.9, 0.5, 20, 21, Rung.CANT_TELL, randomised=True),
    ]


def peg(weeks: int) -> list[PegScore]:
    return [PegScore(END - datetime.timedelta(weeks=w), 6 - w * 0.1) for w in range(weeks)][::-1]


@pytest.mark.parametrize("days", RANGES)
def test_the_doctors_page_with_every_part_lays_out_cleanly(days) -> None:
    fig = doctor_figure(
        report(days),
        LONG_PATIENT,
        END,
        born=datetime.date(1961, 3, 3),
        experiment=experiment(),
        peg=peg(min(days // 7, 12)),
    )
    assert layout_problems(fig, place_texts(fig)) == []


@pytest.mark.parametrize("days", [7, 90])
def test_the_doctors_page_without_the_optional_parts_lays_out_cleanly(days) -> None:
    fig = doctor_figure(report(days), LONG_PATIENT, END)
    assert layout_problems(fig, place_texts(fig)) == []


def test_the_doctors_page_body_is_at_least_nine_points() -> None:
    fig = doctor_figure(report(90), LONG_PATIENT, END, experiment=experiment(), peg=peg(12))
    assert min(p.size for p in place_texts(fig)) >= 9


def test_the_doctors_page_fills_the_page() -> None:
    fig = doctor_figure(report(90), LONG_PATIENT, END)
    placed = place_texts(fig)
    lowest = min(p.box.y0 for p in placed) / fig.dpi
    # The method note sits at the foot of the page: nothing is left empty below it.
    assert lowest < 0.9
    assert max(p.box.y1 for p in placed) / fig.dpi > PAGE_HEIGHT - 0.7


def test_the_layout_check_finds_overlapping_texts() -> None:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(4, 2))
    fig.text(0.1, 0.5, "Back pain over time")
    fig.text(0.2, 0.5, "Knee pain")
    fig.text(0.9, 0.1, "runs off the edge")
    problems = layout_problems(fig, place_texts(fig))
    assert any(p.startswith("overlap") for p in problems)
    assert any(p.startswith("outside") for p in problems)


def test_a_long_catalog_is_cut_short_on_the_doctors_page_and_still_fits() -> None:
    from journal.analysis.report import build_report

    rows = report(90).rows
    names = [*LONGEST_NAMES, *(f"Extra exercise number {i} " + "x" * 50 for i in range(10))]
    many = build_report(rows, names, rows[0].day, END, END, "Over the last 90 days")
    fig = doctor_figure(many, LONG_PATIENT, END, experiment=experiment(), peg=peg(12))
    placed = place_texts(fig)
    assert layout_problems(fig, placed) == []
    assert any(p.text.startswith("… and ") and "more exercises" in p.text for p in placed)
