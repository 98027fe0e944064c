"""Charts of a report: pure functions from ``analysis`` results to figures and bytes.

matplotlib is imported inside the functions: its import costs about half a second, which
pages and commands that draw nothing should not pay. Only ``matplotlib.figure.Figure``
(with the Agg canvas that ``savefig`` picks), never pyplot, whose global state is not
thread-safe. Styles are passed as arguments, never through rcParams. Every series is one
artist (a line with NaN gaps, one ``StepPatch``, one ``imshow``) and the margins are fixed with
``subplots_adjust``: a bar per day and ``tight_layout`` made a 365-day chart three times
slower here.
"""

import datetime
import io
import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING

from . import wording
from .analysis import AREA_NAMES, Report
from .wording import NO_DATA, TITLES

if TYPE_CHECKING:
    import numpy as np
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

FORMATS = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}
CHART_KINDS = ("trend", "practice", "adherence")
DPI = 100
# Width by height in pixels at DPI; the template gives the <img> the same size.
SIZES = {"trend": (800, 400), "practice": (800, 320), "adherence": (800, 300)}
COLOURS = {"back": "#1f77b4", "hip": "#d95f02", "knee": "#7b3294"}
TEXT = {"fontsize": 9}
# Text is drawn as written: a "$" in an exercise name is not the start of a formula.
LITERAL = {"parse_math": False}


def _figure(kind: str) -> "Figure":
    from matplotlib.figure import Figure

    width, height = SIZES[kind]
    return Figure(figsize=(width / DPI, height / DPI), dpi=DPI, layout=None)


def _no_data(ax: "Axes") -> None:
    ax.text(
        0.5, 0.5, NO_DATA, ha="center", va="center", transform=ax.transAxes, fontsize=11, **LITERAL
    )
    ax.set_yticks([])


def _date_axis(ax: "Axes", start: datetime.date, end: datetime.date) -> None:
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter

    locator = AutoDateLocator(maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    ax.set_xlim(start, end + datetime.timedelta(days=1))
    ax.tick_params(labelsize=8)


def _day_numbers(days: Sequence[datetime.date]) -> "np.ndarray":
    import numpy as np

    # matplotlib's date unit: days since 1970-01-01, its default epoch.
    return np.array(days, dtype="datetime64[D]").astype(float)


def trend_figure(report: Report) -> "Figure":
    """Pain lines above, and below them, on the same axes, the exercises done per day.

    One axes instead of two: a second axes and its ticks cost about a third of the time.
    """
    fig = _figure("trend")
    fig.subplots_adjust(left=0.08, right=0.98, top=0.9, bottom=0.09)
    draw_trend(fig.add_subplot(), report)
    return fig


def draw_trend(ax: "Axes", report: Report) -> None:
    import numpy as np

    ax.set_title(TITLES["trend"], loc="left", **TEXT, **LITERAL)
    _date_axis(ax, report.start, report.end)
    trend = report.trend
    if not report.rows:
        _no_data(ax)
        return
    edges = _day_numbers([*trend.starts, trend.starts[-1] + datetime.timedelta(trend.bin_days)])
    # Points sit in the middle of their day (or week), over their step of the strip below.
    centres = (edges[:-1] + edges[1:]) / 2
    for area in AREA_NAMES:
        colour = COLOURS[area]
        ax.plot(
            centres,
            np.array(trend.values[area]),
            color=colour,
            linewidth=0.6,
            alpha=0.5,
            marker="o" if len(centres) <= 120 else None,
            markersize=2.5,
            gid=f"values-{area}",
        )
        ax.plot(
            centres,
            np.array(trend.smooth[area]),
            color=colour,
            linewidth=2,
            label=area.capitalize(),
            gid=f"smooth-{area}",
        )
    # The strip from -3.2 to -0.7: the most exercises done in a day fills it. Days not
    # logged are NaN, a gap, since nobody knows what was done on them.
    # A StepPatch added as an artist: ax.stairs() would also walk every step to update
    # the data limits (a third of the drawing time here), and the limits are fixed anyway.
    from matplotlib.patches import StepPatch

    most = max(5.0, np.nanmax(np.array(trend.practice)))
    ax.add_artist(
        StepPatch(
            -3.2 + 2.5 * np.array(trend.practice) / most,
            edges,
            baseline=-3.2,
            fill=True,
            color="#2ca02c",
            alpha=0.7,
            gid="practice",
        )
    )
    ax.axhline(-0.5, color="#999999", linewidth=0.5)
    ax.text(
        0.0,
        -2.0,
        wording.PRACTICE_STRIP,
        fontsize=7,
        ha="right",
        va="center",
        transform=ax.get_yaxis_transform(),
        **LITERAL,
    )
    ax.set_ylim(-3.3, 10.3)
    ax.set_yticks([0, 2, 4, 6, 8, 10])
    ax.grid(axis="y", alpha=0.3)
    ax.legend(
        title=wording.legend_title(trend),
        title_fontsize=7,
        loc="lower right",
        bbox_to_anchor=(1.0, 0.98),
        ncols=3,
        fontsize=7,
        frameon=False,
    )


def practice_figure(report: Report) -> "Figure":
    """Per area, the adjusted next-day difference after practice with its 95% interval."""
    fig = _figure("practice")
    fig.subplots_adjust(left=0.12, right=0.98, top=0.86, bottom=0.12)
    ax = fig.add_subplot()
    ax.set_title(TITLES["practice"], loc="left", **TEXT, **LITERAL)
    if not report.rows:
        _no_data(ax)
        return fig
    xs, ys, below, above, reach = [], [], [], [], 3.0
    for index, comparison in enumerate(report.comparisons):
        if not comparison.enough:
            ax.text(
                index, 0.25, wording.NOT_ENOUGH, ha="center", fontsize=8, color="#555555", **LITERAL
            )
            continue
        assert comparison.estimate is not None
        assert comparison.low is not None and comparison.high is not None
        xs.append(index)
        ys.append(comparison.estimate)
        below.append(comparison.estimate - comparison.low)
        above.append(comparison.high - comparison.estimate)
        reach = max(reach, abs(comparison.low), abs(comparison.high))
        ax.annotate(
            wording.estimate_label(comparison),
            (index, comparison.estimate),
            xytext=(8, -3),
            textcoords="offset points",
            fontsize=7,
            **LITERAL,
        )
    ax.errorbar(xs, ys, yerr=[below, above], fmt="o", color="#2ca02c", capsize=5, gid="estimate")
    ax.axhline(0, color="#555555", linewidth=0.8)
    ax.set_xticks(range(len(AREA_NAMES)), [a.capitalize() for a in AREA_NAMES], **LITERAL)
    ax.set_xlim(-0.5, len(AREA_NAMES) - 0.5)
    # Symmetric around 0, so "lower" and "higher" look alike; at least 3 points each way.
    limit = min(10.0, reach + 0.5)
    ax.set_ylim(-limit, limit)
    ax.set_ylabel(wording.PRACTICE_AXIS, fontsize=8, **LITERAL)
    ax.grid(axis="y", alpha=0.3)
    ax.tick_params(labelsize=8)
    return fig


def adherence_figure(report: Report) -> "Figure":
    import numpy as np
    from matplotlib.colors import ListedColormap

    fig = _figure("adherence")
    fig.subplots_adjust(left=0.3, right=0.98, top=0.88, bottom=0.14)
    ax = fig.add_subplot()
    ax.set_title(TITLES["adherence"], loc="left", **TEXT, **LITERAL)
    result = report.adherence
    if not report.rows or not result.exercises:
        _no_data(ax)
        return fig
    ax.set_title(wording.streak_title(result), loc="right", fontsize=8, **LITERAL)
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
    ax.set_yticks(
        range(len(result.exercises)),
        # Curators name exercises freely; wrapping keeps a long name inside the margin.
        [textwrap.fill(wording.adherence_label(e), 26) for e in result.exercises],
        fontsize=7,
        **LITERAL,
    )
    _date_axis(ax, report.start, report.end)
    return fig


FIGURES = {"trend": trend_figure, "practice": practice_figure, "adherence": adherence_figure}


def figure_bytes(fig: "Figure", fmt: str) -> bytes:
    buffer = io.BytesIO()
    # No dates in the metadata: the same data gives the same file.
    metadata = {"png": {"Software": None}, "svg": {"Date": None}, "pdf": {"CreationDate": None}}
    fig.savefig(buffer, format=fmt, dpi=DPI, metadata=metadata[fmt])
    return buffer.getvalue()


def chart_bytes(report: Report, kind: str, fmt: str) -> bytes:
    if kind not in FIGURES or fmt not in FORMATS:
        raise ValueError(f"unknown chart {kind}.{fmt}")
    return figure_bytes(FIGURES[kind](report), fmt)
