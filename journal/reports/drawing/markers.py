"""Medicine changes on the trend chart: a dashed vertical line through the panels on each
change's day, labelled in a band of up to three lines above them.

Labels never overlap: each is measured with the font it is drawn in and put on the first
line of the band where it fits; a label that fits nowhere joins the one before it
("Naproxen started, +1 more") and the placing starts again, so a crowded ten-year chart
still labels every line or group of lines. The alt text, the table and the PDF's list name
every change.
"""

import datetime
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from journal.analysis.factors import MedicineEventRow
from journal.reports.wording.factors import event_label

from .style import LITERAL, Style

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

MAX_LINES = 3
MARKER_COLOUR = "#444444"
LINE_HEIGHT = 1.45  # the band's line height, as a multiple of the type size
GAP = 0.08  # inches kept free between two labels on a line
NOTCH = 0.07  # inches from the line's triangle to its label


@functools.cache
def _renderer() -> object:
    from matplotlib.backends.backend_agg import RendererAgg

    return RendererAgg(10, 10, 72)  # at 72 dpi a pixel is a point


@functools.lru_cache(maxsize=4096)
def text_width(text: str, size: float) -> float:
    """The width of ``text`` in inches at ``size`` points, as matplotlib draws it."""
    from matplotlib.font_manager import FontProperties

    width = _renderer().get_text_width_height_descent(text, FontProperties(size=size), False)[0]
    return width / 72


@dataclass(frozen=True)
class Label:
    x: float  # inches from the figure's left: the line it belongs to
    text: str
    line: int  # 0 is the band's top line
    left: bool  # the text runs left of the line (it would leave the plot on the right)
    start: float  # inches: the text's left edge
    end: float


def _fit(text: str, limit: float, size: float) -> str:
    while len(text) > 1 and text_width(text, size) > limit:
        text = text[:-2].rstrip() + "…"
    return text


def plan_labels(
    marks: Sequence[tuple[float, str]],
    left: float,
    right: float,
    size: float,
    max_lines: int = MAX_LINES,
) -> list[Label]:
    """Where the labels of ``marks`` ((x in inches, label), by x) go in the band."""
    groups: list[list[int]] = [[i] for i in range(len(marks))]
    widest = (right - left) * 0.9
    while True:
        ends = [float("-inf")] * max_lines
        placed: list[Label] = []
        for number, group in enumerate(groups):
            x, text = marks[group[0]]
            more = f", +{len(group) - 1} more" if len(group) > 1 else ""
            # The name gives way first: how many more changes the group holds always shows.
            text = _fit(text, widest - text_width(more, size), size) + more
            width = text_width(text, size)
            start, runs_left = x + NOTCH, False
            if start + width > right:
                start, runs_left = x - NOTCH - width, True
            start = max(left, start)
            low, high = min(start, x - NOTCH), max(start + width, x + NOTCH)
            line = next((i for i, end in enumerate(ends) if end + GAP <= low), None)
            if line is None:
                # No line has room: this group joins the one before it, and all start again.
                groups[number - 1].extend(group)
                del groups[number]
                break
            ends[line] = high
            placed.append(Label(x, text, line, runs_left, start, start + width))
        else:
            return placed


def _x_inches(
    day: datetime.date, first: datetime.date, end: datetime.date, box: dict, width: float
) -> float:
    span = (end - first).days + 1
    fraction = ((day - first).days + 0.5) / span
    return (box["left"] + fraction * (box["right"] - box["left"])) * width


def shown_events(
    events: Sequence[MedicineEventRow], first: datetime.date, end: datetime.date
) -> list[MedicineEventRow]:
    return [event for event in events if first <= event.day <= end]


@dataclass(frozen=True)
class Band:
    """The labels of a chart's medicine changes and the height their band takes."""

    labels: list[Label]
    days: list[datetime.date]  # every change's day: each gets its line
    lines: int
    line_height: float  # inches

    @property
    def height(self) -> float:
        return self.lines * self.line_height + (0.06 if self.lines else 0)


def plan_band(
    fig: "Figure",
    events: Sequence[MedicineEventRow],
    first: datetime.date,
    end: datetime.date,
    box: dict[str, float],
    style: Style,
) -> Band:
    shown = sorted(shown_events(events, first, end), key=lambda e: (e.day, e.medicine))
    line_height = style.text * LINE_HEIGHT / 72
    if not shown:
        return Band([], [], 0, line_height)
    width = fig.get_figwidth()
    # Names cut shorter on the narrow phone chart; the printed page keeps two lines of labels.
    limit = 14 if style.name == "phone" else 22
    marks = [(_x_inches(e.day, first, end, box, width), event_label(e, limit)) for e in shown]
    lines = 2 if style.compact else MAX_LINES
    labels = plan_labels(marks, box["left"] * width, box["right"] * width, style.text, lines)
    return Band(
        labels, [e.day for e in shown], max(label.line for label in labels) + 1, line_height
    )


def draw_band(fig: "Figure", band: Band, top: float, style: Style) -> None:
    """The labels and their triangles, in the band whose top is ``top`` (figure fraction)."""
    from matplotlib.lines import Line2D

    width, height = fig.get_figwidth(), fig.get_figheight()
    for label in band.labels:
        y = top - (label.line + 0.5) * band.line_height / height
        fig.text(
            label.start / width,
            y,
            label.text,
            fontsize=style.text,
            va="center",
            ha="left",
            color=MARKER_COLOUR,
            gid="medicine-label",
            **LITERAL,
        )
        fig.add_artist(
            Line2D(
                [label.x / width],
                [y],
                marker="v",
                markersize=style.text * 0.6,
                color=MARKER_COLOUR,
                linestyle="none",
            )
        )


def draw_lines(panels: Sequence["Axes"], days: Sequence[datetime.date]) -> None:
    """One dashed line per change through every panel, at the middle of its day."""
    import numpy as np

    xs = np.array(days, dtype="datetime64[D]").astype(float) + 0.5
    for ax in panels:
        ax.vlines(
            xs,
            0,
            1,
            transform=ax.get_xaxis_transform(),
            colors=MARKER_COLOUR,
            linestyles=(0, (3, 2)),
            linewidth=0.9,
            zorder=1.5,
            gid="medicine-lines",
        )
