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

import io
import textwrap
from typing import TYPE_CHECKING

from footcare.vocabulary import AREA_LABELS, AREAS
from journal.analysis.report import ExerciseAdherence, Report
from journal.reports.wording import charts as wording
from journal.reports.wording import common

from .style import (
    CHART_KINDS,
    CHART_NAMES,
    DPI,
    FORMATS,
    LITERAL,
    PHONE,
    PHONE_SIZES,
    SIZES,
    WIDE,
    Style,
    figure,
    load_matplotlib,
    margins,
    no_data,
    split_name,
)
from .trend import date_axis, date_ticks, shown_start, trend_figure

# The charts' face: the kinds, names and sizes that views, commands and tests ask for are
# declared in ``style``, the trend chart in ``trend``.
__all__ = [
    "CHART_KINDS",
    "CHART_NAMES",
    "DPI",
    "FIGURES",
    "FORMATS",
    "PHONE",
    "PHONE_SIZES",
    "SIZES",
    "adherence_figure",
    "chart_bytes",
    "chart_figure",
    "date_ticks",
    "figure_bytes",
    "practice_figure",
    "split_name",
    "trend_figure",
]

if TYPE_CHECKING:
    from matplotlib.figure import Figure


def practice_figure(report: Report, style: Style = WIDE) -> "Figure":
    """Per area, the adjusted next-day difference after the whole routine with its 95% interval."""
    fig = figure("practice", style)
    title = wording.TITLES["practice"]
    title = textwrap.fill(title, 36 if style is PHONE else 80)
    lines = title.count("\n") + 1
    # Room above the axes for the title's lines; on the left for the axis label's three.
    top = 14 + lines * style.title * 1.3 / 72 * DPI
    left = style.margins["left"] + 4.2 * style.text / 72 * DPI
    fig.subplots_adjust(**margins(fig, style, top=top, left=left))
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
        no_data(ax, style)
        ax.set_xticks([])
        return fig
    xs, ys, below, above, reach = [], [], [], [], 3.0
    for index, area in enumerate(AREAS):
        fit = report.fits[area]
        interval = fit.interval()
        if fit.estimate is None or interval is None:
            ax.text(
                index,
                0.25,
                common.NOT_ENOUGH,
                ha="center",
                va="bottom",
                fontsize=style.text,
                color="#555555",
                **LITERAL,
            )
            continue
        low, high = interval
        xs.append(index)
        ys.append(fit.estimate)
        below.append(fit.estimate - low)
        above.append(high - fit.estimate)
        reach = max(reach, abs(low), abs(high))
        # Beside its point, where no other area's interval reaches: to the right, and to
        # the left for the last area, whose right is the edge of the chart.
        last = index == len(AREAS) - 1
        ax.annotate(
            wording.estimate_label(fit),
            (index, fit.estimate),
            xytext=(-7 if last else 7, 0),
            textcoords="offset points",
            ha="right" if last else "left",
            va="center",
            fontsize=style.text,
            **LITERAL,
        )
    ax.errorbar(xs, ys, yerr=[below, above], fmt="o", color="#2ca02c", capsize=5, gid="estimate")
    ax.axhline(0, color="#555555", linewidth=0.8)
    ax.set_xticks(range(len(AREAS)), [AREA_LABELS[a] for a in AREAS], **LITERAL)
    ax.set_xlim(-0.5, len(AREAS) - 0.5)
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
        share = common.share_text(exercise)
        tail = textwrap.shorten(" ".join(lines[1:]), width - len(share) - 3, placeholder="…")
        lines = [lines[0], wording.adherence_label_tail(tail, exercise)]
    return "\n".join(lines)


def adherence_figure(report: Report, style: Style = WIDE) -> "Figure":
    import numpy as np
    from matplotlib.colors import ListedColormap

    fig = figure("adherence", style)
    left = 0.52 * style.width if style is PHONE else 0.3 * style.width
    fig.subplots_adjust(**margins(fig, style, left=left))
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
        no_data(ax, style)
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
    date_axis(ax, shown_start(report), report.end, style)
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
    load_matplotlib()
    return figure_bytes(FIGURES[kind](report, style), fmt, style.scale if fmt == "png" else 1)
