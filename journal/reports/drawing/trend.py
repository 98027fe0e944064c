"""The trend chart: one panel per area over time, with the practice strip under them. The
doctor's PDF draws the same panels (``draw_trend``)."""

import datetime
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from footcare.vocabulary import AREA_LABELS, AREAS
from journal.analysis.report import Report
from journal.analysis.report import weekly_means as weekly_means_of
from journal.reports.wording import charts as wording

from .markers import draw_band, draw_lines, plan_band
from .style import (
    COLOURS,
    DPI,
    LITERAL,
    MARKERS,
    MONTHS,
    NOT_LOGGED_COLOUR,
    PHONE,
    PRACTICE_COLOUR,
    WEEK,
    WIDE,
    Style,
    figure,
    margins,
    no_data,
    panel_title,
)

if TYPE_CHECKING:
    import numpy as np
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


def _day_numbers(days: Sequence[datetime.date]) -> "np.ndarray":
    import numpy as np

    # matplotlib's date unit: days since 1970-01-01, its default epoch.
    return np.array(days, dtype="datetime64[D]").astype(float)


def shown_start(report: Report) -> datetime.date:
    """The first day the time axis shows: the range's start, or the first logged day.

    "Last 365 days" for a journal begun 90 days ago would otherwise be three-quarters empty.
    """
    if report.rows and report.rows[0].day > report.start:
        first = report.rows[0].day
        if report.trend.weekly:
            # Keep whole weeks: the bins count from the range's start.
            first -= datetime.timedelta(days=(first - report.start).days % report.trend.bin_days)
        return first
    return report.start


def date_ticks(
    first: datetime.date, end: datetime.date, max_ticks: int
) -> tuple[list[datetime.date], list[str]]:
    """Tick days and labels from ``first`` to ``end``: days, then months, then years.

    Month names, with the year under the first label and wherever the year changes, and no
    offset label (matplotlib's concise formatter wrote a stray "2026-Nov").
    """
    span = (end - first).days + 1
    ticks: list[datetime.date] = []
    kind = ""
    for step in (1, 2, 7, 14):
        if span / step <= max_ticks:
            # Weekly steps start on a Monday, so the ticks are the same whatever the range.
            day = first if step < 7 else first + datetime.timedelta(days=-first.weekday() % 7)
            ticks = [day + datetime.timedelta(days=i) for i in range(0, (end - day).days + 1, step)]
            kind = "day"
            break
    else:
        for months in (1, 2, 3, 4, 6, 12, 24, 36, 60, 120):
            month = first.year * 12 + first.month - 1 + (first.day > 1)
            month += -month % months
            candidates = []
            while (day := datetime.date(month // 12, month % 12 + 1, 1)) <= end:
                candidates.append(day)
                month += months
            if len(candidates) <= max_ticks:
                ticks, kind = candidates, ("month" if months < 12 else "year")
                break
    labels = []
    previous_year = None
    for day in ticks:
        if kind == "year":
            labels.append(str(day.year))
            continue
        label = MONTHS[day.month - 1] if kind == "month" else f"{day.day} {MONTHS[day.month - 1]}"
        if day.year != previous_year:
            label += f"\n{day.year}"
        previous_year = day.year
        labels.append(label)
    return ticks, labels


def date_axis(ax: "Axes", first: datetime.date, end: datetime.date, style: Style) -> None:
    ticks, labels = date_ticks(first, end, style.max_ticks)
    # Ticks at the middle of their day, under the day's point and its step in the strip.
    ax.set_xticks(_day_numbers(ticks) + 0.5, labels, fontsize=style.text)
    ax.tick_params(axis="x", length=3)
    ax.set_xlim(*_day_numbers([first, end + datetime.timedelta(days=1)]))


def trend_figure(report: Report, style: Style = WIDE) -> "Figure":
    fig = figure("trend", style)
    height = fig.get_figheight() * DPI
    title = wording.TITLES["trend"] if style is WIDE else wording.PHONE_TREND_TITLE
    fig.text(
        0.01, 1 - 6 / height, title, fontsize=style.title, fontweight="bold", va="top", **LITERAL
    )
    if report.rows:
        # Beside the title on a desktop, under it on a phone.
        below = (6 + style.title * 1.5 / 72 * DPI) / height if style is PHONE else 6 / height
        fig.text(
            0.99,
            1 - below,
            wording.trend_legend(report.trend),
            fontsize=style.text,
            ha="right",
            va="top",
            color="#333333",
            **LITERAL,
        )
    draw_trend(fig, report, style, margins(fig, style))
    return fig


def draw_trend(
    fig: "Figure",
    report: Report,
    style: Style,
    box: dict[str, float],
    *,
    weekly_means: bool = False,
) -> list["Axes"]:
    """One panel per area on a shared time axis, and under them the exercises done.

    ``box`` is the area of the figure (left, right, top, bottom fractions) the panels fill.
    The web chart draws each rating and the rolling mean; the doctor's page (``weekly_means``)
    draws each rating faintly and the weekly means.
    """
    import numpy as np
    from matplotlib.patches import StepPatch

    # Fixed gaps in inches: above each panel a line for its name (none when the names sit
    # inside the panels), above the strip one or two lines for what its height means.
    fig_height = fig.get_figheight()
    first = shown_start(report)
    # The medicine changes' labels take a band at the top of the box, above the panels.
    name_room = 0.04 if style.compact else style.text * 1.7 / 72
    band = plan_band(fig, report.medicine_events, first, report.end, box, style)
    if band.lines:
        draw_band(fig, band, box["top"], style)
        # Under the band, room again for the top panel's name, which sits above the panel.
        below = band.height + (0 if style.compact else name_room)
        box = {**box, "top": box["top"] - below / fig_height}
    strip_room = style.text * (3.0 if style is PHONE else 1.7) / 72
    height = (box["top"] - box["bottom"]) * fig_height
    strip_height = 0.19 * height
    panel_height = (height - strip_height - strip_room - 2 * name_room) / 3
    areas_bottom = box["bottom"] + (strip_height + strip_room) / fig_height
    grid = fig.add_gridspec(
        3,
        1,
        hspace=name_room / panel_height,
        left=box["left"],
        right=box["right"],
        top=box["top"],
        bottom=areas_bottom,
    )
    areas = [fig.add_subplot(grid[i]) for i in range(3)]
    strip = fig.add_axes(
        (box["left"], box["bottom"], box["right"] - box["left"], strip_height / fig_height)
    )
    panels = [*areas, strip]
    trend = report.trend
    # Date labels only under the strip: tick objects are most of the drawing time, and the
    # panels above share its time axis.
    date_axis(strip, first, report.end, style)
    for ax, area in zip(areas, AREAS, strict=True):
        ax.set_xlim(strip.get_xlim())
        ax.set_xticks([])
        panel_title(ax, AREA_LABELS[area], style, bold=True, inside=style.compact)
    if not report.rows:
        for ax in areas:
            ax.set_yticks([])
        no_data(strip, style)
        return panels
    edges = _day_numbers([*trend.starts, trend.starts[-1] + datetime.timedelta(trend.bin_days)])
    centres = (edges[:-1] + edges[1:]) / 2
    many = len(centres) > 120
    if weekly_means:
        # Every week from the first shown Monday, so a week with nothing rated is a gap.
        by_start = {week.start: week.means for week in weekly_means_of(report.rows)}
        monday = first - datetime.timedelta(days=first.weekday())
        starts = [monday + WEEK * i for i in range((report.end - monday).days // 7 + 1)]
        week_centres = _day_numbers(starts) + 3.5
        week_means = {
            area: np.array([by_start.get(start, {}).get(area, np.nan) for start in starts])
            for area in AREAS
        }
    for ax, area in zip(areas, AREAS, strict=True):
        colour = COLOURS[area]
        ax.set_ylim(-0.5, 10.5)
        # A short printed panel has no room for three labels; the grid line still marks 5.
        ax.set_yticks([0, 5, 10], ["0", "" if style.compact else "5", "10"], fontsize=style.text)
        if style.compact:
            # Kept inside their own panel, so a short panel's "0" never meets the next "10".
            bottom_label, _, top_label = ax.get_yticklabels()
            bottom_label.set_va("bottom")
            top_label.set_va("top")
        ax.grid(axis="y", alpha=0.35, linewidth=0.6)
        ax.plot(
            centres,
            np.array(trend.values[area]),
            color=colour,
            linewidth=0.5 if many else 0.7,
            alpha=0.45 if weekly_means else 0.6,
            marker=None if many else MARKERS[area],
            markersize=2.5 if style is WIDE else 3,
            gid=f"values-{area}",
        )
        xs, ys = (
            (week_centres, week_means[area])
            if weekly_means
            else (centres, np.array(trend.smooth[area]))
        )
        ax.plot(
            xs,
            ys,
            color=colour,
            linewidth=2,
            marker=MARKERS[area] if weekly_means and len(xs) <= 60 else None,
            markersize=4,
            gid=f"smooth-{area}",
        )
    # The strip: bar height is the exercises done per logged day (from 0 to the catalog's
    # count); days not logged are hatched in grey instead, since nobody knows what was done.
    practice = np.array(trend.practice)
    most = max(len(report.adherence.exercises), 1, math.ceil(np.nanmax(practice)))
    strip.add_artist(
        StepPatch(
            np.nan_to_num(practice, nan=0.0),
            edges,
            baseline=0,
            fill=True,
            color=PRACTICE_COLOUR,
            linewidth=0,
            gid="practice",
        )
    )
    strip.add_artist(
        StepPatch(
            np.where(np.isnan(practice), most, 0.0),
            edges,
            baseline=0,
            fill=False,
            hatch="////",
            edgecolor=NOT_LOGGED_COLOUR,
            linewidth=0,
            gid="not-logged",
        )
    )
    if band.days:
        draw_lines(panels, band.days)
    strip.set_ylim(0, most * 1.05)
    strip.set_yticks([0, most], ["0", str(most)], fontsize=style.text)
    panel_title(strip, wording.strip_title(trend, most, narrow=style is PHONE), style)
    return panels
