"""How the charts look: sizes, colours and type for the wide and the phone variant, and the
few drawing helpers every chart shares. matplotlib is imported inside the functions."""

import datetime
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from journal.reports.wording import common as wording

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

_IMPORTING = threading.Lock()


def load_matplotlib() -> None:
    """Import every part of matplotlib the drawings use, one thread at a time. Left to each
    drawing's own imports, two threads drawing at once (a threaded server, the first charts
    of a page) each find the other's half-made matplotlib.colors, fail with "cannot import
    name 'Colormap'", and every later drawing in that process fails the same way."""
    with _IMPORTING:
        import matplotlib.backends.backend_agg
        import matplotlib.backends.backend_pdf
        import matplotlib.figure
        import matplotlib.font_manager
        import matplotlib.lines
        import matplotlib.patches
        import matplotlib.transforms  # noqa: F401


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


def figure(kind: str, style: Style) -> "Figure":
    from matplotlib.figure import Figure

    width, height = style.width, style.heights[kind]
    return Figure(figsize=(width / DPI, height / DPI), dpi=DPI, layout=None)


def margins(fig: "Figure", style: Style, **override: float) -> dict[str, float]:
    """Fixed margins in CSS pixels turned into the figure fractions subplots_adjust takes."""
    width, height = fig.get_size_inches() * DPI
    px = {**style.margins, **override}
    return {
        "left": px["left"] / width,
        "right": 1 - px["right"] / width,
        "top": 1 - px["top"] / height,
        "bottom": px["bottom"] / height,
    }


def no_data(ax: "Axes", style: Style) -> None:
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


def panel_title(
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
