"""Charts of a report: pure functions from ``journal.analysis`` results to figures and bytes.

matplotlib is imported inside the functions: its import costs about half a second, which
pages and commands that draw nothing should not pay. Only ``matplotlib.figure.Figure``
(with the Agg canvas that ``savefig`` picks), never pyplot, whose global state is not
thread-safe. Styles are passed as arguments, never through rcParams. Every series is one
artist (a line with NaN gaps, one ``StepPatch``, one ``imshow``), the date ticks are
computed here and fixed, and the margins are fixed with ``subplots_adjust``: a bar per day,
``tight_layout`` and matplotlib's own date locator made a 365-day chart three times slower.

Every chart comes in two variants drawn by the same code with a different ``Style``: "wide"
(800 CSS pixels, for desktops and the PDF downloads) and "phone" (360 CSS pixels drawn at
twice the density, taller, with larger type and fewer ticks). The page serves them with
``<picture>``; at a 390-pixel-wide phone the smallest text is at least 11 CSS pixels
(tests/e2e/test_report_charts.py measures it).
"""

import datetime
import io
import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import wording
from .analysis import AREA_NAMES, ExerciseAdherence, Report
from .analysis import weekly_means as weekly_means_of

if TYPE_CHECKING:
    import numpy as np
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

FORMATS = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}
CHART_KINDS = ("trend", "practice", "adherence")
VARIANTS = ("wide", "phone")
DPI = 100
COLOURS = {"back": "#1f77b4", "hip": "#d95f02", "knee": "#7b3294"}
# Printed in greyscale the panels still differ by their marker, not only by their colour.
MARKERS = {"back": "o", "hip": "s", "knee": "^"}
PRACTICE_COLOUR = "#2ca02c"
NOT_LOGGED_COLOUR = "#8c8c8c"
WEEK = datetime.timedelta(days=7)
# Text is drawn as written: a "$" in an exercise name is not the start of a formula.
LITERAL = {"parse_math": False}
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class Style:
    """How big a variant is drawn and its type; the same drawing code serves every variant."""

    name: str
    width: int  # CSS pixels; the figure is width / DPI inches wide
    heights: dict[str, int]
    scale: int  # image pixels per CSS pixel in the PNG
    text: float  # points: ticks, legends, notes (the smallest type on the chart)
    title: float
    max_ticks: int
    wrap: int  # characters per line of an exercise name beside the adherence grid
    margins: dict[str, float]  # CSS pixels: left, right, top, bottom
    compact: bool = False  # panel names inside the panels, for the printed page

    def size(self, kind: str) -> tuple[int, int]:
        """The PNG's size in image pixels."""
        return self.width * self.scale, self.heights[kind] * self.scale


WIDE = Style(
    "wide",
    width=800,
    heights={"trend": 500, "practice": 320, "adherence": 300},
    scale=1,
    text=8.5,
    title=10,
    max_ticks=9,
    wrap=28,
    margins={"left": 52, "right": 14, "top": 44, "bottom": 40},
)
# 8.5 points at 100 dpi are 11.8 CSS pixels; a 390-pixel phone shows the 360-pixel chart at
# 358 pixels (the page's padding), so the smallest text stays above 11.
PHONE = Style(
    "phone",
    width=360,
    heights={"trend": 600, "practice": 400, "adherence": 380},
    scale=2,
    text=8.5,
    title=9.5,
    max_ticks=4,
    wrap=17,
    margins={"left": 36, "right": 10, "top": 56, "bottom": 40},
)
STYLES = {style.name: style for style in (WIDE, PHONE)}
SIZES = {kind: WIDE.size(kind) for kind in CHART_KINDS}
PHONE_SIZES = {kind: PHONE.size(kind) for kind in CHART_KINDS}
# Every chart's name in URLs and cache keys: "trend", "trend-phone", ...
CHART_NAMES = tuple(
    f"{kind}-{variant}" if variant != "wide" else kind
    for kind in CHART_KINDS
    for variant in VARIANTS
)


def split_name(name: str) -> tuple[str, Style]:
    kind, _, variant = name.partition("-")
    if kind not in CHART_KINDS or (variant or "wide") not in STYLES:
        raise ValueError(f"unknown chart {name}")
    return kind, STYLES[variant or "wide"]


def _figure(kind: str, style: Style) -> "Figure":
    from matplotlib.figure import Figure

    width, height = style.width, style.heights[kind]
    return Figure(figsize=(width / DPI, height / DPI), dpi=DPI, layout=None)


def _margins(fig: "Figure", style: Style, **override: float) -> dict[str, float]:
    """Fixed margins in CSS pixels turned into the figure fractions subplots_adjust takes."""
    width, height = fig.get_size_inches() * DPI
    px = {**style.margins, **override}
    return {
        "left": px["left"] / width,
        "right": 1 - px["right"] / width,
        "top": 1 - px["top"] / height,
        "bottom": px["bottom"] / height,
    }


def _no_data(ax: "Axes", style: Style) -> None:
    ax.text(
        0.5,
        0.5,
        wording.NO_DATA,
        ha="center",
        va="center",
        transform=ax.transAxes,
        fontsize=style.title,
        **LITERAL,
    )
    ax.set_yticks([])


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


def _date_axis(ax: "Axes", first: datetime.date, end: datetime.date, style: Style) -> None:
    ticks, labels = date_ticks(first, end, style.max_ticks)
    # Ticks at the middle of their day, under the day's point and its step in the strip.
    ax.set_xticks(_day_numbers(ticks) + 0.5, labels, fontsize=style.text)
    ax.tick_params(axis="x", length=3)
    ax.set_xlim(*_day_numbers([first, end + datetime.timedelta(days=1)]))


def trend_figure(report: Report, style: Style = WIDE) -> "Figure":
    fig = _figure("trend", style)
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
    draw_trend(fig, report, style, _margins(fig, style))
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
    name_room = 0.04 if style.compact else style.text * 1.7 / 72
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
    first = shown_start(report)
    # Date labels only under the strip: tick objects are most of the drawing time, and the
    # panels above share its time axis.
    _date_axis(strip, first, report.end, style)
    for ax, area in zip(areas, AREA_NAMES, strict=True):
        ax.set_xlim(strip.get_xlim())
        ax.set_xticks([])
        _panel_title(ax, area.capitalize(), style, bold=True, inside=style.compact)
    if not report.rows:
        for ax in areas:
            ax.set_yticks([])
        _no_data(strip, style)
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
            for area in AREA_NAMES
        }
    for ax, area in zip(areas, AREA_NAMES, strict=True):
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
    strip.set_ylim(0, most * 1.05)
    strip.set_yticks([0, most], ["0", str(most)], fontsize=style.text)
    _panel_title(strip, wording.strip_title(trend, most, narrow=style is PHONE), style)
    return panels


def _panel_title(
    ax: "Axes", text: str, style: Style, *, bold: bool = False, inside: bool = False
) -> None:
    # A text, not set_title: a title is placed by measuring the axes, a third of a panel's
    # drawing time.
    ax.text(
        0.004 if inside else 0,
        0.96 if inside else 1.02,
        text,
        transform=ax.transAxes,
        fontsize=style.text + (0.5 if bold else 0),
        fontweight="bold" if bold else "normal",
        va="top" if inside else "bottom",
        bbox={"facecolor": "white", "edgecolor": "none", "pad": 1} if inside else None,
        zorder=5,
        **LITERAL,
    )


def practice_figure(report: Report, style: Style = WIDE) -> "Figure":
    """Per area, the adjusted next-day difference after practice with its 95% interval."""
    fig = _figure("practice", style)
    title = wording.TITLES["practice"]
    title = textwrap.fill(title, 36 if style is PHONE else 80)
    lines = title.count("\n") + 1
    # Room above the axes for the title's lines; on the left for the axis label's three.
    top = 14 + lines * style.title * 1.3 / 72 * DPI
    left = style.margins["left"] + 4.2 * style.text / 72 * DPI
    fig.subplots_adjust(**_margins(fig, style, top=top, left=left))
    ax = fig.add_subplot()
    fig.text(
        0.01,
        1 - 6 / (fig.get_figheight() * DPI),
        title,
        fontsize=style.title,
        fontweight="bold",
        va="top",
        **LITERAL,
    )
    ax.tick_params(labelsize=style.text)
    if not report.rows:
        _no_data(ax, style)
        ax.set_xticks([])
        return fig
    xs, ys, below, above, reach = [], [], [], [], 3.0
    for index, comparison in enumerate(report.comparisons):
        if not comparison.enough:
            ax.text(
                index,
                0.25,
                wording.NOT_ENOUGH,
                ha="center",
                va="bottom",
                fontsize=style.text,
                color="#555555",
                **LITERAL,
            )
            continue
        assert comparison.estimate is not None
        assert comparison.low is not None and comparison.high is not None
        xs.append(index)
        ys.append(comparison.estimate)
        below.append(comparison.estimate - comparison.low)
        above.append(comparison.high - comparison.estimate)
        reach = max(reach, abs(comparison.low), abs(comparison.high))
        # Beside its point, where no other area's interval reaches: to the right, and to
        # the left for the last area, whose right is the edge of the chart.
        last = index == len(AREA_NAMES) - 1
        ax.annotate(
            wording.estimate_label(comparison),
            (index, comparison.estimate),
            xytext=(-7 if last else 7, 0),
            textcoords="offset points",
            ha="right" if last else "left",
            va="center",
            fontsize=style.text,
            **LITERAL,
        )
    ax.errorbar(xs, ys, yerr=[below, above], fmt="o", color="#2ca02c", capsize=5, gid="estimate")
    ax.axhline(0, color="#555555", linewidth=0.8)
    ax.set_xticks(range(len(AREA_NAMES)), [a.capitalize() for a in AREA_NAMES], **LITERAL)
    ax.set_xlim(-0.5, len(AREA_NAMES) - 0.5)
    # Symmetric around 0, so "lower" and "higher" look alike; at least 3 points each way.
    limit = min(10.0, reach + 0.5)
    ax.set_ylim(-limit, limit)
    ax.set_ylabel(wording.PRACTICE_AXIS, fontsize=style.text, **LITERAL)
    ax.grid(axis="y", alpha=0.3)
    return fig


def exercise_label(exercise: "ExerciseAdherence", width: int) -> str:
    """An exercise name of up to 80 characters in at most two lines beside the grid."""
    lines = textwrap.wrap(wording.adherence_label(exercise), width)
    if len(lines) > 2:
        # The full name is in the table under the chart.
        share = wording.share_text(exercise)
        tail = textwrap.shorten(" ".join(lines[1:]), width - len(share) - 3, placeholder="…")
        lines = [lines[0], wording.adherence_label_tail(tail, exercise)]
    return "\n".join(lines)


def adherence_figure(report: Report, style: Style = WIDE) -> "Figure":
    import numpy as np
    from matplotlib.colors import ListedColormap

    fig = _figure("adherence", style)
    left = 0.52 * style.width if style is PHONE else 0.3 * style.width
    fig.subplots_adjust(**_margins(fig, style, left=left))
    ax = fig.add_subplot()
    fig.text(
        0.02,
        0.98,
        wording.TITLES["adherence"],
        fontsize=style.title,
        fontweight="bold",
        va="top",
        **LITERAL,
    )
    ax.tick_params(labelsize=style.text)
    result = report.adherence
    if not report.rows or not result.exercises:
        _no_data(ax, style)
        ax.set_xticks([])
        return fig
    fig.text(
        0.02,
        0.98 - (style.title + 4) / 72 * DPI / (fig.get_figheight() * DPI),
        wording.streak_title(result),
        fontsize=style.text,
        va="top",
        **LITERAL,
    )
    grid = np.ma.masked_invalid(np.array(result.grid, dtype=float))
    # White: not done; green: done (or the share of the week's logged days); grey: not logged.
    greens = ListedColormap(["#ffffff", "#c7e9c0", "#74c476", "#31a354", "#006d2c"])
    cmap = greens.with_extremes(bad="#d9d9d9")
    start = float(np.datetime64(result.starts[0], "D").astype(float))
    end = start + len(result.starts) * result.bin_days
    ax.imshow(
        grid,
        aspect="auto",
        interpolation="nearest",
        cmap=cmap,
        vmin=0,
        vmax=1,
        extent=(start, end, len(result.exercises) - 0.5, -0.5),
        gid="grid",
    )
    labels = [exercise_label(e, style.wrap) for e in result.exercises]
    # Curators name exercises freely: no mathtext in a name with a "$" in it.
    ax.set_yticks(range(len(result.exercises)), labels, fontsize=style.text, parse_math=False)
    _date_axis(ax, shown_start(report), report.end, style)
    return fig


FIGURES = {"trend": trend_figure, "practice": practice_figure, "adherence": adherence_figure}


def chart_figure(report: Report, name: str) -> "Figure":
    kind, style = split_name(name)
    return FIGURES[kind](report, style)


def figure_bytes(fig: "Figure", fmt: str, scale: int = 1) -> bytes:
    buffer = io.BytesIO()
    # No dates in the metadata: the same data gives the same file.
    metadata = {"png": {"Software": None}, "svg": {"Date": None}, "pdf": {"CreationDate": None}}
    fig.savefig(buffer, format=fmt, dpi=DPI * scale, metadata=metadata[fmt])
    return buffer.getvalue()


def chart_bytes(report: Report, name: str, fmt: str) -> bytes:
    """One chart as bytes; ``name`` is a kind with an optional variant, e.g. "trend-phone"."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown chart format {fmt}")
    kind, style = split_name(name)
    return figure_bytes(FIGURES[kind](report, style), fmt, style.scale if fmt == "png" else 1)
